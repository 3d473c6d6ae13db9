package io.stocktsdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DUMP and RESTORE over a raw socket: exact replies and Redis's errors, round trips of strings
 * and time series (samples with quality, labels, options, rules and links) across a restart.
 * Series are built and inspected through the engine, independent of the TS.* commands.
 */
@WithServer(flushEachTest = true)
class DumpRestoreIT {
    static TestServer server;
    RawClient c;

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String text(byte[] reply) { return new String(reply, StandardCharsets.ISO_8859_1); }

    /** The payload of a bulk-string reply. */
    private static byte[] payloadOf(byte[] reply) {
        String head = text(reply);
        assertThat(head).startsWith("$");
        int crlf = head.indexOf("\r\n");
        int len = Integer.parseInt(head.substring(1, crlf));
        assertThat(reply.length).isEqualTo(crlf + 2 + len + 2);
        return Arrays.copyOfRange(reply, crlf + 2, crlf + 2 + len);
    }

    private byte[] dump(String key) throws Exception {
        return payloadOf(c.callBytes(b("DUMP"), b(key)));
    }

    private String restore(String key, String ttl, byte[] payload, String... options) throws Exception {
        List<byte[]> args = new ArrayList<>(List.of(b("RESTORE"), b(key), b(ttl), payload));
        for (String o : options) args.add(b(o));
        return text(c.callBytes(args.toArray(new byte[0][])));
    }

    private static Engine engine(TestServer s) { return s.server().context().engine(); }

    private static List<String> samples(Series s) {
        List<String> out = new ArrayList<>();
        SampleCursor cur = s.range(Long.MIN_VALUE, Long.MAX_VALUE, true);
        while (cur.next()) out.add(cur.timestamp() + "=" + cur.doubleValue() + "/" + cur.quality());
        return out;
    }

    @Test
    @Covers({"dump", "restore"})
    void dumpOfAMissingKeyIsNil() throws Exception {
        assertThat(c.call("DUMP", "nope")).isEqualTo("$-1\r\n");
        assertThat(c.call("DUMP")).isEqualTo("-ERR wrong number of arguments for 'dump' command\r\n");
        assertThat(c.call("DUMP", "a", "b")).isEqualTo("-ERR wrong number of arguments for 'dump' command\r\n");
        assertThat(c.call("RESTORE", "a", "0")).isEqualTo("-ERR wrong number of arguments for 'restore' command\r\n");
    }

    @Test
    void stringRoundTripWithReplaceTtlAndAbsTtl() throws Exception {
        assertThat(c.call("SET", "k", "hello world")).isEqualTo("+OK\r\n");
        byte[] payload = dump("k");
        assertThat(payload[0]).isEqualTo((byte) 1); // format version
        assertThat(payload[1]).isEqualTo((byte) 1); // type: string
        assertThat(restore("k2", "0", payload)).isEqualTo("+OK\r\n");
        assertThat(c.call("GET", "k2")).isEqualTo("$11\r\nhello world\r\n");
        assertThat(restore("k2", "0", payload)).isEqualTo("-BUSYKEY Target key name already exists.\r\n");
        assertThat(c.call("SET", "k2", "other")).isEqualTo("+OK\r\n");
        assertThat(restore("k2", "0", payload, "REPLACE")).isEqualTo("+OK\r\n");
        assertThat(c.call("GET", "k2")).isEqualTo("$11\r\nhello world\r\n");

        assertThat(restore("t", "60000", payload)).isEqualTo("+OK\r\n");
        long expireAt = engine(server).keyspace().expireAtMs(Key.of("t"));
        assertThat(expireAt).isBetween(System.currentTimeMillis() + 50_000, System.currentTimeMillis() + 60_000);
        long abs = System.currentTimeMillis() + 3_600_000;
        assertThat(restore("a", Long.toString(abs), payload, "ABSTTL", "IDLETIME", "10")).isEqualTo("+OK\r\n");
        assertThat(engine(server).keyspace().expireAtMs(Key.of("a"))).isEqualTo(abs);
        // an absolute TTL in the past: the old key is deleted, nothing is created, +OK (Redis)
        assertThat(restore("a", "1", payload, "ABSTTL", "REPLACE", "FREQ", "5")).isEqualTo("+OK\r\n");
        assertThat(c.call("EXISTS", "a")).isEqualTo(":0\r\n");
    }

