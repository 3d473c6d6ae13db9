package io.stocktsdb.it.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.it.WithServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** notify-keyspace-events: Redis's flags, the events of generic and string commands, RedisTimeSeries' events. */
@WithServer(flushEachTest = true)
class KeyspaceEventsIT {
    static TestServer server;
    RawClient c;
    RawClient sub;

    @AfterEach
    void silenceEvents() throws Exception {
        c.call("CONFIG", "SET", "notify-keyspace-events", "");
    }

    /** Subscribes to every key event; returns once confirmed. */
    private void listenToKeyEvents() throws Exception {
        assertThat(sub.call("PSUBSCRIBE", "__keyevent@0__:*")).isEqualTo(PubSubIT.confirm('*', "psubscribe", "__keyevent@0__:*", 1));
    }

    /** The next {@code n} key events as "event key". */
    private List<String> events(int n) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] parts = sub.readReply().split("\r\n");
            // *4, $8, pmessage, $len, pattern, $len, channel, $len, key
            out.add(parts[6].substring("__keyevent@0__:".length()) + " " + parts[8]);
        }
        return out;
    }

    @Test
    @Covers({"config|set", "config|get"})
    void flagsParseAndRenderAsRedis() throws Exception {
        assertThat(c.call("CONFIG", "GET", "notify-keyspace-events")).isEqualTo("*2\r\n$22\r\nnotify-keyspace-events\r\n$0\r\n\r\n");
        assertThat(c.call("CONFIG", "SET", "notify-keyspace-events", "KEA")).isEqualTo("+OK\r\n");
        assertThat(c.call("CONFIG", "GET", "notify-keyspace-events")).endsWith("$3\r\nAKE\r\n");
        c.call("CONFIG", "SET", "notify-keyspace-events", "Ex$g");
        assertThat(c.call("CONFIG", "GET", "notify-keyspace-events")).endsWith("$4\r\ng$xE\r\n");
        c.call("CONFIG", "SET", "notify-keyspace-events", "KEAmnoc"); // Redis's rendering drops n, o and c next to A
        assertThat(c.call("CONFIG", "GET", "notify-keyspace-events")).endsWith("$4\r\nAKEm\r\n");
        c.call("CONFIG", "SET", "notify-keyspace-events", "Kdnoc");
        assertThat(c.call("CONFIG", "GET", "notify-keyspace-events")).endsWith("$5\r\ndnocK\r\n");
        assertThat(c.call("CONFIG", "SET", "notify-keyspace-events", "KEZ")).isEqualTo(
                "-ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.\r\n");
        assertThat(c.call("CONFIG", "GET", "notify-keyspace-events")).endsWith("$5\r\ndnocK\r\n");
    }

    @Test
    @Covers({"set", "del", "expire", "persist", "rename", "incrby", "append", "getdel", "setrange", "setbit", "copy", "incrbyfloat", "mset"})
    void genericAndStringEvents() throws Exception {
        c.call("CONFIG", "SET", "notify-keyspace-events", "E$g");
        listenToKeyEvents();
        c.call("SET", "k", "1", "EX", "100");
        c.call("SET", "k", "2", "NX"); // not written: no event
        c.call("PERSIST", "k");
        c.call("INCRBY", "k", "5");
        c.call("APPEND", "k", "0");
        c.call("RENAME", "k", "k2");
        c.call("EXPIRE", "k2", "100");
        c.call("INCRBYFLOAT", "n", "1.5");
        c.call("SETRANGE", "n", "0", "2");
        c.call("SETBIT", "b", "1", "1");
        c.call("COPY", "b", "b2");
        c.call("MSET", "m1", "a", "m2", "b");
        c.call("GETDEL", "m1");
        c.call("DEL", "m2", "nothing");
        c.call("EXPIRE", "n", "-1"); // a deadline in the past deletes
        c.call("SET", "probe", "1");
        assertThat(events(18)).containsExactly("set k", "expire k", "persist k", "incrby k", "append k", "rename_from k", "rename_to k2",
                "expire k2", "incrbyfloat n", "setrange n", "setbit b", "copy_to b2", "set m1", "set m2", "del m1", "del m2", "del n",
                "set probe");
    }

    @Test
    @Covers({"psubscribe", "pexpire"})
    void expiredAndKeyspaceChannel() throws Exception {
        c.call("CONFIG", "SET", "notify-keyspace-events", "Kx");
        assertThat(sub.call("SUBSCRIBE", "__keyspace@0__:session")).isEqualTo(PubSubIT.confirm('*', "subscribe", "__keyspace@0__:session", 1));
        c.call("SET", "session", "x");
        c.call("PEXPIRE", "session", "20");
        Thread.sleep(60);
        assertThat(c.call("GET", "session")).isEqualTo("$-1\r\n");
        assertThat(sub.readReply()).isEqualTo(PubSubIT.message('*', "__keyspace@0__:session", "expired"));
    }

    @Test
    @Covers({"ts.create", "ts.alter", "ts.add", "ts.madd", "ts.incrby", "ts.decrby", "ts.del", "ts.createrule", "ts.deleterule"})
    void timeSeriesEventsAsRedisTimeSeries() throws Exception {
        c.call("CONFIG", "SET", "notify-keyspace-events", "Ed");
        listenToKeyEvents();
        c.call("TS.CREATE", "src");
        c.call("TS.CREATE", "dst");
        c.call("TS.ALTER", "src", "RETENTION", "0");
        c.call("TS.CREATERULE", "src", "dst", "AGGREGATION", "avg", "10");
        c.call("TS.ADD", "src", "1", "1");
        c.call("TS.ADD", "src", "15", "3"); // closes bucket 0 into dst
        assertThat(c.call("TS.ADD", "src", "16", "x")).isEqualTo("-ERR TSDB: invalid value\r\n"); // refused, still announced
        c.call("TS.MADD", "src", "17", "1", "other", "1", "1");
        c.call("TS.INCRBY", "src", "1", "TIMESTAMP", "30"); // ts.incrby is class g, not heard with "Ed"; the closed bucket is
        c.call("TS.DEL", "src", "0", "1");
        c.call("TS.DELETERULE", "src", "dst");
        assertThat(events(13)).containsExactly("ts.create src", "ts.create dst", "ts.alter src", "ts.createrule:src src",
                "ts.createrule:dest dst", "ts.add src", "ts.add:dest dst", "ts.add src", "ts.add src", "ts.add src", "ts.add other",
                "ts.add:dest dst", "ts.del src");
        assertThat(events(2)).containsExactly("ts.deleterule:src src", "ts.deleterule:dest dst");
        c.call("CONFIG", "SET", "notify-keyspace-events", "Eg");
        c.call("TS.INCRBY", "src", "1", "TIMESTAMP", "40");
        c.call("TS.DECRBY", "src", "1", "TIMESTAMP", "41");
        assertThat(events(2)).containsExactly("ts.incrby src", "ts.decrby src");
    }

    @Test
    @Covers({"tsdb_set", "hash_set", "batch_set", "batch_flush", "get", "exists", "getset", "incr", "ts.get"})
    void keyMissesNewKeysAndTheSeedsWrites() throws Exception {
        c.call("CONFIG", "SET", "notify-keyspace-events", "Ed$gmn");
        listenToKeyEvents();
        c.call("TS.CREATE", "src");
        c.call("TS.CREATE", "dst");
        c.call("TS.CREATERULE", "src", "dst", "AGGREGATION", "avg", "10");
        assertThat(events(6)).containsExactly("new src", "ts.create src", "new dst", "ts.create dst", "ts.createrule:src src",
                "ts.createrule:dest dst");
        // the seed's writes send what TS.ADD sends for the same samples
        c.call("TSDB_SET", "src", "1", "1");
        c.call("TSDB_SET", "src", "15", "3"); // closes bucket 0 into dst
        c.call("HASH_SET", "h", "1", "{\"a\":1}");
        assertThat(events(5)).containsExactly("ts.add src", "ts.add:dest dst", "ts.add src", "new h", "ts.add h");
        // a read of a missing key is a key miss; INCR looks its key up for writing, so it is none
        c.call("GET", "nosuch");
        c.call("EXISTS", "nosuch");
        c.call("TS.GET", "nosuch");
        c.call("INCR", "counter");
        c.call("GETSET", "g", "1");
        assertThat(events(8)).containsExactly("keymiss nosuch", "keymiss nosuch", "keymiss nosuch", "new counter", "incrby counter",
                "keymiss g", "new g", "set g");
        // a BATCH_SET point is written (and announced, as TS.MADD would) when its batch flushes
        c.call("BATCH_SET", "src", "7", "30"); // closes bucket 10
        assertThat(c.call("BATCH_FLUSH")).isEqualTo("+OK\r\n");
        c.call("BATCH_SET", "b", "5", "1");
        c.call("BATCH_FLUSH");
        assertThat(events(4)).containsExactly("ts.add:dest dst", "ts.add src", "new b", "ts.add b");
        // 'n' alone: still announced, though the command's own class is off
        c.call("CONFIG", "SET", "notify-keyspace-events", "En");
        c.call("SET", "fresh", "1");
        c.call("SET", "fresh", "2");
        c.call("TSDB_SET", "fresh2", "1", "1");
        assertThat(events(2)).containsExactly("new fresh", "new fresh2");
    }

    @Test
    @Covers({"set", "rename", "copy", "mset", "getset", "ts.create"})
    void overwrittenAndTypeChanged() throws Exception {
        c.call("CONFIG", "SET", "notify-keyspace-events", "Eg$doc");
        listenToKeyEvents();
        c.call("SET", "a", "1");
        c.call("SET", "a", "2");
        c.call("SET", "a", "3", "NX"); // not written: nothing
        c.call("TS.CREATE", "s");
        c.call("SET", "s", "x"); // a series replaced by a string
        c.call("SET", "b", "1");
        c.call("RENAME", "a", "b");
        c.call("COPY", "b", "c");
        c.call("COPY", "b", "c", "REPLACE");
        c.call("GETSET", "c", "9");
        assertThat(events(15)).containsExactly("set a", "overwritten a", "set a", "ts.create s", "overwritten s", "type_changed s",
                "set s", "set b", "rename_from a", "rename_to b", "overwritten b", "copy_to c", "copy_to c", "overwritten c",
                "overwritten c");
        assertThat(events(1)).containsExactly("set c");
    }

    /**
     * RENAME, COPY and RESTORE add their destination with Redis's dbAdd after deleting a key there:
     * 'new' comes first, over an existing key too; a key renamed to itself announces nothing; a
     * RESTORE whose deadline already passed creates nothing and only deletes what REPLACE names.
     */
    @Test
    @Covers({"rename", "renamenx", "copy", "restore"})
    void renameCopyAndRestoreAnnounceNewAsRedisDbAdd() throws Exception {
        c.call("CONFIG", "SET", "notify-keyspace-events", "Eg$no");
        listenToKeyEvents();
        c.call("SET", "a", "1");
        c.call("SET", "b", "2");
        assertThat(events(4)).containsExactly("new a", "set a", "new b", "set b");
        assertThat(c.call("RENAME", "a", "b")).isEqualTo("+OK\r\n");
        assertThat(events(4)).containsExactly("new b", "rename_from a", "rename_to b", "overwritten b");
        assertThat(c.call("RENAME", "b", "b")).isEqualTo("+OK\r\n");
        assertThat(c.call("RENAMENX", "b", "c")).isEqualTo(":1\r\n");
        assertThat(events(3)).containsExactly("new c", "rename_from b", "rename_to c"); // nothing from RENAME b b
        c.call("COPY", "c", "d");
        c.call("COPY", "c", "d", "REPLACE");
        assertThat(events(5)).containsExactly("new d", "copy_to d", "new d", "copy_to d", "overwritten d");
        byte[] dump = c.callBytes("DUMP".getBytes(StandardCharsets.UTF_8), "d".getBytes(StandardCharsets.UTF_8));
        String head = new String(dump, 0, 8, StandardCharsets.US_ASCII);
        int start = head.indexOf("\r\n") + 2;
        byte[] payload = java.util.Arrays.copyOfRange(dump, start, dump.length - 2);
        byte[][] restore = {"RESTORE".getBytes(StandardCharsets.UTF_8), "d".getBytes(StandardCharsets.UTF_8), "0".getBytes(StandardCharsets.UTF_8),
            payload, "REPLACE".getBytes(StandardCharsets.UTF_8)};
        assertThat(new String(c.callBytes(restore), StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
        assertThat(events(3)).containsExactly("new d", "restore d", "overwritten d");
        restore[2] = "1".getBytes(StandardCharsets.UTF_8);
        byte[][] expired = java.util.Arrays.copyOf(restore, 6);
        expired[5] = "ABSTTL".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(c.callBytes(expired), StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
        assertThat(c.call("EXISTS", "d")).isEqualTo(":0\r\n");
        expired[1] = "e".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(c.callBytes(expired), StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
        c.call("SET", "probe", "1");
        assertThat(events(3)).containsExactly("del d", "new probe", "set probe");
    }
}
