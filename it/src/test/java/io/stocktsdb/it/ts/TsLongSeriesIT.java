package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.timeseries.AggregationType;
import redis.clients.jedis.timeseries.TSCreateParams;
import redis.clients.jedis.timeseries.TSElement;
import redis.clients.jedis.timeseries.TSMRangeElements;
import redis.clients.jedis.timeseries.TSMRangeParams;
import redis.clients.jedis.timeseries.TSRangeParams;

/**
 * Series of many chunks, read the ways that go block by block inside a chunk: REVRANGE ... COUNT
 * (the newest block first), ranges starting inside a chunk, MRANGE aggregations whose buckets
 * hold whole blocks (taken from block summaries): the answers are those computed from the data,
 * while the chunks are in memory and again after SAVE (read back from disk).
 */
class TsLongSeriesIT {
    private static final int SAMPLES = 7000;
    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP = 1000;

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.revrange", "ts.range", "ts.mrange"})
    void blocksInsideChunksReadLikeTheWholeSeries(RedisProtocol protocol) {
        String tag = TsServer.unique("long");
        List<String> keys = List.of(tag + ":a", tag + ":b");
        List<List<TSElement>> data = new ArrayList<>();
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            Random random = new Random(protocol.ordinal());
            for (String key : keys) {
                j.tsCreate(key, TSCreateParams.createParams().label("group", tag));
                List<TSElement> samples = new ArrayList<>();
                long cents = 10_000;
                for (int i = 0; i < SAMPLES; i++) {
                    cents += random.nextInt(41) - 20;
                    samples.add(new TSElement(T0 + i * STEP, cents / 100.0));
                }
                for (int from = 0; from < SAMPLES; from += 500) {
                    @SuppressWarnings("unchecked")
                    Map.Entry<String, TSElement>[] batch = new Map.Entry[Math.min(500, SAMPLES - from)];
                    for (int i = 0; i < batch.length; i++) batch[i] = Map.entry(key, samples.get(from + i));
                    j.tsMAdd(batch);
                }
                data.add(samples);
            }
            for (int round = 0; round < 2; round++) {
                for (int k = 0; k < keys.size(); k++) check(j, keys.get(k), data.get(k));
                checkMaxima(j, tag, keys, data);
                assertThat(j.sendCommand(() -> "SAVE".getBytes())).isNotNull(); // round 2: sealed chunks come from disk
            }
        }
    }

    private static void check(UnifiedJedis j, String key, List<TSElement> samples) {
        List<TSElement> reversed = new ArrayList<>(samples);
        Collections.reverse(reversed);
        for (int count : new int[] {1, 100, 129, 300, 3000}) {
            assertThat(j.tsRevRange(key, TSRangeParams.rangeParams().count(count))).as("%s COUNT %d", key, count)
                    .isEqualTo(reversed.subList(0, count));
        }
        assertThat(j.tsRevRange(key, 0, Long.MAX_VALUE)).isEqualTo(reversed);
        for (int[] r : new int[][] {{1234, 1300}, {10, 6990}, {4000, 4000}, {6500, 6999}}) {
            long from = T0 + r[0] * STEP;
            long to = T0 + r[1] * STEP;
            List<TSElement> expected = samples.subList(r[0], r[1] + 1);
            assertThat(j.tsRange(key, from, to)).as("%s [%d, %d]", key, r[0], r[1]).isEqualTo(expected);
            List<TSElement> back = new ArrayList<>(expected);
            Collections.reverse(back);
            assertThat(j.tsRevRange(key, from, to)).as("%s reverse [%d, %d]", key, r[0], r[1]).isEqualTo(back);
        }
    }

    /** Buckets of 600 samples: most of a bucket's blocks lie inside it. */
    private static void checkMaxima(UnifiedJedis j, String tag, List<String> keys, List<List<TSElement>> data) {
        long bucket = 600 * STEP;
        Map<String, TSMRangeElements> max = j.tsMRange(TSMRangeParams.multiRangeParams()
                .aggregation(AggregationType.MAX, bucket).filter("group=" + tag));
        Map<String, TSMRangeElements> count = j.tsMRange(TSMRangeParams.multiRangeParams(T0 + 77 * STEP, T0 + 6543 * STEP)
                .aggregation(AggregationType.COUNT, bucket).filter("group=" + tag));
        for (int k = 0; k < keys.size(); k++) {
            List<TSElement> expectedMax = new ArrayList<>();
            List<TSElement> expectedCount = new ArrayList<>();
            long currentBucket = Long.MIN_VALUE;
            for (TSElement e : data.get(k)) {
                long b = e.getTimestamp() - e.getTimestamp() % bucket;
                if (b != currentBucket) {
                    expectedMax.add(new TSElement(b, e.getValue()));
                    currentBucket = b;
                } else if (e.getValue() > expectedMax.get(expectedMax.size() - 1).getValue()) {
                    expectedMax.set(expectedMax.size() - 1, new TSElement(b, e.getValue()));
                }
            }
            for (TSElement e : data.get(k)) {
                if (e.getTimestamp() < T0 + 77 * STEP || e.getTimestamp() > T0 + 6543 * STEP) continue;
                long b = e.getTimestamp() - e.getTimestamp() % bucket;
                int last = expectedCount.size() - 1;
                if (last >= 0 && expectedCount.get(last).getTimestamp() == b) {
                    expectedCount.set(last, new TSElement(b, expectedCount.get(last).getValue() + 1));
                } else {
                    expectedCount.add(new TSElement(b, 1));
                }
            }
            assertThat(max.get(keys.get(k)).getElements()).as("max %s", keys.get(k)).isEqualTo(expectedMax);
            assertThat(count.get(keys.get(k)).getElements()).as("count %s", keys.get(k)).isEqualTo(expectedCount);
        }
    }
}