    @Test
    void errorsInRedisOrder() throws Exception {
        assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
        byte[] payload = dump("k");
        assertThat(restore("k", "0", payload, "FOO")).isEqualTo("-ERR syntax error\r\n");
        assertThat(restore("n", "0", payload, "IDLETIME")).isEqualTo("-ERR syntax error\r\n");
        assertThat(restore("n", "0", payload, "IDLETIME", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(restore("n", "0", payload, "IDLETIME", "-1")).isEqualTo("-ERR Invalid IDLETIME value, must be >= 0\r\n");
        assertThat(restore("n", "0", payload, "FREQ", "256")).isEqualTo("-ERR Invalid FREQ value, must be >= 0 and <= 255\r\n");
        assertThat(restore("n", "0", payload, "IDLETIME", "1", "FREQ", "1")).isEqualTo("-ERR syntax error\r\n");
        // BUSYKEY is checked before the TTL and the payload
        assertThat(restore("k", "-1", b("junk"))).isEqualTo("-BUSYKEY Target key name already exists.\r\n");
        assertThat(restore("n", "-1", payload)).isEqualTo("-ERR Invalid TTL value, must be >= 0\r\n");
        assertThat(restore("n", "abc", payload)).isEqualTo("-ERR value is not an integer or out of range\r\n");
        byte[] corrupt = payload.clone();
        corrupt[2] ^= 0x20;
        assertThat(restore("n", "0", corrupt)).isEqualTo("-ERR DUMP payload version or checksum are wrong\r\n");
        assertThat(restore("n", "0", b("x"))).isEqualTo("-ERR DUMP payload version or checksum are wrong\r\n");
        // a payload shaped like Redis's (RDB type, value, RDB version, CRC64): not our format
        byte[] redis = {0x00, 0x03, 'b', 'a', 'r', 0x0b, 0x00, (byte) 0xa4, 0x25, (byte) 0xa6, 0x13, 0x6c, 0x14, 0x40, (byte) 0xe0};
        assertThat(restore("n", "0", redis)).isEqualTo("-ERR DUMP payload version or checksum are wrong\r\n");
        assertThat(c.call("EXISTS", "n")).isEqualTo(":0\r\n");
    }

    /** A source with labels, options, samples of every quality and a rule into "dst" with an open bucket. */
    private static void buildSeries(Engine e) {
        SeriesOptions o = e.defaultSeriesOptions(Key.of("src"), ValueType.DOUBLE).withRetentionMs(86_400_000)
                .withChunkSizeBytes(256).withDuplicatePolicy(DuplicatePolicy.LAST).withEncoding(ChunkEncoding.COMPRESSED)
                .withIgnore(3, 0.5).withLabels(Map.of("sym", "AAPL", "venue", "XNAS"));
        Series src = e.keyspace().createSeries(Key.of("src"), o);
        e.keyspace().createSeries(Key.of("dst"), e.defaultSeriesOptions(Key.of("dst"), ValueType.DOUBLE));
        e.compactions().createRule(Key.of("src"), Key.of("dst"), Aggregator.AVG, 60_000, 0, false);
        for (int i = 0; i < 500; i++) {
            src.add(1_700_000_000_000L + i * 1000L, Double.doubleToRawLongBits(100 + i / 4.0), null, i % 3 == 0 ? 50 : 100, null);
        }
    }

    private static String describe(Series s) {
        SeriesOptions o = s.options();
        return o.valueType() + " " + o.retentionMs() + " " + o.chunkSizeBytes() + " " + o.duplicatePolicy() + " "
                + o.encoding() + " " + o.ignoreMaxTimeDiff() + " " + o.ignoreMaxValDiff() + " " + o.labels() + " "
                + o.rules().stream().map(r -> r.destKey() + "/" + r.aggregatorCode() + "/" + r.bucketDuration()).toList()
                + " " + o.sourceKey();
    }

    private static String latest(Engine e, String dest) {
        Sample s = e.compactions().latest(Key.of(dest));
        return s.timestamp() + "=" + Double.longBitsToDouble(s.valueBits());
    }

    @Test
    void seriesRoundTripKeepsSamplesOptionsRulesAndLinksAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory("stocktsdb-dump-it");
        try {
            List<String> srcSamples;
            List<String> dstSamples;
            String srcOptions;
            String latest;
            try (TestServer s = TestServer.startIn(dir); RawClient rc = new RawClient(s.port())) {
                Engine e = engine(s);
                buildSeries(e);
                srcSamples = samples(e.keyspace().getSeries(Key.of("src")));
                dstSamples = samples(e.keyspace().getSeries(Key.of("dst")));
                srcOptions = describe(e.keyspace().getSeries(Key.of("src")));
                latest = latest(e, "dst");
                assertThat(srcSamples).hasSize(500);
                assertThat(dstSamples).hasSize(8);

                byte[] src = payloadOf(rc.callBytes(b("DUMP"), b("src")));
                byte[] dst = payloadOf(rc.callBytes(b("DUMP"), b("dst")));
                assertThat(src[1]).isEqualTo((byte) 2); // type: time series
                assertThat(rc.call("DEL", "src", "dst")).isEqualTo(":2\r\n");
                assertThat(text(rc.callBytes(b("RESTORE"), b("dst"), b("0"), dst))).isEqualTo("+OK\r\n");
                assertThat(text(rc.callBytes(b("RESTORE"), b("src"), b("0"), src))).isEqualTo("+OK\r\n");
                assertThat(rc.call("TYPE", "src")).isEqualTo("+TSDB-TYPE\r\n");
                assertThat(text(rc.callBytes(b("RESTORE"), b("src"), b("100000"), src, b("REPLACE")))).isEqualTo("+OK\r\n");
                assertThat(rc.call("TTL", "src")).isEqualTo(":100\r\n");
                assertThat(rc.call("PERSIST", "src")).isEqualTo(":1\r\n");
                assertThat(text(rc.callBytes(b("RESTORE"), b("copy"), b("0"), src))).isEqualTo("+OK\r\n");
                assertRestored(e, srcSamples, dstSamples, srcOptions, latest);
            }
            try (TestServer s = TestServer.startIn(dir)) {
                assertRestored(engine(s), srcSamples, dstSamples, srcOptions, latest);
            }
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    private static void assertRestored(Engine e, List<String> srcSamples, List<String> dstSamples, String srcOptions, String latest) {
        Series src = e.keyspace().getSeries(Key.of("src"));
        Series dst = e.keyspace().getSeries(Key.of("dst"));
        assertThat(samples(src)).isEqualTo(srcSamples);
        assertThat(samples(dst)).isEqualTo(dstSamples);
        assertThat(describe(src)).isEqualTo(srcOptions);
        assertThat(src.options().rules()).extracting(RuleSpec::destKey).containsExactly(Key.of("dst"));
        assertThat(dst.options().sourceKey()).isEqualTo(Key.of("src"));
        assertThat(latest(e, "dst")).isEqualTo(latest);
        // the copy has the samples, not the rule: "dst" already has its source
        Series copy = e.keyspace().getSeries(Key.of("copy"));
        assertThat(samples(copy)).isEqualTo(srcSamples);
        assertThat(copy.options().rules()).isEmpty();
        assertThat(copy.options().labels()).isEqualTo(src.options().labels());
    }
}
