package io.stocktsdb.it.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A business's timestamp_unit: the unit of every filled-in "now", and mixed units refused. */
class TimestampUnitIT {
    private static final String TYPES = "[{\"name\":\"ticks\",\"prefix\":\"tick:\",\"timestamp_unit\":\"s\"},"
            + "{\"name\":\"quotes\",\"prefix\":\"q:\",\"timestamp_unit\":\"ms\"}]";
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(ConfigFields.BUSINESS_TYPES, TYPES); }

    @AfterAll
    static void stop() { server.close(); }

    private static long integer(String reply) {
        assertThat(reply).startsWith(":");
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }

    @Test
    void everyFilledInNowUsesTheBusinessUnit() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            long beforeS = System.currentTimeMillis() / 1000;
            assertThat(integer(c.call("TS.ADD", "tick:a", "*", "1"))).isBetween(beforeS, beforeS + 5);
            assertThat(c.call("TS.INCRBY", "tick:b", "1")).startsWith(":");
            assertThat(c.call("TS.GET", "tick:b")).startsWith("*2\r\n:" + String.valueOf(beforeS).substring(0, 7));
            assertThat(c.call("TS.CREATE", "tick:m")).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.MADD", "tick:m", "*", "2")).startsWith("*1\r\n:" + String.valueOf(beforeS).substring(0, 7));
            assertThat(c.call("BATCH_SET", "tick:c", "1")).isEqualTo("+OK\r\n");
            assertThat(c.call("BATCH_SET", "q:c", "1")).isEqualTo("+OK\r\n");
            assertThat(c.call("BATCH_FLUSH")).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.GET", "tick:c")).startsWith("*2\r\n:" + String.valueOf(beforeS).substring(0, 7));
            long beforeMs = System.currentTimeMillis() - 5000;
            String q = c.call("TS.GET", "q:c");
            assertThat(Long.parseLong(q.substring(5, q.indexOf("\r\n", 5)))).isBetween(beforeMs, beforeMs + 10_000);
        }
    }

    @Test
    void explicitTimestampsInTheOtherUnitAreRefused() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            long ms = 1_760_319_177_000L;
            assertThat(c.call("TS.ADD", "tick:x", Long.toString(ms), "1"))
                    .isEqualTo("-ERR timestamp " + ms + " is in milliseconds but business 'ticks' keeps seconds (timestamp_unit s)\r\n");
            assertThat(c.call("TSDB_SET", "q:x", "1760319177", "1"))
                    .isEqualTo("-ERR timestamp 1760319177 is in seconds but business 'quotes' keeps milliseconds (timestamp_unit ms)\r\n");
            assertThat(c.call("EXISTS", "tick:x", "q:x")).isEqualTo(":0\r\n");
            // small timestamps are not a unit: tests and replays use them
            assertThat(c.call("TS.ADD", "tick:small", "5", "1")).isEqualTo(":5\r\n");
            assertThat(c.call("TS.ADD", "q:small", "5", "1")).isEqualTo(":5\r\n");
        }
    }

    /** Unset (the catch-all business here): TS.* fill in milliseconds, BATCH_SET seconds; mixing them on one key is refused. */
    @Test
    void fillingInTheOtherUnitOnAnExistingSeriesIsRefused() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("TSDB_SET", "plain:s", "1760319177", "100.5")).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.ADD", "plain:s", "*", "1")).isEqualTo("-ERR timestamp unit mismatch: the key holds timestamps "
                    + "in seconds (last 1760319177) but the current time would be written in milliseconds; give the timestamp, "
                    + "or set timestamp_unit of business 'default'\r\n");
            assertThat(c.call("TS.INCRBY", "plain:s", "1")).startsWith("-ERR timestamp unit mismatch");
            assertThat(c.call("TS.ADD", "plain:ms", "*", "1")).startsWith(":");
            assertThat(c.call("BATCH_SET", "plain:ms", "2")).startsWith("-ERR timestamp unit mismatch: the key holds timestamps in milliseconds");
            assertThat(c.call("TSDB_GET", "plain:s", "-", "+")).isEqualTo("*2\r\n$10\r\n1760319177\r\n$5\r\n100.5\r\n");
        }
    }
}
