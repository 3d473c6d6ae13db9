package io.stocktsdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Expiry on every key type: the EXPIRE family, TTL family, PERSIST, SET/SETEX/PSETEX/GETEX deadlines, exact replies. */
@WithServer(flushEachTest = true)
class ExpiryIT {
    static TestServer server;
    RawClient c;

    private static String i(long v) { return ":" + v + "\r\n"; }

    @Test

    @Covers({"expire", "pexpire", "expireat", "pexpireat", "ttl", "pttl", "expiretime", "pexpiretime", "persist"})
    void expireAndTtlFamiliesOnAString() throws Exception {
        assertThat(c.call("EXPIRE", "k", "100")).isEqualTo(":0\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":-2\r\n");
        assertThat(c.call("PTTL", "k")).isEqualTo(":-2\r\n");
        assertThat(c.call("EXPIRETIME", "k")).isEqualTo(":-2\r\n");
        assertThat(c.call("PEXPIRETIME", "k")).isEqualTo(":-2\r\n");
        assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":-1\r\n");
        assertThat(c.call("PEXPIRETIME", "k")).isEqualTo(":-1\r\n");
        assertThat(c.call("PERSIST", "k")).isEqualTo(":0\r\n");
        assertThat(c.call("EXPIRE", "k", "100")).isEqualTo(":1\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":100\r\n");
        long pttl = Long.parseLong(c.call("PTTL", "k").substring(1).trim());
        assertThat(pttl).isBetween(98_000L, 100_000L);
        long at = System.currentTimeMillis() + 500_123;
        assertThat(c.call("PEXPIREAT", "k", Long.toString(at))).isEqualTo(":1\r\n");
        assertThat(c.call("PEXPIRETIME", "k")).isEqualTo(i(at));
        assertThat(c.call("EXPIRETIME", "k")).isEqualTo(i((at + 500) / 1000));
        assertThat(c.call("EXPIREAT", "k", Long.toString(at / 1000))).isEqualTo(":1\r\n");
        assertThat(c.call("PEXPIRETIME", "k")).isEqualTo(i(at / 1000 * 1000));
        assertThat(c.call("PEXPIRE", "k", "200000")).isEqualTo(":1\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":200\r\n");
        assertThat(c.call("PERSIST", "k")).isEqualTo(":1\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":-1\r\n");
        assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.call("PERSIST", "nokey")).isEqualTo(":0\r\n");
        // A deadline not in the future deletes the key at once (reply 1).
        assertThat(c.call("EXPIRE", "k", "-1")).isEqualTo(":1\r\n");
        assertThat(c.call("EXISTS", "k")).isEqualTo(":0\r\n");
    }

    @Test
    void conditionsAndErrors() throws Exception {
        assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
        assertThat(c.call("EXPIRE", "k", "100", "XX")).isEqualTo(":0\r\n");
        assertThat(c.call("EXPIRE", "k", "100", "GT")).isEqualTo(":0\r\n");
        assertThat(c.call("EXPIRE", "k", "100", "LT")).isEqualTo(":1\r\n");
        assertThat(c.call("EXPIRE", "k", "200", "NX")).isEqualTo(":0\r\n");
        assertThat(c.call("EXPIRE", "k", "200", "LT")).isEqualTo(":0\r\n");
        assertThat(c.call("EXPIRE", "k", "200", "GT")).isEqualTo(":1\r\n");
        assertThat(c.call("EXPIRE", "k", "300", "xx", "gt")).isEqualTo(":1\r\n");
        assertThat(c.call("EXPIRE", "k", "250", "XX", "LT")).isEqualTo(":1\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":250\r\n");
        assertThat(c.call("PERSIST", "k")).isEqualTo(":1\r\n");
        assertThat(c.call("EXPIRE", "k", "250", "XX", "LT")).isEqualTo(":0\r\n");
        assertThat(c.call("EXPIRE", "k", "100", "NX", "XX"))
                .isEqualTo("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n");
        assertThat(c.call("PEXPIRE", "k", "100", "NX", "GT"))
                .isEqualTo("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n");
        assertThat(c.call("EXPIRE", "k", "100", "GT", "LT")).isEqualTo("-ERR GT and LT options at the same time are not compatible\r\n");
        assertThat(c.call("EXPIRE", "k", "100", "FOO")).isEqualTo("-ERR Unsupported option FOO\r\n");
        assertThat(c.call("EXPIRE", "k", "abc", "FOO")).isEqualTo("-ERR Unsupported option FOO\r\n");
        assertThat(c.call("EXPIRE", "k", "abc")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(c.call("EXPIRE", "k", "9223372036854775807")).isEqualTo("-ERR invalid expire time in 'expire' command\r\n");
        assertThat(c.call("PEXPIRE", "k", "9223372036854775807")).isEqualTo("-ERR invalid expire time in 'pexpire' command\r\n");
        assertThat(c.call("EXPIREAT", "k", "-9223372036854775807")).isEqualTo("-ERR invalid expire time in 'expireat' command\r\n");
        assertThat(c.call("PEXPIREAT", "k", "9223372036854775807")).isEqualTo(":1\r\n");
        assertThat(c.call("PEXPIRETIME", "k")).isEqualTo(":9223372036854775807\r\n");
        assertThat(c.call("EXPIRE", "k")).isEqualTo("-ERR wrong number of arguments for 'expire' command\r\n");
        assertThat(c.call("TTL", "k", "x")).isEqualTo("-ERR wrong number of arguments for 'ttl' command\r\n");
    }

    @Test

    @Covers({"setex", "psetex"})
    void setOptionsSetexPsetexAndRename() throws Exception {
        long at = System.currentTimeMillis() + 300_000;
        assertThat(c.call("SET", "k", "v", "PXAT", Long.toString(at))).isEqualTo("+OK\r\n");
        assertThat(c.call("PEXPIRETIME", "k")).isEqualTo(i(at));
        assertThat(c.call("SET", "k", "v2", "KEEPTTL")).isEqualTo("+OK\r\n");
        assertThat(c.call("PEXPIRETIME", "k")).isEqualTo(i(at));
        assertThat(c.call("SET", "k", "v3", "EXAT", Long.toString(at / 1000))).isEqualTo("+OK\r\n");
        assertThat(c.call("EXPIRETIME", "k")).isEqualTo(i(at / 1000));
        assertThat(c.call("SET", "k", "v4", "EX", "50")).isEqualTo("+OK\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":50\r\n");
        assertThat(c.call("RENAME", "k", "k2")).isEqualTo("+OK\r\n");
        assertThat(c.call("TTL", "k2")).isEqualTo(":50\r\n");
        assertThat(c.call("SET", "k2", "plain")).isEqualTo("+OK\r\n");
        assertThat(c.call("TTL", "k2")).isEqualTo(":-1\r\n");
        assertThat(c.call("INCR", "n")).isEqualTo(":1\r\n");
        assertThat(c.call("EXPIRE", "n", "70")).isEqualTo(":1\r\n");
        assertThat(c.call("INCR", "n")).isEqualTo(":2\r\n");
        assertThat(c.call("APPEND", "n", "0")).isEqualTo(":2\r\n");
        assertThat(c.call("TTL", "n")).isEqualTo(":70\r\n");

        assertThat(c.call("SETEX", "s", "12", "val")).isEqualTo("+OK\r\n");
        assertThat(c.call("TTL", "s")).isEqualTo(":12\r\n");
        assertThat(c.call("GET", "s")).isEqualTo("$3\r\nval\r\n");
        assertThat(c.call("PSETEX", "p", "80000", "val")).isEqualTo("+OK\r\n");
        assertThat(c.call("TTL", "p")).isEqualTo(":80\r\n");
        assertThat(c.call("SETEX", "s", "-10", "v")).isEqualTo("-ERR invalid expire time in 'setex' command\r\n");
        assertThat(c.call("PSETEX", "s", "0", "v")).isEqualTo("-ERR invalid expire time in 'psetex' command\r\n");
        assertThat(c.call("SETEX", "s", "x", "v")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(c.call("SETEX", "s", "9223372036854775807", "v")).isEqualTo("-ERR invalid expire time in 'setex' command\r\n");
        assertThat(c.call("PSETEX", "p", "100", "soon")).isEqualTo("+OK\r\n");
        Thread.sleep(200);
        assertThat(c.call("GET", "p")).isEqualTo("$-1\r\n");
    }

    @Test

    @Covers({"getex"})
    void getexInBothProtocols() throws Exception {
        assertThat(c.call("GETEX", "k")).isEqualTo("$-1\r\n");
        assertThat(c.call("GETEX", "k", "EX", "0")).isEqualTo("$-1\r\n"); // a missing key answers before the time is checked
        assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
        assertThat(c.call("GETEX", "k", "EX", "100")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":100\r\n");
        assertThat(c.call("GETEX", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":100\r\n");
        assertThat(c.call("GETEX", "k", "PX", "200000")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":200\r\n");
        long at = System.currentTimeMillis() + 400_000;
        assertThat(c.call("GETEX", "k", "PXAT", Long.toString(at))).isEqualTo("$1\r\nv\r\n");
        assertThat(c.call("PEXPIRETIME", "k")).isEqualTo(i(at));
        assertThat(c.call("GETEX", "k", "EXAT", Long.toString(at / 1000))).isEqualTo("$1\r\nv\r\n");
        assertThat(c.call("EXPIRETIME", "k")).isEqualTo(i(at / 1000));
        assertThat(c.call("GETEX", "k", "PERSIST")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":-1\r\n");
        assertThat(c.call("GETEX", "k", "EX", "10", "PX", "10")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("GETEX", "k", "PERSIST", "EX", "10")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("GETEX", "k", "KEEPTTL")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("GETEX", "k", "EX")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("GETEX", "k", "EX", "0")).isEqualTo("-ERR invalid expire time in 'getex' command\r\n");
        assertThat(c.call("GETEX", "k", "EX", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(c.call("GETEX", "k", "PXAT", "1")).isEqualTo("$1\r\nv\r\n"); // already past: the key is deleted
        assertThat(c.call("EXISTS", "k")).isEqualTo(":0\r\n");
        assertThat(c.call("TS.CREATE", "ts")).isEqualTo("+OK\r\n");
        assertThat(c.call("GETEX", "ts", "EX", "10")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(c.call("HELLO", "3")).startsWith("%");
        assertThat(c.call("GETEX", "k")).isEqualTo("_\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":-2\r\n");
    }

    @Test
    void aSeriesExpiresAsDelDeletesIt() throws Exception {
        assertThat(c.call("CONFIG", "RESETSTAT")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.CREATE", "src", "LABELS", "sym", "X")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.CREATE", "dst", "LABELS", "sym", "X")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.CREATERULE", "src", "dst", "AGGREGATION", "sum", "10")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.ADD", "src", "1", "5")).isEqualTo(":1\r\n");
        assertThat(c.call("PEXPIRE", "dst", "100")).isEqualTo(":1\r\n");
        assertThat(c.call("TTL", "src")).isEqualTo(":-1\r\n");
        assertThat(c.call("TTL", "dst")).isEqualTo(":0\r\n");
        awaitDbSize(1); // active expiry: nobody touches dst
        assertThat(c.call("TS.QUERYINDEX", "sym=X")).isEqualTo("*1\r\n$3\r\nsrc\r\n");
        assertThat(c.call("TS.INFO", "src")).contains("+rules\r\n*0\r\n");
        assertThat(c.call("TS.ADD", "src", "20", "1")).isEqualTo(":20\r\n");
        assertThat(c.call("EXISTS", "dst")).isEqualTo(":0\r\n");
        assertThat(c.call("EXPIRE", "src", "1000")).isEqualTo(":1\r\n");
        assertThat(c.call("TS.ADD", "src", "30", "1")).isEqualTo(":30\r\n");
        assertThat(c.call("TTL", "src")).isEqualTo(":1000\r\n"); // writes keep the deadline
        assertThat(c.call("RENAME", "src", "moved")).isEqualTo("+OK\r\n");
        assertThat(c.call("TTL", "moved")).isEqualTo(":1000\r\n");
        assertThat(c.call("PEXPIRE", "moved", "50")).isEqualTo(":1\r\n");
        Thread.sleep(100);
        assertThat(c.call("TS.QUERYINDEX", "sym=X")).isEqualTo("*0\r\n");
        assertThat(c.call("TS.GET", "moved")).isEqualTo("-ERR TSDB: the key does not exist\r\n");
        assertThat(c.call("INFO", "stats")).contains("expired_keys:2\r\n");
    }

    @Test
    void infoKeyspaceAndHz() throws Exception {
        assertThat(c.call("SET", "a", "1")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "b", "1", "EX", "1000")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.CREATE", "t")).isEqualTo("+OK\r\n");
        assertThat(c.call("EXPIRE", "t", "3000")).isEqualTo(":1\r\n");
        String info = c.call("INFO", "keyspace");
        assertThat(info).containsPattern("db0:keys=3,expires=2,avg_ttl=(1999[0-9]{3}|2000000),subexpiry=0\r\n");
        assertThat(c.call("CONFIG", "SET", "hz", "100")).isEqualTo("+OK\r\n");
        assertThat(c.call("CONFIG", "GET", "hz")).isEqualTo("*2\r\n$2\r\nhz\r\n$3\r\n100\r\n");
        assertThat(c.call("PEXPIRE", "a", "20")).isEqualTo(":1\r\n");
        awaitDbSize(2);
        assertThat(c.call("CONFIG", "SET", "hz", "10")).isEqualTo("+OK\r\n");
    }

    @Test
    void deadlinesSurviveRestartAndKill9() throws Exception {
        Path dir = Files.createTempDirectory("stocktsdb-expiry");
        Path log = Files.createTempFile("stocktsdb-expiry", ".log");
        long at = System.currentTimeMillis() + 3_600_000;
        try {
            try (ServerProcess p = ServerProcess.start(dir, log, "--appendfsync", "always")) {
                try (RawClient rc = new RawClient(p.port())) {
                    assertThat(rc.call("TS.CREATE", "series")).isEqualTo("+OK\r\n");
                    assertThat(rc.call("PEXPIREAT", "series", Long.toString(at))).isEqualTo(":1\r\n");
                    assertThat(rc.call("SET", "str", "v", "PXAT", Long.toString(at + 1))).isEqualTo("+OK\r\n");
                    assertThat(rc.call("TS.CREATE", "short")).isEqualTo("+OK\r\n");
                    assertThat(rc.call("PEXPIRE", "short", "1500")).isEqualTo(":1\r\n");
                }
                p.kill9();
            }
            Thread.sleep(1600);
            try (TestServer s = TestServer.startIn(dir)) {
                try (RawClient rc = new RawClient(s.port())) {
                    assertThat(rc.call("PEXPIRETIME", "series")).isEqualTo(i(at));
                    assertThat(rc.call("PEXPIRETIME", "str")).isEqualTo(i(at + 1));
                    assertThat(rc.call("EXISTS", "short")).isEqualTo(":0\r\n"); // the deadline passed while the server was down
                    assertThat(rc.call("PERSIST", "str")).isEqualTo(":1\r\n");
                }
            }
            try (TestServer s = TestServer.startIn(dir)) {
                try (RawClient rc = new RawClient(s.port())) {
                    assertThat(rc.call("PEXPIRETIME", "series")).isEqualTo(i(at));
                    assertThat(rc.call("PEXPIRETIME", "str")).isEqualTo(":-1\r\n");
                }
            }
        } finally {
            TestServer.deleteTree(dir);
            Files.deleteIfExists(log);
        }
    }

    private void awaitDbSize(int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        while (!c.call("DBSIZE").equals(i(expected)) && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertThat(c.call("DBSIZE")).isEqualTo(i(expected));
    }
}
