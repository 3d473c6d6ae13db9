package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.protocol.ProtocolVersion;
import io.stocktsdb.it.Covers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.timeseries.AggregationType;
import redis.clients.jedis.timeseries.TSElement;
import redis.clients.jedis.timeseries.TSInfo;
import redis.clients.jedis.timeseries.TSRangeParams;

/**
 * TS.RANGE, TS.REVRANGE, TS.GET and TS.INFO through Jedis and Lettuce. The data set: samples
 * (1000, 1) .. (6000, 6); with 2000 ms buckets that is {1}, {2, 3}, {4, 5}, {6}.
 */
class TsReadIT {

    private static String series() {
        String key = TsServer.unique("r:six");
        try (UnifiedJedis j = TsServer.jedis(RedisProtocol.RESP2)) {
            for (int i = 1; i <= 6; i++) j.tsAdd(key, i * 1000L, i);
        }
        return key;
    }

    private static List<TSElement> rows(long... tsAndValues) {
        TSElement[] out = new TSElement[tsAndValues.length / 2];
        for (int i = 0; i < out.length; i++) out[i] = new TSElement(tsAndValues[2 * i], tsAndValues[2 * i + 1]);
        return List.of(out);
    }

    private static List<TSElement> elements(String cells) {
        List<TSElement> out = new java.util.ArrayList<>();
        for (String cell : cells.split(",")) {
            String[] p = cell.trim().split(":");
            out.add(new TSElement(Long.parseLong(p[0]), Double.parseDouble(p[1])));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.range", "ts.revrange"})
    void rangeFiltersAndCount(RedisProtocol protocol) {
        String key = series();
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            assertThat(j.tsRange(key, 0, Long.MAX_VALUE)).isEqualTo(rows(1000, 1, 2000, 2, 3000, 3, 4000, 4, 5000, 5, 6000, 6));
            assertThat(j.tsRange(key, 2500, 4000)).isEqualTo(rows(3000, 3, 4000, 4));
            assertThat(j.tsRevRange(key, 2500, 4000)).isEqualTo(rows(4000, 4, 3000, 3));
            assertThat(j.tsRange(key, TSRangeParams.rangeParams().count(2))).isEqualTo(rows(1000, 1, 2000, 2));
            assertThat(j.tsRevRange(key, TSRangeParams.rangeParams().count(2))).isEqualTo(rows(6000, 6, 5000, 5));
            assertThat(j.tsRange(key, TSRangeParams.rangeParams().filterByTS(4000, 2000, 9999, 2000)))
                    .isEqualTo(rows(2000, 2, 4000, 4));
            assertThat(j.tsRange(key, TSRangeParams.rangeParams().filterByValues(2, 4))).isEqualTo(rows(2000, 2, 3000, 3, 4000, 4));
            assertThat(j.tsRevRange(key, TSRangeParams.rangeParams().filterByValues(2, 4).count(1))).isEqualTo(rows(4000, 4));
            assertThat(j.tsRange(key, 7000, 8000)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "AVG    | 0:1, 2000:2.5, 4000:4.5, 6000:6 |",
        "SUM    | 0:1, 2000:5, 4000:9, 6000:6 |",
        "MIN    | 0:1, 2000:2, 4000:4, 6000:6 |",
        "MAX    | 0:1, 2000:3, 4000:5, 6000:6 |",
        "RANGE  | 0:0, 2000:1, 4000:1, 6000:0 |",
        "COUNT  | 0:1, 2000:2, 4000:2, 6000:1 |",
        "FIRST  | 0:1, 2000:2, 4000:4, 6000:6 | 0:1, 2000:3, 4000:5, 6000:6",
        "LAST   | 0:1, 2000:3, 4000:5, 6000:6 | 0:1, 2000:2, 4000:4, 6000:6",
        "STD_P  | 0:0, 2000:0.5, 4000:0.5, 6000:0 |",
        "STD_S  | 0:0, 2000:0.7071067811865476, 4000:0.7071067811865476, 6000:0 |",
        "VAR_P  | 0:0, 2000:0.25, 4000:0.25, 6000:0 |",
        "VAR_S  | 0:0, 2000:0.5, 4000:0.5, 6000:0 |",
        "TWA    | 0:1.5, 2000:3, 4000:5, 6000:6 |",
    })
    @Covers({"ts.range"})
    void everyAggregator(String aggregator, String expected, String expectedReverse) {
        String key = series();
        List<TSElement> want = elements(expected);
        // RTS aggregates REVRANGE newest first: first and last swap inside each bucket
        List<TSElement> wantReverse = elements(expectedReverse == null ? expected : expectedReverse);
        for (RedisProtocol protocol : RedisProtocol.values()) {
            try (UnifiedJedis j = TsServer.jedis(protocol)) {
                List<TSElement> got = j.tsRange(key, TSRangeParams.rangeParams().aggregation(AggregationType.valueOf(aggregator), 2000));
                assertThat(got).as(protocol.name()).isEqualTo(want);
                List<TSElement> reversed = new java.util.ArrayList<>(wantReverse);
                java.util.Collections.reverse(reversed);
                assertThat(j.tsRevRange(key, TSRangeParams.rangeParams().aggregation(AggregationType.valueOf(aggregator), 2000)))
                        .as(protocol.name()).isEqualTo(reversed);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.range", "ts.revrange"})
    void alignBucketTimestampEmptyAndCount(RedisProtocol protocol) {
        String key = series();
        String gaps = TsServer.unique("r:gaps");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            assertThat(j.tsRange(key, TSRangeParams.rangeParams(500, 7000).alignStart().aggregation(AggregationType.COUNT, 2000)))
                    .isEqualTo(rows(500, 2, 2500, 2, 4500, 2));
            assertThat(j.tsRange(key, TSRangeParams.rangeParams(0, 6000).alignEnd().aggregation(AggregationType.COUNT, 4000)))
                    .isEqualTo(rows(0, 1, 2000, 4, 6000, 1));
            assertThat(j.tsRange(key, TSRangeParams.rangeParams().align(1000).aggregation(AggregationType.SUM, 2000)))
                    .isEqualTo(rows(1000, 3, 3000, 7, 5000, 11));
            assertThat(j.tsRange(key, TSRangeParams.rangeParams().aggregation(AggregationType.MAX, 2000).bucketTimestampHigh()))
                    .isEqualTo(rows(2000, 1, 4000, 3, 6000, 5, 8000, 6));
            assertThat(j.tsRange(key, TSRangeParams.rangeParams().aggregation(AggregationType.MAX, 2000).bucketTimestampMid()))
                    .isEqualTo(rows(1000, 1, 3000, 3, 5000, 5, 7000, 6));
            assertThat(j.tsRange(key, TSRangeParams.rangeParams().aggregation(AggregationType.SUM, 2000).count(2)))
                    .isEqualTo(rows(0, 1, 2000, 5));
            assertThat(j.tsRevRange(key, TSRangeParams.rangeParams().aggregation(AggregationType.SUM, 2000).count(2)))
                    .isEqualTo(rows(6000, 6, 4000, 9));
            // filters run before aggregation
            assertThat(j.tsRange(key, TSRangeParams.rangeParams().filterByValues(2, 4).aggregation(AggregationType.SUM, 2000)))
                    .isEqualTo(rows(2000, 5, 4000, 4));

            j.tsAdd(gaps, 1000, 1);
            j.tsAdd(gaps, 4000, 4);
            assertThat(j.tsRange(gaps, TSRangeParams.rangeParams().aggregation(AggregationType.SUM, 1000).empty()))
                    .isEqualTo(rows(1000, 1, 2000, 0, 3000, 0, 4000, 4));
            assertThat(j.tsRange(gaps, TSRangeParams.rangeParams().aggregation(AggregationType.LAST, 1000).empty()))
                    .isEqualTo(rows(1000, 1, 2000, 1, 3000, 1, 4000, 4));
            List<TSElement> avg = j.tsRange(gaps, TSRangeParams.rangeParams().aggregation(AggregationType.AVG, 1000).empty());
            assertThat(avg).extracting(TSElement::getTimestamp).containsExactly(1000L, 2000L, 3000L, 4000L);
            assertThat(avg.get(1).getValue()).isNaN();
            assertThat(j.tsRange(gaps, TSRangeParams.rangeParams().aggregation(AggregationType.AVG, 1000)))
                    .isEqualTo(rows(1000, 1, 4000, 4));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    @Covers({"ts.range", "ts.revrange"})
    void severalAggregatorsGiveOneRowPerBucket(ProtocolVersion protocol) {
        String key = series();
        try (TsServer.Lettuce l = new TsServer.Lettuce(protocol)) {
            List<?> rows = (List<?>) l.call("TS.RANGE", key, "-", "+", "AGGREGATION", "first,max,min,last", 2000);
            assertThat(rows).hasSize(4);
            assertThat(numbers(rows.get(1))).containsExactly(2000.0, 2.0, 3.0, 2.0, 3.0);
            assertThat(numbers(rows.get(2))).containsExactly(4000.0, 4.0, 5.0, 4.0, 5.0);
            List<?> rev = (List<?>) l.call("TS.REVRANGE", key, "-", "+", "AGGREGATION", "count,avg", 2000, "COUNT", 1);
            assertThat(rev).hasSize(1);
            assertThat(numbers(rev.get(0))).containsExactly(6000.0, 1.0, 6.0);
        }
    }

    /** A reply row as doubles: RESP2 values are strings, RESP3 values doubles. */
    static List<Double> numbers(Object row) {
        return ((List<?>) row).stream().map(o -> Double.parseDouble(String.valueOf(o))).toList();
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.get"})
    void getReturnsTheLastSample(RedisProtocol protocol) {
        String key = series();
        String empty = TsServer.unique("r:empty");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            assertThat(j.tsGet(key)).isEqualTo(new TSElement(6000, 6));
            j.tsCreate(empty);
            assertThat(j.tsGet(empty)).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    @Covers({"ts.get", "ts.info"})
    void getAndInfoThroughLettuce(ProtocolVersion protocol) {
        String key = series();
        try (TsServer.Lettuce l = new TsServer.Lettuce(protocol)) {
            assertThat(numbers(l.call("TS.GET", key))).containsExactly(6000.0, 6.0);
            assertThat(numbers(l.call("TS.GET", key, "latest"))).containsExactly(6000.0, 6.0);
            Object info = l.call("TS.INFO", key);
            Map<Object, Object> fields = asMap(info);
            assertThat(fields.keySet()).containsExactly("totalSamples", "memoryUsage", "firstTimestamp", "lastTimestamp",
                    "retentionTime", "chunkCount", "chunkSize", "chunkType", "duplicatePolicy", "labels", "sourceKey",
                    "rules", "ignoreMaxTimeDiff", "ignoreMaxValDiff");
            assertThat(fields.get("totalSamples")).isEqualTo(6L);
            assertThat(fields.get("firstTimestamp")).isEqualTo(1000L);
            assertThat(fields.get("lastTimestamp")).isEqualTo(6000L);
            assertThat(fields.get("sourceKey")).isNull();
            assertThat(Double.parseDouble(String.valueOf(fields.get("ignoreMaxValDiff")))).isZero();
        }
    }

    /** RESP3 maps arrive as maps, RESP2 as flat arrays. */
    @SuppressWarnings("unchecked")
    static Map<Object, Object> asMap(Object reply) {
        if (reply instanceof Map<?, ?> m) return (Map<Object, Object>) m;
        List<?> flat = (List<?>) reply;
        Map<Object, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < flat.size(); i += 2) out.put(flat.get(i), flat.get(i + 1));
        return out;
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.info"})
    void infoDebugListsChunks(RedisProtocol protocol) {
        String key = TsServer.unique("r:chunks");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            j.tsCreate(key, redis.clients.jedis.timeseries.TSCreateParams.createParams().chunkSize(128));
            for (int i = 0; i < 200; i++) j.tsAdd(key, i * 1000L + (i % 7) * 13, Math.sin(i) * 1000);
            TSInfo info = j.tsInfoDebug(key);
            List<Map<String, Object>> chunks = info.getChunks();
            assertThat(chunks.size()).isGreaterThan(1).isEqualTo(info.getIntegerProperty("chunkCount").intValue());
            long total = 0;
            long previousEnd = -1;
            for (Map<String, Object> c : chunks) {
                long start = (Long) c.get("startTimestamp");
                long end = (Long) c.get("endTimestamp");
                assertThat(start).isGreaterThan(previousEnd);
                assertThat(end).isGreaterThanOrEqualTo(start);
                previousEnd = end;
                total += (Long) c.get("samples");
            }
            assertThat(total).isEqualTo(200L);
            assertThat(info.getProperty("keySelfName")).isEqualTo(key);
        }
    }

    @Test
    @Covers({"ts.range"})
    void retentionHidesExpiredSamplesOnRead() {
        String key = TsServer.unique("r:ret");
        try (UnifiedJedis j = TsServer.jedis(RedisProtocol.RESP3)) {
            j.tsCreate(key, redis.clients.jedis.timeseries.TSCreateParams.createParams().retention(1500));
            for (int i = 1; i <= 6; i++) j.tsAdd(key, i * 1000L, i);
            assertThat(j.tsRange(key, 0, Long.MAX_VALUE)).isEqualTo(rows(5000, 5, 6000, 6));
            assertThat(j.tsRange(key, TSRangeParams.rangeParams().aggregation(AggregationType.COUNT, 10_000))).isEqualTo(rows(0, 2));
        }
    }
}
