package io.stocktsdb.it.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolVersion;
import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.it.WithServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;

/** TSDB_SET/GET, HASH_SET/GET/FIELDS, BATCH_SET/FLUSH: exact replies, errors, both RESP versions. */
@WithServer(config = {"batch_size=5", "batch_flush_interval_ms=300"}, flushEachTest = true)
class SeedCommandsIT {
    static TestServer server;
    RawClient c;

    @Test
    @Covers({"batch_flush", "tsdb_get", "tsdb_set"})
    void seedExamplesVerbatim() throws Exception {
        assertThat(c.call("TSDB_SET", "stock_001", "1760319177", "100.5")).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_GET", "stock_001", "1760319100", "1760319200")).isEqualTo("*2\r\n$10\r\n1760319177\r\n$5\r\n100.5\r\n");
        assertThat(c.call("BATCH_SET", "key1", "value1", "1760319177")).isEqualTo("+OK\r\n");
        assertThat(c.call("BATCH_SET", "key2", "value2", "1760319178")).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_GET", "key1", "0", "2000000000")).isEqualTo("*0\r\n"); // not visible before the flush
        assertThat(c.call("BATCH_FLUSH")).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_GET", "key1", "0", "2000000000")).isEqualTo("*2\r\n$10\r\n1760319177\r\n$6\r\nvalue1\r\n");
        assertThat(c.call("TSDB_GET", "key2", "0", "2000000000", "string")).isEqualTo("*2\r\n$10\r\n1760319178\r\n$6\r\nvalue2\r\n");
    }

