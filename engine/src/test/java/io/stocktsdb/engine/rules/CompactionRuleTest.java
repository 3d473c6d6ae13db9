package io.stocktsdb.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.engine.aggregate.AggregationSpec;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.ArraySeries;
import io.stocktsdb.engine.aggregate.BucketAggregation;
import io.stocktsdb.engine.aggregate.BucketTimestamp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompactionRuleTest {

    /** Records what the rule asks of the destination. */
    private static final class Recorder implements DestinationWriter {
        final List<String> ops = new ArrayList<>();

        @Override
        public void upsert(long bucketStart, double value) {
            ops.add("upsert " + bucketStart + " " + value);
        }

        @Override
        public void deleteRange(long from, long to) {
            ops.add("delete " + from + " " + to);
        }
    }

    private static List<String> feed(CompactionRule rule, ArraySeries s) {
        List<String> closed = new ArrayList<>();
        long[] ts = tsOf(s);
        double[] v = valuesOf(s);
        for (int i = 0; i < ts.length; i++) {
            if (rule.onAppend(ts[i], v[i])) closed.add(rule.closedBucketStart() + ":" + rule.closedBucketValue());
        }
        return closed;
    }

    private static long[] tsOf(ArraySeries s) {
        List<Long> out = new ArrayList<>();
        var src = s.range(0, Long.MAX_VALUE);
        while (src.next()) out.add(src.timestamp());
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static double[] valuesOf(ArraySeries s) {
        List<Double> out = new ArrayList<>();
        var src = s.range(0, Long.MAX_VALUE);
        while (src.next()) out.add(src.value());
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void bucketClosesOnlyOnALaterSample() {
        CompactionRule rule = new CompactionRule("dst", Aggregator.SUM, 10, 0);
        assertThat(rule.openBucketStart()).isEqualTo(CompactionRule.NO_BUCKET);
        assertThat(rule.hasOpenBucket()).isFalse();
        assertThat(rule.onAppend(1, 1)).isFalse();
        assertThat(rule.onAppend(5, 2)).isFalse();
        assertThat(rule.openBucketValue()).isEqualTo(3);
        assertThat(rule.onAppend(10, 3)).isTrue();
        assertThat(rule.closedBucketStart()).isEqualTo(0);
        assertThat(rule.closedBucketValue()).isEqualTo(3);
        assertThat(rule.onAppend(15, 4)).isFalse();
        // Bucket 20 stays empty: no destination sample for it.
        assertThat(rule.onAppend(35, 5)).isTrue();
        assertThat(rule.closedBucketStart()).isEqualTo(10);
        assertThat(rule.closedBucketValue()).isEqualTo(7);
        assertThat(rule.openBucketStart()).isEqualTo(30);
        assertThat(rule.hasOpenBucket()).isTrue();
        assertThat(rule.openBucketValue()).isEqualTo(5);
    }

    @Test
    void alignedFirstBucketIsClampedToZero() {
        CompactionRule rule = new CompactionRule("dst", Aggregator.AVG, 10, 5);
        assertThat(rule.onAppend(1, 2)).isFalse();
        assertThat(rule.openBucketStart()).isEqualTo(0); // [-5, 5) reported at 0
        assertThat(rule.onAppend(4, 4)).isFalse();
        assertThat(rule.onAppend(5, 100)).isTrue();
        assertThat(rule.closedBucketStart()).isEqualTo(0);
        assertThat(rule.closedBucketValue()).isEqualTo(3);
        assertThat(rule.openBucketStart()).isEqualTo(5);
    }

    @Test
    void twaRuleInterpolatesAcrossBuckets() {
        CompactionRule rule = new CompactionRule("dst", Aggregator.TWA, 10, 0);
        assertThat(feed(rule, ArraySeries.of(0, 0, 10, 10, 20, 20))).containsExactly("0:5.0", "10:15.0");
    }

    @Test
    void closedBucketsEqualRangeAggregationForEveryAggregator() {
        Random rnd = new Random(5);
        int n = 3000;
        long[] ts = new long[n];
        double[] v = new double[n];
        long t = rnd.nextInt(100);
        for (int i = 0; i < n; i++) {
            t += 1 + rnd.nextInt(40);
            ts[i] = t;
            v[i] = Math.round(rnd.nextGaussian() * 1000) / 8.0;
        }
        ArraySeries series = new ArraySeries(ts, v);
        for (Aggregator a : Aggregator.values()) {
            CompactionRule rule = new CompactionRule("dst", a, 97, 13);
            List<String> closed = feed(rule, series);
            List<String> rows = new ArrayList<>();
            AggregationSpec spec = new AggregationSpec(List.of(a), 97, 13, BucketTimestamp.START, false);
            new BucketAggregation(spec).run(series.range(0, Long.MAX_VALUE), 0, Long.MAX_VALUE, series,
                    (bucket, values) -> rows.add(bucket + ":" + values[0]));
            assertThat(closed).as(a.wireName()).isEqualTo(rows.subList(0, rows.size() - 1));
            assertThat(rule.openBucketStart() + ":" + rule.openBucketValue())
                    .as(a.wireName() + " open bucket")
                    .isEqualTo(rows.get(rows.size() - 1));
        }
    }

    @Test
    void persistenceRoundTripKeepsTheOpenBucket() throws IOException {
        ArraySeries s = ArraySeries.of(0, 1, 3, 2, 9, 3, 11, 4, 14, 5, 27, 6, 31, 7, 45, 8);
        long[] ts = tsOf(s);
        double[] v = valuesOf(s);
        for (Aggregator a : Aggregator.values()) {
            CompactionRule straight = new CompactionRule("dst:" + a.wireName(), a, 10, 0);
            CompactionRule restored = new CompactionRule("dst:" + a.wireName(), a, 10, 0);
            List<String> one = new ArrayList<>();
            List<String> two = new ArrayList<>();
            for (int i = 0; i < ts.length; i++) {
                if (straight.onAppend(ts[i], v[i])) one.add(straight.closedBucketStart() + ":" + straight.closedBucketValue());
                if (restored.onAppend(ts[i], v[i])) two.add(restored.closedBucketStart() + ":" + restored.closedBucketValue());
                if (i == 3 || i == 5) restored = CompactionRule.fromBytes(restored.toBytes());
            }
            assertThat(two).as(a.wireName()).isEqualTo(one);
            assertThat(restored.destKey()).isEqualTo("dst:" + a.wireName());
            assertThat(restored.aggregator()).isEqualTo(a);
            assertThat(restored.bucketDuration()).isEqualTo(10);
            assertThat(restored.toBytes()).isEqualTo(straight.toBytes());
        }
        CompactionRule fresh = CompactionRule.fromBytes(new CompactionRule("k", Aggregator.MAX, 60000, 5).toBytes());
        assertThat(fresh.alignTimestamp()).isEqualTo(5);
        assertThat(fresh.openBucketStart()).isEqualTo(CompactionRule.NO_BUCKET);
    }

    @Test
    void goldenBytes() {
        CompactionRule rule = new CompactionRule("d", Aggregator.SUM, 10, 0);
        rule.onAppend(1, 2.5);
        assertThat(java.util.HexFormat.of().formatHex(rule.toBytes())).isEqualTo(
                "01" + "000164" + "03" + "000000000000000a" + "0000000000000000" // version, key, SUM, 10, align 0
                        + "0000000000000000" + "0000000000000001" // open bucket 0 with 1 sample
                        + "01" + "03" + "4004000000000000"); // context: version, SUM, sum 2.5
    }

    @Test
    void persistedFormatIsVersioned() {
        byte[] bytes = new CompactionRule("k", Aggregator.SUM, 10, 0).toBytes();
        assertThat(bytes[0]).isEqualTo((byte) 1);
        bytes[0] = 2;
        assertThatThrownBy(() -> CompactionRule.fromBytes(bytes)).isInstanceOf(IOException.class);
    }

    @Test
    void upsertIntoClosedBucketRewritesTheDestination() {
        CompactionRule rule = new CompactionRule("dst", Aggregator.SUM, 10, 0);
        feed(rule, ArraySeries.of(1, 1, 5, 2, 12, 3, 25, 4));
        Recorder dest = new Recorder();
        ArraySeries after = ArraySeries.of(1, 1, 5, 2, 7, 10, 12, 3, 25, 4);
        rule.onUpsert(7, after, dest);
        assertThat(dest.ops).containsExactly("upsert 0 13.0");
        assertThat(rule.openBucketValue()).isEqualTo(4);
    }

    @Test
    void upsertIntoOpenBucketRecomputesTheContext() {
        CompactionRule rule = new CompactionRule("dst", Aggregator.SUM, 10, 0);
        feed(rule, ArraySeries.of(1, 1, 5, 2, 12, 3, 25, 4));
        Recorder dest = new Recorder();
        rule.onUpsert(22, ArraySeries.of(1, 1, 5, 2, 12, 3, 22, 6, 25, 4), dest);
        assertThat(dest.ops).isEmpty();
        assertThat(rule.openBucketValue()).isEqualTo(10);
        assertThat(rule.onAppend(31, 1)).isTrue();
        assertThat(rule.closedBucketValue()).isEqualTo(10);
    }

    @Test
    void ruleWithoutAppendsIgnoresHistoryChanges() {
        CompactionRule rule = new CompactionRule("dst", Aggregator.SUM, 10, 0);
        Recorder dest = new Recorder();
        rule.onUpsert(5, ArraySeries.of(5, 1), dest);
        rule.onDelete(0, 100, -1, ArraySeries.of(), dest);
        assertThat(dest.ops).isEmpty();
        assertThat(rule.openBucketStart()).isEqualTo(CompactionRule.NO_BUCKET);
    }

    private static final ArraySeries FULL =
            ArraySeries.of(1, 1, 5, 2, 12, 3, 15, 4, 22, 5, 28, 6, 35, 7, 41, 8);

    private static CompactionRule fedRule() {
        CompactionRule rule = new CompactionRule("dst", Aggregator.SUM, 10, 0);
        assertThat(feed(rule, FULL)).containsExactly("0:3.0", "10:7.0", "20:11.0", "30:7.0");
        return rule;
    }

    @Test
    void deleteRecomputesEdgesAndDropsEmptiedBuckets() {
        CompactionRule rule = fedRule();
        Recorder dest = new Recorder();
        rule.onDelete(5, 22, 41, ArraySeries.of(1, 1, 28, 6, 35, 7, 41, 8), dest);
        assertThat(dest.ops).containsExactly("upsert 0 1.0", "upsert 20 6.0", "delete 10 19");
        assertThat(rule.openBucketValue()).isEqualTo(8);
    }

    @Test
    void deleteOfEverythingClearsTheRule() {
        CompactionRule rule = fedRule();
        Recorder dest = new Recorder();
        rule.onDelete(0, 100, -1, ArraySeries.of(), dest);
        assertThat(dest.ops).containsExactly("delete 0 30");
        assertThat(rule.openBucketStart()).isEqualTo(CompactionRule.NO_BUCKET);
        assertThat(rule.hasOpenBucket()).isFalse();
    }

    @Test
    void deleteThatEmptiesTheOpenBucketRewinds() {
        CompactionRule rule = fedRule();
        Recorder dest = new Recorder();
        rule.onDelete(38, 45, 35, ArraySeries.of(1, 1, 5, 2, 12, 3, 15, 4, 22, 5, 28, 6, 35, 7), dest);
        assertThat(dest.ops).containsExactly("upsert 30 7.0", "delete 30 30");
        assertThat(rule.openBucketStart()).isEqualTo(30);
        assertThat(rule.openBucketValue()).isEqualTo(7);
        assertThat(rule.onAppend(50, 1)).isTrue();
        assertThat(rule.closedBucketStart()).isEqualTo(30);
        assertThat(rule.closedBucketValue()).isEqualTo(7);
    }

    @Test
    void deleteInsideOneClosedBucket() {
        CompactionRule rule = fedRule();
        Recorder dest = new Recorder();
        rule.onDelete(12, 12, 41, ArraySeries.of(1, 1, 5, 2, 15, 4, 22, 5, 28, 6, 35, 7, 41, 8), dest);
        assertThat(dest.ops).containsExactly("upsert 10 4.0");
        dest.ops.clear();
        rule.onDelete(10, 19, 41, ArraySeries.of(1, 1, 5, 2, 22, 5, 28, 6, 35, 7, 41, 8), dest);
        assertThat(dest.ops).containsExactly("delete 10 10");
    }

    @Test
    void autoRuleKeyNames() {
        assertThat(CompactionRule.autoDestKey("temp", Aggregator.AVG, 60000, 0)).isEqualTo("temp_AVG_60000");
        assertThat(CompactionRule.autoDestKey("temp", Aggregator.STD_P, 60000, 5000))
                .isEqualTo("temp_STD.P_60000_5000");
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new CompactionRule("d", Aggregator.SUM, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CompactionRule("d", Aggregator.SUM, 10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
