package io.stocktsdb.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.EngineConfig;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.BucketTimestamp;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.filter.FilterParser;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The series of one TS.MRANGE share their set-up (spec, aggregation, decode buffers, reverse
 * rows): every series still answers exactly as its own TS.RANGE with the same range part, in
 * both directions, with COUNT, EMPTY, twa, summarized and decoded chunks, from memory and disk;
 * and exactly as when every sample is decoded (no chunk or block summaries).
 */
class MRangeSeriesTest {
    @TempDir
    Path dir;

    private Engine engine;

    @BeforeEach
    void fill() {
        engine = Engine.open(EngineConfig.defaults(dir));
        Random random = new Random(11);
        for (int i = 0; i < 7; i++) {
            Key k = Key.of("m:" + i);
            Series s = engine.keyspace().createSeries(k, engine.defaultSeriesOptions(k, ValueType.DOUBLE)
                    .withChunkSizeBytes(i % 2 == 0 ? 128 : 1024).withLabels(Map.of("kind", "m")));
            long t = 1_000 + i * 37L;
            long cents = 10_000;
            for (int n = 0; n < 400 + 400 * i; n++) {
                t += i == 3 ? 1 + random.nextInt(20) : 10; // one irregular series, the others regular
                cents += random.nextInt(41) - 20;
                // m:5 holds integers (exact sums: its blocks serve sum, avg and var too)
                s.add(t, Double.doubleToRawLongBits(i == 5 ? cents : cents / 100.0), null, 100, null);
            }
        }
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void everySeriesAnswersAsItsOwnRange() {
        List<AggregationQuery> aggregations = List.of(
                agg(List.of(Aggregator.MAX), 500, false),
                agg(List.of(Aggregator.AVG, Aggregator.LAST, Aggregator.FIRST), 3_000, false),
                agg(List.of(Aggregator.MIN, Aggregator.RANGE, Aggregator.COUNT), 170, true),
                agg(List.of(Aggregator.TWA, Aggregator.SUM), 900, true),
                agg(List.of(Aggregator.STD_S), 100_000, false),
                agg(List.of(Aggregator.MAX, Aggregator.FIRST), 4_000, false), // buckets of whole blocks
                agg(List.of(Aggregator.MIN, Aggregator.LAST, Aggregator.COUNT, Aggregator.RANGE), 2_600, true),
                agg(List.of(Aggregator.SUM, Aggregator.AVG, Aggregator.VAR_P), 5_000, false));
        for (int round = 0; round < 2; round++) {
            for (boolean reverse : new boolean[] {false, true}) {
                for (long count : new long[] {-1, 3}) {
                    assertEverySeriesAsRange(range(0, Long.MAX_VALUE, true, reverse, count, null));
                    assertEverySeriesAsRange(range(2_000, 6_000, false, reverse, count, null));
                    for (AggregationQuery a : aggregations) {
                        assertEverySeriesAsRange(range(0, Long.MAX_VALUE, true, reverse, count, a));
                        assertEverySeriesAsRange(range(1_234, 7_777, false, reverse, count, a));
                    }
                }
            }
            engine.checkpoint(); // round 2: sealed chunks come from disk
        }
    }

    private void assertEverySeriesAsRange(RangeQuery range) {
        MRangeQuery q = new MRangeQuery(range, LabelSelection.NONE, FilterParser.parse(new ArrayList<>(List.of("kind=m"))), null, null);
        MRangeResult result = engine.queries().mrange(q);
        assertThat(result.series()).hasSize(7);
        for (SeriesRows s : result.series()) {
            Rows viaMRange = new Rows(range.width());
            s.rows().stream(viaMRange);
            Series series = engine.keyspace().getSeries(s.key());
            Rows viaRange = new Rows(range.width());
            engine.queries().range(series, range, viaRange);
            assertThat(viaMRange).as("%s %s", s.key(), range).isEqualTo(viaRange);
            assertThat(viaRange.size()).as("%s %s", s.key(), range).isPositive();
            Rows viaDecoding = new Rows(range.width()); // no chunk or block summaries
            RangeExecutor.stream(series, range, null, viaDecoding, false);
            assertThat(viaRange).as("%s %s decoded", s.key(), range).isEqualTo(viaDecoding);
        }
    }

    private static AggregationQuery agg(List<Aggregator> aggregators, long bucket, boolean empty) {
        return new AggregationQuery(aggregators, bucket, BucketTimestamp.START, empty, AggregationQuery.Alignment.DEFAULT, 0);
    }

    private static RangeQuery range(long from, long to, boolean open, boolean reverse, long count, AggregationQuery agg) {
        return new RangeQuery(from, to, open, open, reverse, false, count, null, false, 0, 0, agg);
    }
}