    @Test
    void typesQualityAndReplacement() throws Exception {
        assertThat(c.call("TSDB_SET", "i", "1", "9223372036854775807", "int", "50")).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_SET", "i", "2", "-7", "int")).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_SET", "i", "3", "8")).isEqualTo("+OK\r\n"); // the series' own type
        assertThat(c.call("TSDB_GET", "i", "-", "+", "WITHQUALITY")).isEqualTo(
                "*9\r\n$1\r\n1\r\n$19\r\n9223372036854775807\r\n$2\r\n50\r\n$1\r\n2\r\n$2\r\n-7\r\n$3\r\n100\r\n$1\r\n3\r\n$1\r\n8\r\n$3\r\n100\r\n");
        assertThat(c.call("TSDB_SET", "d", "-5", "0.1", "80")).isEqualTo("+OK\r\n"); // negative ts, quality without a type
        assertThat(c.call("TSDB_SET", "d", "-5", "1e20")).isEqualTo("+OK\r\n"); // same ts replaces
        assertThat(c.call("TSDB_SET", "d", "7", "-0.0")).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_GET", "d", "-", "+", "double", "WITHQUALITY")).isEqualTo(
                "*6\r\n$2\r\n-5\r\n$5\r\n1e+20\r\n$3\r\n100\r\n$1\r\n7\r\n$2\r\n-0\r\n$3\r\n100\r\n");
        assertThat(c.call("TSDB_SET", "nan", "1", "nan")).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_SET", "nan", "2", "-inf")).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_GET", "nan", "-", "+")).isEqualTo("*4\r\n$1\r\n1\r\n$3\r\nnan\r\n$1\r\n2\r\n$4\r\n-inf\r\n");
        assertThat(c.call("TSDB_SET", "s", "1", "hello world", "string")).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_GET", "s", "0", "1")).isEqualTo("*2\r\n$1\r\n1\r\n$11\r\nhello world\r\n");
        assertThat(c.call("TYPE", "d")).isEqualTo("+TSDB-TYPE\r\n");
    }

    /** TS.INFO of a series the seed commands made shows the duplicate policy that applies, as after TS.CREATE. */
    @Test
    void seedSeriesShowTheDuplicatePolicyThatApplies() throws Exception {
        assertThat(c.call("TSDB_SET", "p:d", "1", "1")).isEqualTo("+OK\r\n");
        assertThat(c.call("HASH_SET", "p:h", "1", "{\"a\":1}")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.CREATE", "p:c")).isEqualTo("+OK\r\n");
        for (String key : new String[] {"p:d", "p:h", "p:c"}) {
            assertThat(c.call("TS.INFO", key)).as(key).contains("+duplicatePolicy\r\n+block\r\n");
        }
        assertThat(c.call("TS.ADD", "p:d", "1", "2")).isEqualTo("-ERR TSDB: Error at upsert, update is not supported when DUPLICATE_POLICY is set to BLOCK mode\r\n");
    }

    @Test
    void errorsWriteNothing() throws Exception {
        assertThat(c.call("TSDB_SET", "e", "x", "1")).isEqualTo("-ERR invalid timestamp format\r\n");
        assertThat(c.call("TSDB_SET", "e", "1", "1a")).isEqualTo("-ERR invalid value for type double\r\n");
        assertThat(c.call("TSDB_SET", "e", "1", "0x10")).isEqualTo("-ERR invalid value for type double\r\n");
        assertThat(c.call("TSDB_SET", "e", "1", "1.5", "int")).isEqualTo("-ERR invalid value for type int: expected a signed 64-bit integer\r\n");
        assertThat(c.call("TSDB_SET", "e", "1", "1", "double", "101")).isEqualTo("-ERR invalid quality, must be an integer between 0 and 100\r\n");
        assertThat(c.call("TSDB_SET", "e", "1", "1", "float", "100")).isEqualTo("-ERR invalid data type 'float', expected double, int, string or hash\r\n");
        assertThat(c.call("TSDB_SET", "e", "1", "1", "float")).isEqualTo("-ERR invalid data type 'float', expected double, int, string or hash\r\n");
        assertThat(c.call("TSDB_SET", "e", "1", "1", "1.5")).isEqualTo("-ERR invalid quality, must be an integer between 0 and 100\r\n");
        assertThat(c.call("TSDB_SET", "e", "1", "{", "hash")).isEqualTo("-ERR invalid hash data format\r\n");
        assertThat(c.call("EXISTS", "e")).isEqualTo(":0\r\n");
        assertThat(c.call("TSDB_SET", "e", "1", "1.5")).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_SET", "e", "2", "x", "string")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(c.call("TSDB_GET", "e", "0", "9", "int")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(c.call("TSDB_GET", "e", "0", "9", "BOGUS")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.call("TSDB_GET", "missing", "0", "9")).isEqualTo("*0\r\n");
        assertThat(c.call("SET", "str", "v")).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_SET", "str", "1", "1")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(c.call("TSDB_SET", "e", "1")).isEqualTo("-ERR wrong number of arguments for 'tsdb_set' command\r\n");
        assertThat(c.call("TSDB_GET", "e", "0", "9")).isEqualTo("*2\r\n$1\r\n1\r\n$3\r\n1.5\r\n");
    }

    @Test
    @Covers({"hash_fields", "hash_get", "hash_set"})
    void hashPointsAndFields() throws Exception {
        String k1 = "{\"open\":10.5,\"high\":11,\"low\":10,\"close\":10.75,\"volume\":1200,\"code\":\"SH600519\"}";
        String k2 = "{\"open\":10.75,\"close\":10.5}";
        assertThat(c.call("HASH_SET", "stock:kline", "60", k1)).isEqualTo("+OK\r\n");
        assertThat(c.call("HASH_SET", "stock:kline", "120", k2)).isEqualTo("+OK\r\n");
        assertThat(c.call("HASH_GET", "stock:kline", "0", "1000")).isEqualTo(
                "*4\r\n$2\r\n60\r\n$" + k1.length() + "\r\n" + k1 + "\r\n$3\r\n120\r\n$" + k2.length() + "\r\n" + k2 + "\r\n");
        assertThat(c.call("HASH_FIELDS", "stock:kline", "0", "1000", "open", "volume", "code")).isEqualTo(
                "*2\r\n*4\r\n$2\r\n60\r\n$4\r\n10.5\r\n$4\r\n1200\r\n$8\r\nSH600519\r\n*4\r\n$3\r\n120\r\n$5\r\n10.75\r\n$0\r\n\r\n$0\r\n\r\n");
        assertThat(c.call("HASH_SET", "stock:kline", "x", k2)).isEqualTo("-ERR invalid timestamp format\r\n");
        assertThat(c.call("HASH_SET", "stock:kline", "1", "[1,2]")).isEqualTo("-ERR invalid hash data format\r\n");
        assertThat(c.call("HASH_SET", "stock:kline", "1", "not json")).isEqualTo("-ERR invalid hash data format\r\n");
        assertThat(c.call("TSDB_SET", "num", "1", "1")).isEqualTo("+OK\r\n");
        assertThat(c.call("HASH_GET", "num", "0", "9")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(c.call("HASH_SET", "num", "2", k2)).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(c.call("HASH_FIELDS", "missing", "0", "9", "a")).isEqualTo("*0\r\n");
    }

    @Test
    void batchesFlushOnSizeTimerAndDisconnect() throws Exception {
        for (int i = 1; i <= 4; i++) assertThat(c.call("BATCH_SET", "iot:b", Integer.toString(i), Integer.toString(i))).isEqualTo("+OK\r\n");
        assertThat(c.call("TSDB_GET", "iot:b", "-", "+")).isEqualTo("*0\r\n");
        assertThat(c.call("BATCH_SET", "iot:b", "5", "5")).isEqualTo("+OK\r\n"); // batch_size 5 reached
        assertThat(c.call("TSDB_GET", "iot:b", "-", "+")).startsWith("*10\r\n");
        assertThat(c.call("BATCH_SET", "iot:b", "6", "6")).isEqualTo("+OK\r\n");
        Thread.sleep(900); // batch_flush_interval_ms 300 without writes
        assertThat(c.call("TSDB_GET", "iot:b", "6", "6")).isEqualTo("*2\r\n$1\r\n6\r\n$1\r\n6\r\n");
        try (RawClient other = new RawClient(server.port())) {
            assertThat(other.call("BATCH_SET", "iot:closing", "abc", "1")).isEqualTo("+OK\r\n");
            assertThat(other.call("BATCH_SET", "iot:closing", "1.5", "2")).isEqualTo("+OK\r\n"); // a string series: any bytes
        }
        long deadline = System.currentTimeMillis() + 5000;
        String got;
        do {
            got = c.call("TSDB_GET", "iot:closing", "-", "+", "string");
        } while (!got.startsWith("*4") && System.currentTimeMillis() < deadline);
        assertThat(got).isEqualTo("*4\r\n$1\r\n1\r\n$3\r\nabc\r\n$1\r\n2\r\n$3\r\n1.5\r\n");
        assertThat(c.call("TSDB_SET", "num", "1", "1")).isEqualTo("+OK\r\n");
        assertThat(c.call("BATCH_SET", "num", "abc")).isEqualTo("-ERR invalid value for type double\r\n");
        assertThat(c.call("BATCH_SET", "num", "1", "x")).isEqualTo("-ERR invalid timestamp format\r\n");
        assertThat(c.call("BATCH_FLUSH")).isEqualTo("+OK\r\n");
        assertThat(c.call("BATCH_FLUSH", "x")).isEqualTo("-ERR wrong number of arguments for 'batch_flush' command\r\n");
    }

    @Test
    @Covers({"batch_set"})
    void batchSetWithoutTimestampUsesUnixSeconds() throws Exception {
        long before = System.currentTimeMillis() / 1000;
        assertThat(c.call("BATCH_SET", "now", "1.25")).isEqualTo("+OK\r\n");
        assertThat(c.call("BATCH_FLUSH")).isEqualTo("+OK\r\n");
        String reply = c.call("TSDB_GET", "now", "-", "+");
        long ts = Long.parseLong(reply.split("\r\n")[2]);
        assertThat(ts).isBetween(before, System.currentTimeMillis() / 1000);
    }

    @Test
    void jedisAndLettuceResp3() throws Exception {
        ProtocolCommand tsdbSet = () -> "TSDB_SET".getBytes(StandardCharsets.US_ASCII);
        ProtocolCommand tsdbGet = () -> "TSDB_GET".getBytes(StandardCharsets.US_ASCII);
        try (Jedis j = new Jedis("127.0.0.1", server.port())) {
            assertThat(j.sendCommand(tsdbSet, "stock:j", "10", "1.5")).isEqualTo("OK".getBytes(StandardCharsets.US_ASCII));
            @SuppressWarnings("unchecked")
            List<byte[]> got = (List<byte[]>) j.sendCommand(tsdbGet, "stock:j", "0", "20");
            assertThat(got).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly("10", "1.5");
        }
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            List<Object> fields = conn.sync().dispatch(keyword("HASH_FIELDS"), new NestedMultiOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add("stock:h").add("0").add("10").add("a"));
            assertThat(fields).isEmpty();
            conn.sync().dispatch(keyword("HASH_SET"), new io.lettuce.core.output.StatusOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8).add("stock:h").add("5").add("{\"a\":1}"));
            List<Object> rows = conn.sync().dispatch(keyword("HASH_FIELDS"), new NestedMultiOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8).add("stock:h").add("0").add("10").add("a"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).isEqualTo(List.of("5", "1"));
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
        try (RawClient r3 = new RawClient(server.port())) {
            r3.call("HELLO", "3");
            assertThat(r3.call("TSDB_GET", "stock:j", "0", "20")).isEqualTo("*2\r\n$2\r\n10\r\n$3\r\n1.5\r\n");
            assertThat(r3.call("HASH_GET", "missing", "0", "1")).isEqualTo("*0\r\n");
        }
    }

    private static io.lettuce.core.protocol.ProtocolKeyword keyword(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        return new io.lettuce.core.protocol.ProtocolKeyword() {
            @Override
            public byte[] getBytes() { return bytes; }

            @Override
            public String toString() { return name; }
        };
    }

    @Test
    void restartKeepsSeedData() throws Exception {
        try (TestServer s = TestServer.start()) {
            try (RawClient w = new RawClient(s.port())) {
                w.call("TSDB_SET", "stock:r", "1", "2.5", "double", "70");
                w.call("HASH_SET", "order:r", "1", "{\"id\":7}");
                w.call("BATCH_SET", "iot:r", "3.5", "9");
                w.call("BATCH_FLUSH");
            }
            java.nio.file.Path dir = s.dataDir();
            s.stop();
            try (TestServer again = TestServer.startIn(dir); RawClient r = new RawClient(again.port())) {
                assertThat(r.call("TSDB_GET", "stock:r", "-", "+", "WITHQUALITY")).isEqualTo("*3\r\n$1\r\n1\r\n$3\r\n2.5\r\n$2\r\n70\r\n");
                assertThat(r.call("HASH_GET", "order:r", "-", "+")).isEqualTo("*2\r\n$1\r\n1\r\n$8\r\n{\"id\":7}\r\n");
                assertThat(r.call("TSDB_GET", "iot:r", "-", "+")).isEqualTo("*2\r\n$1\r\n9\r\n$3\r\n3.5\r\n");
            }
        }
    }
}
