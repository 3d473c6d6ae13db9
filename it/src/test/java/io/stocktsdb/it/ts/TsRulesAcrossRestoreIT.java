package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Compaction rules across RESTORE and a restart in the middle of a bucket, exact replies: a
 * restored destination or source is linked again when the other side is free, a destination that
 * meanwhile got another source refuses the restored source's rule (and TS.CREATERULE says why),
 * a RedisTimeSeries payload never brings links, and an open bucket survives a restart.
 */
class TsRulesAcrossRestoreIT {
    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static byte[] dump(RawClient c, String key) throws Exception {
        byte[] reply = c.callBytes(b("DUMP"), b(key));
        String head = new String(reply, StandardCharsets.ISO_8859_1);
        int crlf = head.indexOf("\r\n");
        int len = Integer.parseInt(head.substring(1, crlf));
        return Arrays.copyOfRange(reply, crlf + 2, crlf + 2 + len);
    }

    private static String restore(RawClient c, String key, byte[] payload) throws Exception {
        return new String(c.callBytes(b("RESTORE"), b(key), b("0"), payload), StandardCharsets.ISO_8859_1);
    }

    private static String sourceOf(RawClient c, String key) throws Exception {
        String info = c.call("TS.INFO", key);
        int at = info.indexOf("+sourceKey\r\n") + 12;
        int end = info.indexOf("\r\n", at);
        if (info.startsWith("$-1", at)) return "nil";
        return info.substring(end + 2, info.indexOf("\r\n", end + 2));
    }

    private static String rulesOf(RawClient c, String key) throws Exception {
        String info = c.call("TS.INFO", key);
        int at = info.indexOf("+rules\r\n");
        int end = info.indexOf("+ignoreMaxTimeDiff", at);
        return info.substring(at + 8, end);
    }

    @Test
    @Covers({"restore", "ts.createrule"})
    void restoredDestinationAndSourceAreLinkedAgainWhenTheOtherSideIsFree() throws Exception {
        String src = TsServer.unique("l:src");
        String dst = TsServer.unique("l:dst");
        String other = TsServer.unique("l:other");
        try (RawClient c = TsServer.raw()) {
            c.call("TS.CREATE", src);
            c.call("TS.CREATE", dst);
            c.call("TS.CREATERULE", src, dst, "AGGREGATION", "sum", "10");
            c.call("TS.ADD", src, "1", "1");
            String rule = "*1\r\n*4\r\n$" + dst.length() + "\r\n" + dst + "\r\n:10\r\n+SUM\r\n:0\r\n";
            assertThat(rulesOf(c, src)).isEqualTo(rule);

            byte[] dstPayload = dump(c, dst);
            c.call("DEL", dst);
            assertThat(rulesOf(c, src)).isEqualTo("*0\r\n");
            assertThat(restore(c, dst, dstPayload)).isEqualTo("+OK\r\n");
            assertThat(sourceOf(c, dst)).isEqualTo(src);
            assertThat(rulesOf(c, src)).isEqualTo(rule);

            byte[] srcPayload = dump(c, src);
            c.call("DEL", src);
            assertThat(sourceOf(c, dst)).isEqualTo("nil");
            c.call("TS.CREATE", other);
            c.call("TS.CREATERULE", other, dst, "AGGREGATION", "max", "10");
            // the destination has another source now: the restored source comes back without its rule
            assertThat(restore(c, src, srcPayload)).isEqualTo("+OK\r\n");
            assertThat(rulesOf(c, src)).isEqualTo("*0\r\n");
            assertThat(sourceOf(c, dst)).isEqualTo(other);
            assertThat(c.call("TS.CREATERULE", src, dst, "AGGREGATION", "sum", "10"))
                    .isEqualTo("-ERR TSDB: the destination key already has a src rule\r\n");
        }
    }

    @Test
    @Covers("restore")
    void aRedisTimeSeriesPayloadNeverBringsLinks() throws Exception {
        String src = TsServer.unique("l:rsrc");
        try (RawClient c = TsServer.raw()) {
            // the real encoding-5 payload of "ts2{a}", a destination of "ts1{a}" (RtsRestoreIT)
            c.call("TS.CREATE", "ts1{a}");
            assertThat(restore(c, "ts2{a}", HexFormat.of().parseHex(RtsRestoreIT.REAL_DST_V5))).isEqualTo("+OK\r\n");
            assertThat(sourceOf(c, "ts2{a}")).isEqualTo("nil");
            assertThat(rulesOf(c, "ts1{a}")).isEqualTo("*0\r\n");
            c.call("DEL", "ts1{a}", "ts2{a}", src);
        }
    }

    @Test
    @Covers({"ts.createrule", "ts.add"})
    void anOpenBucketSurvivesARestart() throws Exception {
        TestServer s = TestServer.start();
        java.nio.file.Path dir = s.dataDir();
        try {
            try (RawClient c = new RawClient(s.port())) {
                c.call("TS.CREATE", "src");
                c.call("TS.CREATE", "dst");
                c.call("TS.CREATERULE", "src", "dst", "AGGREGATION", "sum", "100");
                c.call("TS.ADD", "src", "110", "1");
                c.call("TS.ADD", "src", "120", "2");
            }
            s.stop();
            s = TestServer.startIn(dir);
            try (RawClient c = new RawClient(s.port())) {
                c.call("TS.ADD", "src", "150", "4");
                assertThat(c.call("TS.RANGE", "dst", "-", "+", "LATEST")).isEqualTo("*1\r\n*2\r\n:100\r\n+7\r\n");
                c.call("TS.ADD", "src", "210", "8");
                assertThat(c.call("TS.RANGE", "dst", "-", "+")).isEqualTo("*1\r\n*2\r\n:100\r\n+7\r\n");
            }
        } finally {
            s.close();
        }
    }
}
