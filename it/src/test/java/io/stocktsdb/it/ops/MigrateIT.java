package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.boot.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code stocktsdb migrate} through the real CLI. No Redis + RedisTimeSeries can run here, so the
 * source is a second StockTSDB server: it answers SCAN, TYPE, DUMP, PTTL, TS.INFO and TS.RANGE as
 * RedisTimeSeries does. {@code --mode dump} and {@code auto} take the DUMP/RESTORE path (with our
 * own payload format; RESTORE of RedisTimeSeries payloads is covered by RtsRestoreIT), {@code
 * --mode range} the TS.INFO + TS.RANGE fallback used when RESTORE refuses a payload.
 */
class MigrateIT {
    private TestServer source;
    private TestServer target;

    @BeforeEach
    void start() throws Exception {
        source = TestServer.start();
        target = TestServer.start();
        try (RawClient c = new RawClient(source.port())) {
            c.call("TS.CREATE", "tick:aapl", "RETENTION", "0", "CHUNK_SIZE", "256", "DUPLICATE_POLICY", "LAST",
                    "IGNORE", "5", "0.5", "LABELS", "sym", "AAPL", "kind", "tick");
            c.call("TS.CREATE", "bar:aapl:1m", "LABELS", "sym", "AAPL", "kind", "bar");
            c.call("TS.CREATERULE", "tick:aapl", "bar:aapl:1m", "AGGREGATION", "last", "60000");
            c.call("TS.CREATE", "tick:msft", "ENCODING", "UNCOMPRESSED", "LABELS", "sym", "MSFT");
            for (int i = 0; i < 1200; i++) {
                c.call("TS.ADD", "tick:aapl", String.valueOf(1_700_000_000_000L + i * 1000L), String.valueOf(187 + (i % 50) / 100.0));
                if (i % 3 == 0) c.call("TS.ADD", "tick:msft", String.valueOf(1_700_000_000_000L + i * 1000L), String.valueOf(400 - i / 1000.0));
            }
            c.call("SET", "note", "hello");
            c.call("PEXPIRE", "tick:msft", "3600000");
        }
    }

    @AfterEach
    void stop() {
        source.close();
        target.close();
    }

    record Run(int exit, String out, String err) {}

    private Run migrate(String... extra) {
        return migrateFrom(source.port(), extra);
    }

    private Run migrateFrom(int sourcePort, String... extra) {
        List<String> a = new ArrayList<>(List.of("migrate", "--from-port", String.valueOf(sourcePort),
                "--port", String.valueOf(target.port()), "--progress", "none"));
        a.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(a.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static String call(TestServer s, String... args) throws Exception {
        try (RawClient c = new RawClient(s.port())) {
            return c.call(args);
        }
    }

    /** @param ruleStateKept whether the rule's open bucket travelled (our DUMP format) or restarts (TS.CREATERULE) */
    private void assertSameData(boolean ruleStateKept) throws Exception {
        for (String key : List.of("tick:aapl", "bar:aapl:1m", "tick:msft")) {
            assertThat(call(target, "TS.RANGE", key, "-", "+")).as(key).isEqualTo(call(source, "TS.RANGE", key, "-", "+"));
            assertThat(call(target, "TS.INFO", key).replaceAll("memoryUsage\r\n:\\d+", "").replaceAll("chunkCount\r\n:\\d+", ""))
                    .as(key).isEqualTo(call(source, "TS.INFO", key).replaceAll("memoryUsage\r\n:\\d+", "").replaceAll("chunkCount\r\n:\\d+", ""));
        }
        assertThat(call(target, "GET", "note")).isEqualTo("$5\r\nhello\r\n");
        assertThat(Long.parseLong(call(target, "PTTL", "tick:msft").substring(1).trim())).isBetween(3_000_000L, 3_600_000L);
        assertThat(call(target, "TS.QUERYINDEX", "sym=AAPL")).isEqualTo("*2\r\n$11\r\nbar:aapl:1m\r\n$9\r\ntick:aapl\r\n");
        // the rule runs on the target: a sample in a later minute closes the open bucket into the destination
        String before = call(target, "TS.RANGE", "bar:aapl:1m", "-", "+");
        call(target, "TS.ADD", "tick:aapl", "1700001300000", "190");
        String after = call(target, "TS.RANGE", "bar:aapl:1m", "-", "+");
        if (ruleStateKept) {
            assertThat(after).startsWith("*21\r\n").endsWith("*2\r\n:1700001180000\r\n+187.49\r\n");
        } else {
            assertThat(after).isEqualTo(before); // like RTS: a new rule starts with the next sample's bucket
        }
        call(target, "TS.ADD", "tick:aapl", "1700001400000", "191");
        assertThat(call(target, "TS.RANGE", "bar:aapl:1m", "-", "+")).endsWith("*2\r\n:1700001300000\r\n+190\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto", "dump", "range"})
    void copiesSeriesWithOptionsLabelsRulesAndTtlsThenVerifies(String mode) throws Exception {
        Run r = migrate("--mode", mode);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        boolean range = mode.equals("range");
        assertThat(r.out()).contains("keys scanned:    4\n")
                .contains(range ? "series copied:   3 (DUMP/RESTORE 0, TS.RANGE 3), 1620 samples\n"
                        : "series copied:   3 (DUMP/RESTORE 3, TS.RANGE 0), 1620 samples\n")
                .contains("strings copied:  1\n")
                .contains(range ? "rules:           1 created, 0 already present\n" : "rules:           0 created, 1 already present\n")
                .contains("verified:        3 series\n").contains("failed:          0\n").contains("mismatches:      0\n");
        assertSameData(!range);
    }

    @Test
    void existingKeysAreReportedUnlessReplaced() throws Exception {
        call(target, "TS.CREATE", "tick:aapl");
        call(target, "TS.ADD", "tick:aapl", "1", "1");
        Run r = migrate("--match", "tick:*");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("keys scanned:    2\n").contains("failed:          1\n")
                .contains("  tick:aapl: already exists on the target (use --replace)\n");
        assertThat(call(target, "TS.RANGE", "tick:aapl", "-", "+")).isEqualTo("*1\r\n*2\r\n:1\r\n+1\r\n");
        Run again = migrate("--replace", "--mode", "range");
        assertThat(again.exit()).as(again.out()).isZero();
        assertSameData(false);
    }

    @Test
    void anUnreachableSourceIsAnError() {
        Run r = migrateFrom(1);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("stocktsdb migrate: ");
    }
}
