package io.stocktsdb.engine.query;

import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.EngineConfig;
import io.stocktsdb.engine.aggregate.AggregationSpec;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.BucketTimestamp;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aggregations answered from chunk summaries must give exactly the rows that decoding every
 * sample gives: random queries (every aggregator, several at once, ALIGN, EMPTY,
 * BUCKETTIMESTAMP, REVRANGE, COUNT, FILTER_BY_TS / FILTER_BY_VALUE which bypass summaries) over
 * series of integers (whose sums summaries serve), decimals, NaN, infinities and -0.0, on fresh
 * in-memory chunks, after a checkpoint (chunks read back from disk), after upserts and TS.DEL
 * ranges, and after a restart.
 */
class SummarizedAggregationTest {
    private static final String[] KEYS = {"s:mixed", "s:int", "s:uncompressed", "s:retention"};

    @TempDir
    Path dir;
    Engine engine;

    private Engine open() {
        return Engine.open(EngineConfig.defaults(dir).withWriteBufferBytes(64 * 1024).withCheckpoint(3_600_000, 1L << 40));
    }

    @AfterEach
    void close() {
        if (engine != null) engine.close();
    }

    @Test
    void summariesGiveTheRowsDecodingGives() {
        engine = open();
        Random r = new Random(7);
        fill(create("s:mixed", ValueType.DOUBLE, ChunkEncoding.COMPRESSED, 0), r, false);
        fill(create("s:int", ValueType.INT, ChunkEncoding.COMPRESSED, 0), r, true);
        fill(create("s:uncompressed", ValueType.DOUBLE, ChunkEncoding.UNCOMPRESSED, 0), r, false);
        fill(create("s:retention", ValueType.DOUBLE, ChunkEncoding.COMPRESSED, 40_000), r, false);
        compareAll(r, "in memory");

        engine.checkpoint();
        compareAll(r, "after a checkpoint");

        for (String k : KEYS) mutate(series(k), r);
        compareAll(r, "after upserts and deletes");
        engine.checkpoint();
        compareAll(r, "after upserts, deletes and a checkpoint");

        engine.close();
        engine = open();
        compareAll(r, "after a restart");
    }

    /** Guards the comparison above: the summary path really serves whole chunks, sums of integers included. */
    @Test
    void wholeChunksAreServedBySummaries() {
        engine = open();
        Random r = new Random(3);
        Series mixed = create("s:mixed", ValueType.DOUBLE, ChunkEncoding.COMPRESSED, 0);
        fill(mixed, r, false);
        engine.checkpoint();
        AggregationSpec spec = AggregationSpec.of(Aggregator.SUM, 1_000_000);
        SummarizedSamples samples = new SummarizedSamples(mixed, spec, 0, Long.MAX_VALUE);
        int summaries = 0;
        int integralSummaries = 0;
        while (samples.next()) {
            if (samples.summary() == null) continue;
            summaries++;
            if (samples.summary().sumsExact()) integralSummaries++;
        }
        assertThat(summaries).isGreaterThan(20);
        assertThat(integralSummaries).isGreaterThan(5);
    }

    private Series create(String key, ValueType type, ChunkEncoding encoding, long retention) {
        SeriesOptions o = engine.defaultSeriesOptions(Key.of(key), type)
                .withChunkSizeBytes(encoding == ChunkEncoding.COMPRESSED ? 128 : 512)
                .withEncoding(encoding)
                .withRetentionMs(retention)
                .withDuplicatePolicy(DuplicatePolicy.LAST);
        return engine.keyspace().createSeries(Key.of(key), o);
    }

    private Series series(String key) {
        return engine.keyspace().getSeries(Key.of(key));
    }

