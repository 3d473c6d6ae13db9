package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The label index follows the keyspace (create, ALTER LABELS, RENAME, DEL, overwrite, FLUSHALL)
 * and is rebuilt from the persisted series after a restart. Runs on its own server.
 */
class TsLabelIndexIT {

    private static String keys(String... keys) {
        StringBuilder sb = new StringBuilder("*" + keys.length + "\r\n");
        for (String k : keys) sb.append('$').append(k.length()).append("\r\n").append(k).append("\r\n");
        return sb.toString();
    }

    @Test
    @Covers({"ts.queryindex", "ts.alter", "ts.create", "ts.add"})
    void indexFollowsTheKeyspaceAndSurvivesRestart() throws Exception {
        Path dir = Files.createTempDirectory("stocktsdb-ts-index");
        try {
            try (TestServer server = TestServer.startIn(dir); RawClient c = new RawClient(server.port())) {
                c.call("TS.CREATE", "s:1", "LABELS", "metric", "cpu", "host", "a");
                c.call("TS.CREATE", "s:2", "LABELS", "metric", "cpu", "host", "b");
                c.call("TS.ADD", "s:3", "1", "1", "LABELS", "metric", "mem");
                assertThat(c.call("TS.QUERYINDEX", "metric=cpu")).isEqualTo(keys("s:1", "s:2"));

                assertThat(c.call("TS.ALTER", "s:2", "LABELS", "metric", "disk")).isEqualTo("+OK\r\n");
                assertThat(c.call("TS.QUERYINDEX", "metric=cpu")).isEqualTo(keys("s:1"));
                assertThat(c.call("TS.QUERYINDEX", "metric=disk", "host=")).isEqualTo(keys("s:2"));

                assertThat(c.call("RENAME", "s:1", "s:0")).isEqualTo("+OK\r\n");
                c.call("TS.CREATE", "s:9", "LABELS", "metric", "cpu");
                assertThat(c.call("TS.QUERYINDEX", "metric=(cpu,mem)")).isEqualTo(keys("s:0", "s:3", "s:9"));

                assertThat(c.call("DEL", "s:9")).isEqualTo(":1\r\n");
                c.call("SET", "s:3", "now a string");
                assertThat(c.call("TS.QUERYINDEX", "metric=(cpu,mem)")).isEqualTo(keys("s:0"));
                c.call("TS.CREATE", "s:5", "LABELS", "metric", "cpu", "host", "z");
            }
            try (TestServer server = TestServer.startIn(dir); RawClient c = new RawClient(server.port())) {
                assertThat(c.call("TS.QUERYINDEX", "metric=cpu")).isEqualTo(keys("s:0", "s:5"));
                assertThat(c.call("TS.QUERYINDEX", "metric=disk")).isEqualTo(keys("s:2"));
                assertThat(c.call("TS.QUERYINDEX", "host!=a", "metric=(cpu,disk)")).isEqualTo(keys("s:2", "s:5"));
                assertThat(c.call("FLUSHALL")).isEqualTo("+OK\r\n");
                assertThat(c.call("TS.QUERYINDEX", "metric=cpu")).isEqualTo("*0\r\n");
                c.call("TS.CREATE", "s:7", "LABELS", "metric", "cpu");
                assertThat(c.call("TS.QUERYINDEX", "metric=cpu")).isEqualTo(keys("s:7"));
            }
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    @Test
    @Covers({"ts.mget", "ts.madd"})
    void manySeriesAreFoundByTheIndex() throws Exception {
        String t = TsServer.unique("idx");
        int n = 3000;
        try (RawClient c = TsServer.raw()) {
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < n; i++) {
                pipeline.append(RawClient.command("TS.CREATE", t + ":" + i, "LABELS", "t", t, "mod", String.valueOf(i % 10)));
            }
            c.send(pipeline.toString());
            for (int i = 0; i < n; i++) assertThat(c.readReply()).isEqualTo("+OK\r\n");
            c.call("TS.MADD", t + ":3", "5", "1", t + ":13", "5", "2");
            String reply = c.call("TS.MGET", "FILTER", "t=" + t, "mod=3");
            assertThat(reply).startsWith("*" + (n / 10) + "\r\n*3\r\n$" + (t + ":1003").length() + "\r\n" + t + ":1003\r\n");
            assertThat(c.call("TS.QUERYINDEX", "t=" + t, "mod=(1,2)", "mod!=2")).startsWith("*" + (n / 10) + "\r\n");
        }
    }
}
