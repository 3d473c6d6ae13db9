package io.stocktsdb.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketAggregationTest {
    // Samples 1→1, 3→3, 12→5, 14→7, 35→11.
    private static final ArraySeries DATA = ArraySeries.of(1, 1, 3, 3, 12, 5, 14, 7, 35, 11);

    private static List<String> run(AggregationSpec spec, ArraySeries series, long from, long to) {
        return run(spec, series, from, to, false);
    }

    private static List<String> run(AggregationSpec spec, ArraySeries series, long from, long to, boolean reverse) {
        List<String> rows = new ArrayList<>();
        new BucketAggregation(spec, reverse).run(series.range(from, to), from, to, series, (ts, values) -> {
            StringBuilder sb = new StringBuilder().append(ts);
            for (double v : values) sb.append(':').append(v);
            rows.add(sb.toString());
            return true;
        });
        return rows;
    }

    private static AggregationSpec spec(Aggregator a, long d, long align, BucketTimestamp bt, boolean empty) {
        return new AggregationSpec(List.of(a), d, align, bt, empty);
    }

    private static List<String> run(Aggregator a, boolean empty) {
        return run(spec(a, 10, 0, BucketTimestamp.START, empty), DATA, 0, 100);
    }

    @Test
    void plainBuckets() {
        assertThat(run(Aggregator.AVG, false)).containsExactly("0:2.0", "10:6.0", "30:11.0");
        assertThat(run(Aggregator.SUM, false)).containsExactly("0:4.0", "10:12.0", "30:11.0");
        assertThat(run(Aggregator.COUNT, false)).containsExactly("0:2.0", "10:2.0", "30:1.0");
        assertThat(run(Aggregator.FIRST, false)).containsExactly("0:1.0", "10:5.0", "30:11.0");
        assertThat(run(Aggregator.LAST, false)).containsExactly("0:3.0", "10:7.0", "30:11.0");
        assertThat(run(Aggregator.MIN, false)).containsExactly("0:1.0", "10:5.0", "30:11.0");
        assertThat(run(Aggregator.MAX, false)).containsExactly("0:3.0", "10:7.0", "30:11.0");
        assertThat(run(Aggregator.RANGE, false)).containsExactly("0:2.0", "10:2.0", "30:0.0");
        assertThat(run(Aggregator.VAR_P, false)).containsExactly("0:1.0", "10:1.0", "30:0.0");
        assertThat(run(Aggregator.VAR_S, false)).containsExactly("0:2.0", "10:2.0", "30:0.0");
        assertThat(run(Aggregator.STD_P, false)).containsExactly("0:1.0", "10:1.0", "30:0.0");
        assertThat(run(Aggregator.STD_S, false)).containsExactly("0:" + Math.sqrt(2), "10:" + Math.sqrt(2), "30:0.0");
    }

    @Test
    void emptyBucketsBetweenData() {
        assertThat(run(Aggregator.AVG, true)).containsExactly("0:2.0", "10:6.0", "20:NaN", "30:11.0");
        assertThat(run(Aggregator.SUM, true)).containsExactly("0:4.0", "10:12.0", "20:0.0", "30:11.0");
        assertThat(run(Aggregator.COUNT, true)).containsExactly("0:2.0", "10:2.0", "20:0.0", "30:1.0");
        assertThat(run(Aggregator.LAST, true)).containsExactly("0:3.0", "10:7.0", "20:7.0", "30:11.0");
        for (Aggregator a : new Aggregator[] {Aggregator.FIRST, Aggregator.MIN, Aggregator.MAX, Aggregator.RANGE,
                Aggregator.STD_P, Aggregator.STD_S, Aggregator.VAR_P, Aggregator.VAR_S}) {
            assertThat(run(a, true).get(2)).as(a.wireName()).isEqualTo("20:NaN");
        }
        // No buckets before the first or after the last sample (the range is 0..100).
        assertThat(run(Aggregator.SUM, true)).hasSize(4);
    }

    @Test
    void longGapsFillEveryBucket() {
        ArraySeries s = ArraySeries.of(5, 1, 47, 2);
        assertThat(run(spec(Aggregator.COUNT, 10, 0, BucketTimestamp.START, true), s, 0, 100))
                .containsExactly("0:1.0", "10:0.0", "20:0.0", "30:0.0", "40:1.0");
    }

    @Test
    void bucketTimestampVariants() {
        assertThat(run(spec(Aggregator.AVG, 10, 0, BucketTimestamp.END, false), DATA, 0, 100))
                .containsExactly("10:2.0", "20:6.0", "40:11.0");
        assertThat(run(spec(Aggregator.AVG, 10, 0, BucketTimestamp.MID, true), DATA, 0, 100))
                .containsExactly("5:2.0", "15:6.0", "25:NaN", "35:11.0");
        assertThat(run(spec(Aggregator.AVG, 5, 0, BucketTimestamp.MID, false), DATA, 0, 100))
                .containsExactly("2:2.0", "12:6.0", "37:11.0"); // 5/2 = 2 (integer division)
    }

    @Test
    void alignmentAndNegativeFirstBucket() {
        // align 5: 1 and 3 fall in [-5, 5), reported as 0; 12, 14 in [5, 15); 35 in [35, 45).
        assertThat(run(spec(Aggregator.AVG, 10, 5, BucketTimestamp.START, false), DATA, 0, 100))
                .containsExactly("0:2.0", "5:6.0", "35:11.0");
        assertThat(run(spec(Aggregator.AVG, 10, 5, BucketTimestamp.START, true), DATA, 0, 100))
                .containsExactly("0:2.0", "5:6.0", "15:NaN", "25:NaN", "35:11.0");
        // The clamped start is what END adds the duration to (RTS reports 10 for [-5, 5)).
        assertThat(run(spec(Aggregator.AVG, 10, 5, BucketTimestamp.END, false), DATA, 0, 100))
                .containsExactly("10:2.0", "15:6.0", "45:11.0");
        // align 7 (> first sample): (3 - 7) mod 10 = 6, so 3 is in [-3, 7).
        assertThat(run(spec(Aggregator.SUM, 10, 7, BucketTimestamp.START, false), DATA, 0, 100))
                .containsExactly("0:4.0", "7:12.0", "27:11.0");
        // An alignment far above every timestamp acts modulo the duration.
        assertThat(run(spec(Aggregator.SUM, 10, 1_000_005, BucketTimestamp.START, false), DATA, 0, 100))
                .containsExactly("0:4.0", "5:12.0", "35:11.0");
    }

    @Test
    void multipleAggregatorsGiveOneRowPerBucket() {
        AggregationSpec multi = new AggregationSpec(
                List.of(Aggregator.FIRST, Aggregator.MAX, Aggregator.MIN, Aggregator.LAST),
                10, 0, BucketTimestamp.START, false);
        assertThat(run(multi, DATA, 0, 100))
                .containsExactly("0:1.0:3.0:1.0:3.0", "10:5.0:7.0:5.0:7.0", "30:11.0:11.0:11.0:11.0");
        AggregationSpec multiEmpty = new AggregationSpec(
                List.of(Aggregator.COUNT, Aggregator.AVG, Aggregator.LAST), 10, 0, BucketTimestamp.START, true);
        assertThat(run(multiEmpty, DATA, 0, 100))
                .containsExactly("0:2.0:2.0:3.0", "10:2.0:6.0:7.0", "20:0.0:NaN:7.0", "30:1.0:11.0:11.0");
    }

    @Test
    void sinkCanStopEarly() {
        List<Long> seen = new ArrayList<>();
        boolean completed = new BucketAggregation(spec(Aggregator.SUM, 10, 0, BucketTimestamp.START, true))
                .run(DATA.range(0, 100), 0, 100, DATA, (ts, v) -> {
                    seen.add(ts);
                    return seen.size() < 3;
                });
        assertThat(completed).isFalse();
        assertThat(seen).containsExactly(0L, 10L, 20L);
    }

    @Test
    void instancesAreReusable() {
        BucketAggregation agg = new BucketAggregation(spec(Aggregator.LAST, 10, 0, BucketTimestamp.START, true));
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        agg.run(DATA.range(0, 100), 0, 100, DATA, (ts, v) -> first.add(ts + ":" + v[0]));
        ArraySeries other = ArraySeries.of(0, 9, 25, 1);
        agg.run(other.range(0, 100), 0, 100, other, (ts, v) -> second.add(ts + ":" + v[0]));
        assertThat(first).containsExactly("0:3.0", "10:7.0", "20:7.0", "30:11.0");
        assertThat(second).containsExactly("0:9.0", "10:9.0", "20:1.0");
    }

    @Test
    void noSamplesNoRows() {
        assertThat(run(spec(Aggregator.AVG, 10, 0, BucketTimestamp.START, true), DATA, 50, 100)).isEmpty();
    }

    // twa: a series whose value equals its timestamp; interpolation then gives bucket midpoints.
    private static final ArraySeries LINE = ArraySeries.of(
            0, 0, 10, 10, 20, 20, 30, 30, 40, 40, 50, 50, 60, 60, 70, 70, 80, 80, 90, 90, 100, 100);

    @Test
    void twaUsesNeighboursOutsideTheRange() {
        // Range [25, 75], buckets of 20: [25, 40) → 32.5, [40, 60) → 50, [60, 75] → 67.5.
        assertThat(run(spec(Aggregator.TWA, 20, 0, BucketTimestamp.START, false), LINE, 25, 75))
                .containsExactly("20:32.5", "40:50.0", "60:67.5");
    }

    @Test
    void twaWithoutNeighboursAtSeriesEdges() {
        ArraySeries s = ArraySeries.of(0, 0, 10, 10, 50, 50, 60, 60);
        // Bucket 0: from (0,0) to the interpolated 10 at its end → 5. Bucket 10: 10 → 20 → 15.
        // Bucket 50: 50 → 60 → 55. Bucket 60: a lone last sample → its value.
        assertThat(run(spec(Aggregator.TWA, 10, 0, BucketTimestamp.START, false), s, 0, 60))
                .containsExactly("0:5.0", "10:15.0", "50:55.0", "60:60.0");
    }

    @Test
    void twaEmptyFillsGapsFromNeighbours() {
        ArraySeries s = ArraySeries.of(0, 0, 10, 10, 50, 50, 60, 60);
        // Empty buckets between the neighbours 10 and 50 average the line between them.
        assertThat(run(spec(Aggregator.TWA, 10, 0, BucketTimestamp.START, true), s, 0, 60))
                .containsExactly("0:5.0", "10:15.0", "20:25.0", "30:35.0", "40:45.0", "50:55.0", "60:60.0");
    }

    @Test
    void twaEmptyFillsLeadingAndTrailingBucketsInsideTheRange() {
        ArraySeries s = ArraySeries.of(0, 0, 10, 10, 50, 50, 60, 60, 90, 90);
        assertThat(run(spec(Aggregator.TWA, 10, 0, BucketTimestamp.START, true), s, 20, 80))
                .containsExactly("20:25.0", "30:35.0", "40:45.0", "50:55.0", "60:65.0", "70:75.0", "80:80.0");
        // Other aggregators get no leading/trailing buckets.
        assertThat(run(spec(Aggregator.AVG, 10, 0, BucketTimestamp.START, true), s, 20, 80))
                .containsExactly("50:50.0", "60:60.0");
    }

    @Test
    void twaEmptyWithoutSamplesInRange() {
        ArraySeries s = ArraySeries.of(0, 0, 100, 100);
        assertThat(run(spec(Aggregator.TWA, 10, 0, BucketTimestamp.START, true), s, 20, 40))
                .containsExactly("20:25.0", "30:35.0", "40:40.0");
        ArraySeries nothing = ArraySeries.of();
        assertThat(run(spec(Aggregator.TWA, 10, 0, BucketTimestamp.START, true), nothing, 20, 40))
                .containsExactly("20:NaN", "30:NaN", "40:NaN");
    }

    @Test
    void twaEmptyWithBucketEndSkipsOneTrailingBucketLikeRts() {
        ArraySeries s = ArraySeries.of(0, 0, 10, 10);
        assertThat(run(spec(Aggregator.TWA, 10, 0, BucketTimestamp.END, true), s, 0, 40))
                .containsExactly("10:5.0", "20:10.0", "40:NaN", "50:NaN");
    }

    @Test
    void multiAggregatorWithTwaEmptyCarriesLastFromBeforeTheRange() {
        ArraySeries s = ArraySeries.of(0, 0, 10, 10, 50, 50, 60, 60, 90, 90);
        AggregationSpec multi = new AggregationSpec(
                List.of(Aggregator.TWA, Aggregator.LAST, Aggregator.COUNT), 10, 0, BucketTimestamp.START, true);
        assertThat(run(multi, s, 20, 80)).containsExactly(
                "20:25.0:10.0:0.0", "30:35.0:10.0:0.0", "40:45.0:10.0:0.0",
                "50:55.0:50.0:1.0", "60:65.0:60.0:1.0", "70:75.0:60.0:0.0", "80:80.0:60.0:0.0");
    }

    @Test
    void largeRandomRunMatchesBruteForce() {
        int n = 10_000;
        long[] ts = new long[n];
        double[] v = new double[n];
        java.util.Random rnd = new java.util.Random(3);
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += 1 + rnd.nextInt(50);
            ts[i] = t;
            v[i] = rnd.nextInt(1000) / 10.0;
        }
        ArraySeries s = new ArraySeries(ts, v);
        long d = 137, align = 61;
        List<String> rows = run(spec(Aggregator.SUM, d, align, BucketTimestamp.START, true), s, 0, Long.MAX_VALUE);
        // Brute force: sums per bucket start, every bucket between the first and the last.
        java.util.TreeMap<Long, Double> sums = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) sums.merge(Buckets.start(ts[i], d, align), v[i], Double::sum);
        List<String> expected = new ArrayList<>();
        for (long b = sums.firstKey(); b <= sums.lastKey(); b += d) {
            expected.add(Math.max(0, b) + ":" + sums.getOrDefault(b, 0.0));
        }
        assertThat(rows).isEqualTo(expected);
        assertThat(Arrays.stream(ts).distinct().count()).isEqualTo(n);
    }

    // RTS 8.2 aggregates REVRANGE newest first (rows here stay ascending; the caller reverses them).
    private static final ArraySeries ISSUE = ArraySeries.of(15, 1, 17, 4, 51, 3, 73, 5, 75, 3);

    @Test
    void reverseFirstAndLastFollowTheIterationOrderAndEmptyCarriesTheNewerBucket() {
        assertThat(run(spec(Aggregator.LAST, 10, 0, BucketTimestamp.START, true), ISSUE, 0, 100, true))
                .containsExactly("10:1.0", "20:3.0", "30:3.0", "40:3.0", "50:3.0", "60:5.0", "70:5.0");
        assertThat(run(spec(Aggregator.FIRST, 10, 0, BucketTimestamp.START, true), ISSUE, 0, 100, true))
                .containsExactly("10:4.0", "20:NaN", "30:NaN", "40:NaN", "50:3.0", "60:NaN", "70:3.0");
        // forward stays as it was
        assertThat(run(spec(Aggregator.LAST, 10, 0, BucketTimestamp.START, true), ISSUE, 0, 100, false))
                .containsExactly("10:4.0", "20:4.0", "30:4.0", "40:4.0", "50:3.0", "60:3.0", "70:3.0");
    }

    @Test
    void reverseSumsAddNewestFirstLikeRts() {
        ArraySeries tenths = ArraySeries.of(1, 0.1, 2, 0.2, 3, 0.3);
        // 0.1 + 0.2 + 0.3 = 0.6000000000000001 ascending; 0.3 + 0.2 + 0.1 = 0.6 newest first
        assertThat(run(spec(Aggregator.SUM, 10, 0, BucketTimestamp.START, false), tenths, 0, 10, false)).containsExactly("0:0.6000000000000001");
        assertThat(run(spec(Aggregator.SUM, 10, 0, BucketTimestamp.START, false), tenths, 0, 10, true)).containsExactly("0:0.6");
        assertThat(run(spec(Aggregator.AVG, 10, 0, BucketTimestamp.START, false), tenths, 0, 10, true)).containsExactly("0:0.19999999999999998");
        // order-free aggregators are unchanged
        for (Aggregator a : new Aggregator[] {Aggregator.MIN, Aggregator.MAX, Aggregator.RANGE, Aggregator.COUNT}) {
            assertThat(run(spec(a, 10, 0, BucketTimestamp.START, true), ISSUE, 0, 100, true))
                    .isEqualTo(run(spec(a, 10, 0, BucketTimestamp.START, true), ISSUE, 0, 100, false));
        }
    }

    @Test
    void twaOfARangeBetweenTwoSamplesInterpolates() {
        ArraySeries two = ArraySeries.of(10, 100, 20, 110);
        assertThat(run(spec(Aggregator.TWA, 100, 0, BucketTimestamp.START, true), two, 16, 18)).containsExactly("0:107.0");
        assertThat(run(spec(Aggregator.TWA, 100, 0, BucketTimestamp.START, false), two, 16, 18)).isEmpty();
    }

    @Test
    void avgNearTheLargestDoubleDoesNotOverflow() {
        ArraySeries big = ArraySeries.of(1, Double.MAX_VALUE, 2, Double.MAX_VALUE, 3, Double.MAX_VALUE);
        assertThat(run(spec(Aggregator.AVG, 10, 0, BucketTimestamp.START, false), big, 0, 10)).containsExactly("0:1.7976931348623157E308");
        ArraySeries negative = ArraySeries.of(1, -Double.MAX_VALUE, 2, -Double.MAX_VALUE);
        assertThat(run(spec(Aggregator.AVG, 10, 0, BucketTimestamp.START, false), negative, 0, 10)).containsExactly("0:-1.7976931348623157E308");
    }
}
