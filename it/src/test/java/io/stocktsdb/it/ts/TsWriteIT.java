package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.protocol.ProtocolVersion;
import io.stocktsdb.it.Covers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.timeseries.DuplicatePolicy;
import redis.clients.jedis.timeseries.EncodingFormat;
import redis.clients.jedis.timeseries.TSAddParams;
import redis.clients.jedis.timeseries.TSAlterParams;
import redis.clients.jedis.timeseries.TSCreateParams;
import redis.clients.jedis.timeseries.TSDecrByParams;
import redis.clients.jedis.timeseries.TSElement;
import redis.clients.jedis.timeseries.TSIncrByParams;
import redis.clients.jedis.timeseries.TSInfo;

/** TS.CREATE, TS.ALTER, TS.ADD, TS.MADD, TS.INCRBY, TS.DECRBY, TS.DEL through Jedis and Lettuce, RESP2 and RESP3. */
class TsWriteIT {

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.create", "ts.info"})
    void createWithEveryOptionShowsInInfo(RedisProtocol protocol) {
        String key = TsServer.unique("w:create");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            assertThat(j.tsCreate(key, TSCreateParams.createParams().retention(60_000).chunkSize(128)
                    .duplicatePolicy(DuplicatePolicy.MAX).encoding(EncodingFormat.UNCOMPRESSED)
                    .ignore(5, 0.5).label("sensor", "t1").label("room", "kitchen"))).isEqualTo("OK");
            TSInfo info = j.tsInfo(key);
            assertThat(info.getIntegerProperty("retentionTime")).isEqualTo(60_000L);
            assertThat(info.getIntegerProperty("chunkSize")).isEqualTo(128L);
            assertThat(info.getIntegerProperty("totalSamples")).isZero();
            assertThat(info.getIntegerProperty("chunkCount")).isEqualTo(1L);
            assertThat(info.getProperty("chunkType")).isEqualTo("uncompressed");
            assertThat(info.getProperty("duplicatePolicy")).isEqualTo(DuplicatePolicy.MAX);
            assertThat(info.getIntegerProperty("ignoreMaxTimeDiff")).isEqualTo(5L);
            assertThat(info.getLabels()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("sensor", "t1"), Map.entry("room", "kitchen")));
            assertThat(info.getProperty("sourceKey")).isNull();
            assertThat(info.getRules()).isEmpty();

            assertThatThrownBy(() -> j.tsCreate(key)).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR TSDB: key already exists");
            j.set(key + ":str", "x");
            assertThatThrownBy(() -> j.tsCreate(key + ":str")).hasMessage("ERR TSDB: key already exists");
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.create", "ts.info"})
    void defaultsFollowRedis8(RedisProtocol protocol) {
        String key = TsServer.unique("w:defaults");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            j.tsCreate(key);
            TSInfo info = j.tsInfo(key);
            // Redis 8.0+ copies the global policy into the series: TS.INFO shows it.
            assertThat(info.getProperty("duplicatePolicy")).isEqualTo(DuplicatePolicy.BLOCK);
            assertThat(info.getIntegerProperty("retentionTime")).isZero();
            assertThat(info.getIntegerProperty("chunkSize")).isEqualTo(4096L);
            assertThat(info.getProperty("chunkType")).isEqualTo("compressed");
            assertThat(info.getLabels()).isEmpty();
            assertThat(j.type(key)).isEqualTo("TSDB-TYPE");
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.alter", "ts.info"})
    void alterChangesOnlyTheGivenOptions(RedisProtocol protocol) {
        String key = TsServer.unique("w:alter");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            j.tsCreate(key, TSCreateParams.createParams().retention(1000).label("a", "1").label("b", "2"));
            assertThat(j.tsAlter(key, TSAlterParams.alterParams().retention(0).duplicatePolicy(DuplicatePolicy.LAST))).isEqualTo("OK");
            TSInfo info = j.tsInfo(key);
            assertThat(info.getIntegerProperty("retentionTime")).isZero();
            assertThat(info.getProperty("duplicatePolicy")).isEqualTo(DuplicatePolicy.LAST);
            assertThat(info.getLabels()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("a", "1"), Map.entry("b", "2")));

            j.tsAlter(key, TSAlterParams.alterParams().label("c", "3"));
            assertThat(j.tsInfo(key).getLabels()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("c", "3")));
            j.tsAlter(key, TSAlterParams.alterParams().labelsReset());
            assertThat(j.tsInfo(key).getLabels()).isEmpty();
            j.tsAlter(key, TSAlterParams.alterParams().chunkSize(256).ignore(10, 1.5));
            info = j.tsInfo(key);
            assertThat(info.getIntegerProperty("chunkSize")).isEqualTo(256L);
            assertThat(info.getIntegerProperty("ignoreMaxTimeDiff")).isEqualTo(10L);
            assertThat(Double.parseDouble(String.valueOf(info.getProperty("ignoreMaxValDiff")))).isEqualTo(1.5);

