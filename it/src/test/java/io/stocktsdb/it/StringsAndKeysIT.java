package io.stocktsdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generic and string commands, exact replies over a raw socket. */
@WithServer(flushEachTest = true)
class StringsAndKeysIT {
    static TestServer server;
    RawClient c;

    @Test
    @Covers({"exists", "get", "set"})
    void setAndGetWithOptions() throws Exception {
        assertThat(c.call("GET", "k")).isEqualTo("$-1\r\n");
        assertThat(c.call("SET", "k", "v1")).isEqualTo("+OK\r\n");
        assertThat(c.call("GET", "k")).isEqualTo("$2\r\nv1\r\n");
        assertThat(c.call("SET", "k", "v2", "NX")).isEqualTo("$-1\r\n");
        assertThat(c.call("SET", "k", "v2", "XX", "GET")).isEqualTo("$2\r\nv1\r\n");
        assertThat(c.call("SET", "new", "x", "XX")).isEqualTo("$-1\r\n");
        assertThat(c.call("SET", "k", "v", "NX", "XX")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("SET", "k", "v", "EX", "0")).isEqualTo("-ERR invalid expire time in 'set' command\r\n");
        assertThat(c.call("SET", "k", "v", "EX", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(c.call("SET", "k", "v", "EX", "10", "PX", "100")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("SET", "tmp", "v", "PX", "50")).isEqualTo("+OK\r\n");
        Thread.sleep(120);
        assertThat(c.call("GET", "tmp")).isEqualTo("$-1\r\n");
        assertThat(c.call("EXISTS", "tmp")).isEqualTo(":0\r\n");
    }

    @Test
    @Covers({"append", "decr", "decrby", "incr", "incrby", "strlen"})
    void counters() throws Exception {
        assertThat(c.call("INCR", "n")).isEqualTo(":1\r\n");
        assertThat(c.call("INCRBY", "n", "41")).isEqualTo(":42\r\n");
        assertThat(c.call("DECR", "n")).isEqualTo(":41\r\n");
        assertThat(c.call("DECRBY", "n", "50")).isEqualTo(":-9\r\n");
        assertThat(c.call("SET", "s", "abc")).isEqualTo("+OK\r\n");
        assertThat(c.call("INCR", "s")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(c.call("SET", "big", "9223372036854775807")).isEqualTo("+OK\r\n");
        assertThat(c.call("INCR", "big")).isEqualTo("-ERR increment or decrement would overflow\r\n");
        assertThat(c.call("INCRBY", "n", "1.5")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(c.call("APPEND", "a", "foo")).isEqualTo(":3\r\n");
        assertThat(c.call("APPEND", "a", "bar")).isEqualTo(":6\r\n");
        assertThat(c.call("STRLEN", "a")).isEqualTo(":6\r\n");
        assertThat(c.call("STRLEN", "missing")).isEqualTo(":0\r\n");
    }

    @Test
    @Covers({"dbsize", "del", "flushall", "rename", "unlink", "mget", "mset", "keys", "type"})
    void multiKeyCommands() throws Exception {
        assertThat(c.call("MSET", "a", "1", "b", "2")).isEqualTo("+OK\r\n");
        assertThat(c.call("MSET", "a", "1", "b")).isEqualTo("-ERR wrong number of arguments for 'mset' command\r\n");
        assertThat(c.call("MGET", "a", "nope", "b")).isEqualTo("*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n2\r\n");
        assertThat(c.call("EXISTS", "a", "a", "nope")).isEqualTo(":2\r\n");
        assertThat(c.call("DBSIZE")).isEqualTo(":2\r\n");
        assertThat(c.call("TYPE", "a")).isEqualTo("+string\r\n");
        assertThat(c.call("TYPE", "nope")).isEqualTo("+none\r\n");
        assertThat(c.call("RENAME", "a", "c")).isEqualTo("+OK\r\n");
        assertThat(c.call("RENAME", "a", "d")).isEqualTo("-ERR no such key\r\n");
        assertThat(c.call("KEYS", "*")).isIn("*2\r\n$1\r\nb\r\n$1\r\nc\r\n", "*2\r\n$1\r\nc\r\n$1\r\nb\r\n");
        assertThat(c.call("DEL", "b", "c", "nope")).isEqualTo(":2\r\n");
        assertThat(c.call("UNLINK", "b")).isEqualTo(":0\r\n");
        assertThat(c.call("DBSIZE")).isEqualTo(":0\r\n");
        assertThat(c.call("FLUSHALL", "BAD")).isEqualTo("-ERR syntax error\r\n");
    }

    @Test
    @Covers({"scan"})
    void scanVisitsEveryKeyOnce() throws Exception {
        for (int i = 0; i < 250; i++) c.call("SET", "key:" + i, "v");
        c.call("SET", "other", "v");
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            c.send(RawClient.command("SCAN", cursor, "MATCH", "key:*", "COUNT", "17"));
            String reply = c.readReply();
            List<String> lines = List.of(reply.split("\r\n"));
            cursor = lines.get(2);
            for (int i = 5; i < lines.size(); i += 2) assertThat(seen.add(lines.get(i))).isTrue();
        } while (!cursor.equals("0"));
        assertThat(seen).hasSize(250);
        assertThat(c.call("SCAN", "x")).isEqualTo("-ERR invalid cursor\r\n");
        assertThat(c.call("SCAN", "0", "COUNT", "0")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("SCAN", "0", "TYPE", "bogus")).isEqualTo("-ERR unknown type name 'bogus'\r\n");
    }

    @Test
    void restartKeepsStrings() throws Exception {
        try (TestServer s = TestServer.start()) {
            java.nio.file.Path dir = s.dataDir();
            try (RawClient w = new RawClient(s.port())) {
                assertThat(w.call("SET", "persist", "me")).isEqualTo("+OK\r\n");
                assertThat(w.call("INCRBY", "counter", "7")).isEqualTo(":7\r\n");
                assertThat(w.call("SET", "gone", "x")).isEqualTo("+OK\r\n");
                assertThat(w.call("DEL", "gone")).isEqualTo(":1\r\n");
            }
            s.stop();
            try (TestServer again = TestServer.startIn(dir); RawClient r = new RawClient(again.port())) {
                assertThat(r.call("GET", "persist")).isEqualTo("$2\r\nme\r\n");
                assertThat(r.call("GET", "counter")).isEqualTo("$1\r\n7\r\n");
                assertThat(r.call("EXISTS", "gone")).isEqualTo(":0\r\n");
            }
        }
    }
}
