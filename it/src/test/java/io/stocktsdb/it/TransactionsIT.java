package io.stocktsdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** WATCH / UNWATCH with MULTI / EXEC (cases of Redis's tests/unit/multi.tcl), EXECABORT over maxmemory, errorstats inside EXEC. */
@WithServer(flushEachTest = true)
class TransactionsIT {
    static final String ABORTED = "*-1\r\n";
    static final String PONG = "*1\r\n+PONG\r\n";
    static TestServer server;
    RawClient c;
    RawClient other;

    /** MULTI; PING; EXEC and the EXEC reply. */
    private String multiPingExec() throws Exception {
        assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.call("PING")).isEqualTo("+QUEUED\r\n");
        return c.call("EXEC");
    }

    @Test

    @Covers({"watch"})
    void watchedKeyWrittenAbortsExec() throws Exception {
        assertThat(c.call("SET", "x", "30")).isEqualTo("+OK\r\n");
        assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "x", "40")).isEqualTo("+OK\r\n");
        assertThat(multiPingExec()).isEqualTo(ABORTED);
        assertThat(multiPingExec()).isEqualTo(PONG); // after EXEC nothing is watched
        assertThat(c.call("WATCH", "x", "y", "z")).isEqualTo("+OK\r\n");
        assertThat(other.call("INFO", "clients")).contains("watching_clients:1\r\n");
        assertThat(other.call("SET", "z", "1")).isEqualTo("+OK\r\n");
        assertThat(multiPingExec()).isEqualTo(ABORTED);
        assertThat(other.call("INFO", "clients")).contains("watching_clients:0\r\n");
        assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n");
        assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.call("INCR", "x")).isEqualTo("+QUEUED\r\n");
        assertThat(c.call("EXEC")).isEqualTo("*1\r\n:41\r\n");
        assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "x", "1", "NX")).isEqualTo("$-1\r\n"); // not written: not touched
        assertThat(multiPingExec()).isEqualTo(PONG);
    }

    @Test

    @Covers({"unwatch"})
    void unwatchDiscardAndWatchInsideMulti() throws Exception {
        assertThat(c.call("SET", "x", "30")).isEqualTo("+OK\r\n");
        assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "x", "40")).isEqualTo("+OK\r\n");
        assertThat(c.call("UNWATCH")).isEqualTo("+OK\r\n");
        assertThat(multiPingExec()).isEqualTo(PONG);
        assertThat(c.call("UNWATCH")).isEqualTo("+OK\r\n");
        assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "x", "10")).isEqualTo("+OK\r\n");
        assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.call("DISCARD")).isEqualTo("+OK\r\n");
        assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.call("INCR", "x")).isEqualTo("+QUEUED\r\n");
        assertThat(c.call("EXEC")).isEqualTo("*1\r\n:11\r\n");
        assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.call("WATCH", "x")).isEqualTo("-ERR WATCH inside MULTI is not allowed\r\n");
        assertThat(c.call("UNWATCH")).isEqualTo("+QUEUED\r\n");
        assertThat(c.call("EXEC")).isEqualTo("*1\r\n+OK\r\n");
        assertThat(c.call("WATCH")).isEqualTo("-ERR wrong number of arguments for 'watch' command\r\n");
        assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "x", "1")).isEqualTo("+OK\r\n");
        assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
        assertThat(multiPingExec()).isEqualTo(PONG);
    }

    @Test
    void expiryDeletionRenameAndFlushTouchWatchedKeys() throws Exception {
        assertThat(c.call("SET", "x", "foo")).isEqualTo("+OK\r\n");
        assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n");
        assertThat(c.call("EXPIRE", "x", "10")).isEqualTo(":1\r\n");
        assertThat(multiPingExec()).isEqualTo(ABORTED);
        // a deadline that passes while watched aborts EXEC even before the key is deleted
        assertThat(c.call("CONFIG", "SET", "hz", "1")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "x", "foo", "PX", "100")).isEqualTo("+OK\r\n");
        assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n");
        Thread.sleep(200);
        assertThat(multiPingExec()).isEqualTo(ABORTED);
        assertThat(c.call("CONFIG", "SET", "hz", "10")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "x", "foo")).isEqualTo("+OK\r\n");
        assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n");
        assertThat(other.call("RENAME", "x", "y")).isEqualTo("+OK\r\n");
        assertThat(multiPingExec()).isEqualTo(ABORTED);
        assertThat(c.call("WATCH", "y")).isEqualTo("+OK\r\n");
        assertThat(other.call("DEL", "y")).isEqualTo(":1\r\n");
        assertThat(multiPingExec()).isEqualTo(ABORTED);
        assertThat(c.call("SET", "x", "30")).isEqualTo("+OK\r\n");
        assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n");
        assertThat(other.call("FLUSHALL")).isEqualTo("+OK\r\n");
        assertThat(multiPingExec()).isEqualTo(ABORTED);
        assertThat(c.call("WATCH", "x")).isEqualTo("+OK\r\n"); // does not exist: FLUSHALL leaves it alone
        assertThat(other.call("FLUSHALL")).isEqualTo("+OK\r\n");
        assertThat(multiPingExec()).isEqualTo(PONG);
    }

    @Test
    void timeSeriesWritesTouchWatchedSeries() throws Exception {
        assertThat(c.call("TS.CREATE", "t")).isEqualTo("+OK\r\n");
        assertThat(c.call("WATCH", "t")).isEqualTo("+OK\r\n");
        assertThat(other.call("TS.ADD", "t", "1", "1")).isEqualTo(":1\r\n");
        assertThat(multiPingExec()).isEqualTo(ABORTED);
        assertThat(c.call("WATCH", "t")).isEqualTo("+OK\r\n");
        // refused as a duplicate, but RedisTimeSeries opened the key for writing, which Redis counts as a touch
        assertThat(other.call("TS.ADD", "t", "1", "1")).startsWith("-ERR TSDB: Error at upsert");
        assertThat(multiPingExec()).isEqualTo(ABORTED);
        assertThat(c.call("WATCH", "t")).isEqualTo("+OK\r\n");
        assertThat(other.call("TS.RANGE", "t", "-", "+")).isEqualTo("*1\r\n*2\r\n:1\r\n+1\r\n");
        assertThat(multiPingExec()).isEqualTo(PONG);
        assertThat(c.call("WATCH", "t")).isEqualTo("+OK\r\n");
        assertThat(other.call("TS.MADD", "u", "1", "1", "t", "2", "2")).startsWith("*2\r\n");
        assertThat(c.call("HELLO", "3")).startsWith("%");
        assertThat(multiPingExec()).isEqualTo("_\r\n");
    }

    @Test
    void execAbortsOverMaxmemoryOnlyWhenItWouldUseMemory() throws Exception {
        try {
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", "k", "v")).isEqualTo("+QUEUED\r\n");
            assertThat(other.call("CONFIG", "SET", "maxmemory", "1")).isEqualTo("+OK\r\n");
            assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.\r\n");
            assertThat(c.call("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
            assertThat(other.call("CONFIG", "SET", "maxmemory", "0")).isEqualTo("+OK\r\n");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("+QUEUED\r\n");
            assertThat(other.call("CONFIG", "SET", "maxmemory", "1")).isEqualTo("+OK\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n$-1\r\n");
        } finally {
            assertThat(other.call("CONFIG", "SET", "maxmemory", "0")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void anErrorInsideExecIsCountedOnce() throws Exception {
        assertThat(c.call("CONFIG", "RESETSTAT")).isEqualTo("+OK\r\n");
        assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "a", "b")).isEqualTo("+QUEUED\r\n");
        assertThat(c.call("AUTH", "a")).isEqualTo("+QUEUED\r\n");
        assertThat(c.call("EXEC")).isEqualTo("*2\r\n+OK\r\n-ERR AUTH <password> called without any password configured for the default user. "
                + "Are you sure your configuration is correct?\r\n");
        String errors = c.call("INFO", "errorstats");
        assertThat(errors).contains("errorstat_ERR:count=1\r\n");
        String stats = c.call("INFO", "commandstats");
        assertThat(stats).containsPattern("cmdstat_exec:calls=1,[^\r]*,rejected_calls=0,failed_calls=0\r\n");
        assertThat(stats).containsPattern("cmdstat_auth:calls=1,[^\r]*,rejected_calls=0,failed_calls=1\r\n");
        assertThat(c.call("INFO", "stats")).contains("total_error_replies:1\r\n");
    }
}