            assertThatThrownBy(() -> j.tsAlter(key + ":missing", TSAlterParams.alterParams().retention(5)))
                    .hasMessage("ERR TSDB: the key does not exist");
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.add", "ts.range"})
    void addCreatesTheKeyAndAppliesDuplicatePolicies(RedisProtocol protocol) {
        String key = TsServer.unique("w:add");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            assertThat(j.tsAdd(key, 1000, 1.5, TSCreateParams.createParams().retention(0).label("kind", "add"))).isEqualTo(1000L);
            assertThat(j.tsInfo(key).getLabels()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("kind", "add")));
            assertThat(j.tsAdd(key, 2000, 2)).isEqualTo(2000L);
            // default BLOCK: a duplicate fails, an out-of-order insert does not
            assertThatThrownBy(() -> j.tsAdd(key, 2000, 5)).hasMessage(
                    "ERR TSDB: Error at upsert, update is not supported when DUPLICATE_POLICY is set to BLOCK mode");
            assertThat(j.tsAdd(key, 500, 0.25)).isEqualTo(500L);
            // ON_DUPLICATE overrides for one call
            assertThat(j.tsAdd(key, 2000, 5, TSAddParams.addParams().onDuplicate(DuplicatePolicy.SUM))).isEqualTo(2000L);
            assertThat(j.tsAdd(key, 1000, 0.5, TSAddParams.addParams().onDuplicate(DuplicatePolicy.MIN))).isEqualTo(1000L);
            assertThat(j.tsAdd(key, 1000, 9, TSAddParams.addParams().onDuplicate(DuplicatePolicy.FIRST))).isEqualTo(1000L);
            assertThat(j.tsRange(key, 0, 10_000)).containsExactly(
                    new TSElement(500, 0.25), new TSElement(1000, 0.5), new TSElement(2000, 7));
            long before = System.currentTimeMillis();
            long now = j.tsAdd(key, 3);
            assertThat(now).isBetween(before, System.currentTimeMillis());
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.add"})
    void addWithRetentionAndIgnore(RedisProtocol protocol) {
        String key = TsServer.unique("w:retention");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            j.tsCreate(key, TSCreateParams.createParams().retention(2500).duplicatePolicy(DuplicatePolicy.LAST).ignore(100, 0.5));
            for (int i = 1; i <= 6; i++) j.tsAdd(key, i * 1000L, i);
            assertThatThrownBy(() -> j.tsAdd(key, 3000, 1)).hasMessage("ERR TSDB: Timestamp is older than retention");
            assertThat(j.tsAdd(key, 3500, 3.5)).isEqualTo(3500L); // exactly lastTs - retention is accepted
            // IGNORE: within 100 ms and 0.5 of the last sample: dropped, the reply is the last timestamp
            assertThat(j.tsAdd(key, 6050, 6.4)).isEqualTo(6000L);
            assertThat(j.tsAdd(key, 6050, 7)).isEqualTo(6050L);
            // reads hide what retention expired: lastTs 6050, cutoff 3550
            assertThat(j.tsRange(key, 0, 10_000)).extracting(TSElement::getTimestamp).containsExactly(4000L, 5000L, 6000L, 6050L);
            TSInfo info = j.tsInfo(key);
            assertThat(info.getIntegerProperty("firstTimestamp")).isEqualTo(4000L);
            assertThat(info.getIntegerProperty("totalSamples")).isEqualTo(4L);
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.madd"})
    void maddAddsToExistingSeriesOnly(RedisProtocol protocol) {
        String a = TsServer.unique("w:madd");
        String b = TsServer.unique("w:madd");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            j.tsCreate(a);
            j.tsCreate(b);
            List<Long> replies = j.tsMAdd(Map.entry(a, new TSElement(1000, 1)), Map.entry(b, new TSElement(1000, 2)),
                    Map.entry(a, new TSElement(2000, 3)));
            assertThat(replies).containsExactly(1000L, 1000L, 2000L);
            assertThat(j.tsRange(a, 0, 5000)).containsExactly(new TSElement(1000, 1), new TSElement(2000, 3));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    @Covers({"ts.madd"})
    void maddErrorsStayInsideTheArray(ProtocolVersion protocol) {
        String a = TsServer.unique("w:madd-err");
        try (TsServer.Lettuce l = new TsServer.Lettuce(protocol)) {
            l.call("TS.CREATE", a);
            l.call("SET", a + ":s", "v");
            Object reply = l.call("TS.MADD", a, 1000, 1, a + ":missing", 1000, 2, a + ":s", 1000, 3, a, 2000, "1.", a, "*", 4);
            List<?> items = (List<?>) reply;
            assertThat(items).hasSize(5);
            assertThat(items.get(0)).isEqualTo(1000L);
            assertThat(items.get(1)).isEqualTo(new GenericOutput.ErrorReply("ERR TSDB: the key is not a TSDB key"));
            assertThat(items.get(2)).isEqualTo(new GenericOutput.ErrorReply("ERR TSDB: the key is not a TSDB key"));
            assertThat(items.get(3)).isEqualTo(new GenericOutput.ErrorReply("ERR TSDB: invalid value"));
            assertThat((Long) items.get(4)).isGreaterThan(1_000_000_000_000L);
            assertThat(l.call("EXISTS", a + ":missing")).isEqualTo(0L);
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.incrby", "ts.decrby", "ts.get"})
    void incrByAndDecrBy(RedisProtocol protocol) {
        String key = TsServer.unique("w:incr");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            assertThat(j.tsIncrBy(key, 5, 1000)).isEqualTo(1000L);
            assertThat(j.tsIncrBy(key, 2.5, 1000)).isEqualTo(1000L); // same timestamp: LAST replaces
            assertThat(j.tsGet(key)).isEqualTo(new TSElement(1000, 7.5));
            assertThat(j.tsDecrBy(key, 10, 2000)).isEqualTo(2000L);
            assertThat(j.tsGet(key)).isEqualTo(new TSElement(2000, -2.5));
            assertThat(j.tsIncrBy(key, 1, TSIncrByParams.incrByParams().timestamp(3000).label("x", "y"))).isEqualTo(3000L);
            assertThat(j.tsInfo(key).getLabels()).isEmpty(); // creation options apply only to a new key
            assertThatThrownBy(() -> j.tsIncrBy(key, 1, 2500))
                    .hasMessage("TSDB: timestamp must be equal to or higher than the maximum existing timestamp");
            String created = TsServer.unique("w:decr");
            assertThat(j.tsDecrBy(created, 3, TSDecrByParams.decrByParams().timestamp(10).retention(99).label("l", "v")))
                    .isEqualTo(10L);
            TSInfo info = j.tsInfo(created);
            assertThat(info.getIntegerProperty("retentionTime")).isEqualTo(99L);
            assertThat(info.getLabels()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("l", "v")));
            assertThat(j.tsGet(created)).isEqualTo(new TSElement(10, -3));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    @Covers({"ts.incrby", "ts.decrby"})
    void incrByThroughLettuce(ProtocolVersion protocol) {
        String key = TsServer.unique("w:incr-l");
        try (TsServer.Lettuce l = new TsServer.Lettuce(protocol)) {
            assertThat(l.call("TS.INCRBY", key, "1.5", "TIMESTAMP", 100)).isEqualTo(100L);
            assertThat(l.call("TS.DECRBY", key, "0.25", "TIMESTAMP", 200)).isEqualTo(200L);
            Object get = l.call("TS.GET", key);
            assertThat(((List<?>) get).get(0)).isEqualTo(200L);
            assertThat(Double.parseDouble(((List<?>) get).get(1).toString())).isEqualTo(1.25);
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.del"})
    void delRemovesAnInclusiveRange(RedisProtocol protocol) {
        String key = TsServer.unique("w:del");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            for (int i = 1; i <= 10; i++) j.tsAdd(key, i * 100L, i);
            assertThat(j.tsDel(key, 200, 400)).isEqualTo(3L);
            assertThat(j.tsDel(key, 200, 400)).isZero();
            assertThat(j.tsRange(key, 0, 10_000)).extracting(TSElement::getTimestamp)
                    .containsExactly(100L, 500L, 600L, 700L, 800L, 900L, 1000L);
            assertThat(j.tsDel(key, 900, Long.MAX_VALUE)).isEqualTo(2L);
            assertThat(j.tsGet(key)).isEqualTo(new TSElement(800, 8));
            assertThatThrownBy(() -> j.tsDel(key + ":none", 0, 1)).hasMessage("ERR TSDB: the key does not exist");
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    @Covers({"ts.create", "ts.alter", "ts.add", "ts.del"})
    void writesThroughLettuce(ProtocolVersion protocol) {
        String key = TsServer.unique("w:lettuce");
        try (TsServer.Lettuce l = new TsServer.Lettuce(protocol)) {
            assertThat(l.call("TS.CREATE", key, "LABELS", "a", "b")).isEqualTo("OK");
            assertThat(l.call("TS.ALTER", key, "RETENTION", 10)).isEqualTo("OK");
            assertThat(l.call("TS.ADD", key, 5, "1e3")).isEqualTo(5L);
            assertThatThrownBy(() -> l.call("TS.ADD", key, "-", 1)).hasMessageContaining("ERR TSDB: invalid timestamp");
            assertThat(l.call("TS.DEL", key, "-", "+")).isEqualTo(1L);
        }
    }
}