    /** 6000 samples at irregular 1-50 ms steps, in runs of small integers, big integers, decimals and special values. */
    private static void fill(Series s, Random r, boolean ints) {
        long ts = 1000;
        double walk = 100;
        for (int i = 0; i < 6000; i++) {
            ts += 1 + r.nextInt(50);
            int run = (i / 400) % 4;
            long bits;
            if (ints) {
                long v = run == 2 ? (1L << 40) + r.nextInt(1000) : r.nextInt(2001) - 1000;
                bits = v;
            } else {
                double v = switch (run) {
                    case 0 -> r.nextInt(201) - 100;
                    case 1 -> walk = Math.round((walk + r.nextDouble() * 2 - 1) * 100) / 100.0;
                    case 2 -> 90_000_000 + r.nextInt(20_000_000);
                    default -> special(r, walk);
                };
                bits = Double.doubleToRawLongBits(v);
            }
            s.add(ts, bits, null, 100, null);
        }
    }

    private static double special(Random r, double walk) {
        return switch (r.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> -0.0;
            case 4 -> 0.1;
            default -> r.nextInt(7);
        };
    }

    /** Out-of-order inserts, overwrites (LAST and SUM) and deleted ranges. */
    private static void mutate(Series s, Random r) {
        long last = s.lastTimestamp();
        for (int i = 0; i < 300; i++) {
            long ts = 1000 + (long) (r.nextDouble() * (last - 1000));
            DuplicatePolicy p = r.nextBoolean() ? DuplicatePolicy.LAST : DuplicatePolicy.SUM;
            long bits = s.valueType() == ValueType.INT ? r.nextInt(100) : Double.doubleToRawLongBits(r.nextInt(100) + (r.nextBoolean() ? 0.5 : 0));
            s.add(ts, bits, null, 100, p);
        }
        for (int i = 0; i < 5; i++) {
            long from = 1000 + (long) (r.nextDouble() * (last - 1000));
            s.deleteRange(from, from + r.nextInt(3000));
        }
    }

    private void compareAll(Random r, String phase) {
        for (String key : KEYS) {
            Series s = series(key);
            for (int i = 0; i < 150; i++) compare(s, randomQuery(r, s.lastTimestamp()), phase);
        }
    }

    private static void compare(Series s, RangeQuery q, String phase) {
        Rows decoded = new Rows(q.width());
        Rows summarized = new Rows(q.width());
        int nDecoded = RangeExecutor.stream(s, q, null, decoded, false);
        int nSummarized = RangeExecutor.stream(s, q, null, summarized, true);
        assertThat(summarized).as("%s, %s: %s", phase, s.key(), q).isEqualTo(decoded);
        assertThat(nSummarized).isEqualTo(nDecoded);
    }

    private static final long[] DURATIONS = {1, 7, 60, 500, 1_000, 4_000, 25_000, 1_000_000};

    private static RangeQuery randomQuery(Random r, long lastTs) {
        List<Aggregator> aggregators = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        Aggregator[] all = Aggregator.values();
        while (aggregators.size() < n) {
            Aggregator a = all[r.nextInt(all.length)];
            if (!aggregators.contains(a)) aggregators.add(a);
        }
        long duration = DURATIONS[r.nextInt(DURATIONS.length)];
        if (duration == 1) duration = 1 + r.nextInt(40); // tiny buckets with EMPTY stay small
        boolean fromMin = r.nextInt(3) == 0;
        boolean toMax = r.nextInt(3) == 0;
        long from = fromMin ? 0 : 1000 + (long) (r.nextDouble() * (lastTs - 1000));
        long to = toMax ? Long.MAX_VALUE : from + (long) (r.nextDouble() * (lastTs - from + 5000));
        AggregationQuery.Alignment alignment = AggregationQuery.Alignment.values()[r.nextInt(4)];
        AggregationQuery aggregation = new AggregationQuery(aggregators, duration,
                BucketTimestamp.values()[r.nextInt(BucketTimestamp.values().length)],
                duration >= 60 && r.nextBoolean(), alignment, r.nextInt(100_000));
        long count = r.nextInt(4) == 0 ? 1 + r.nextInt(20) : -1;
        long[] byTs = null;
        if (r.nextInt(8) == 0) {
            byTs = new long[] {from + 10, from + 100, from + 1000, from + 5000};
        }
        boolean byValue = r.nextInt(8) == 0;
        return new RangeQuery(from, to, fromMin, toMax, r.nextBoolean(), false, count, byTs, byValue, -50, 150, aggregation);
    }
}
