package io.stocktsdb.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AggregationContextTest {

    private static double aggregate(Aggregator a, double... values) {
        AggregationContext c = a.newContext();
        for (int i = 0; i < values.length; i++) c.add(10L * (i + 1), values[i]);
        return c.result();
    }

    @Test
    void everyAggregatorOnOneBucket() {
        double[] v = {1, 2, 4};
        assertThat(aggregate(Aggregator.MIN, v)).isEqualTo(1);
        assertThat(aggregate(Aggregator.MAX, v)).isEqualTo(4);
        assertThat(aggregate(Aggregator.RANGE, v)).isEqualTo(3);
        assertThat(aggregate(Aggregator.SUM, v)).isEqualTo(7);
        assertThat(aggregate(Aggregator.COUNT, v)).isEqualTo(3);
        assertThat(aggregate(Aggregator.FIRST, v)).isEqualTo(1);
        assertThat(aggregate(Aggregator.LAST, v)).isEqualTo(4);
        assertThat(aggregate(Aggregator.AVG, v)).isEqualTo(7.0 / 3);
        // Naive formula: (21 - 2*7*7/3 + (7/3)^2*3) / 3 = 14/9.
        assertThat(aggregate(Aggregator.VAR_P, v)).isCloseTo(14.0 / 9, within(1e-14));
        assertThat(aggregate(Aggregator.VAR_S, v)).isCloseTo(7.0 / 3, within(1e-14));
        assertThat(aggregate(Aggregator.STD_P, v)).isCloseTo(Math.sqrt(14.0 / 9), within(1e-14));
        assertThat(aggregate(Aggregator.STD_S, v)).isCloseTo(Math.sqrt(7.0 / 3), within(1e-14));
        // Twa of (10,1) (20,2) (30,4) without neighbours: trapezoids 15 + 30 over 20 ms.
        assertThat(aggregate(Aggregator.TWA, v)).isEqualTo(45.0 / 20);
    }

    @Test
    void varianceUsesTheNaiveFormulaBitForBit() {
        double[] v = {0.1, 0.2, 0.3, 1e8 + 0.7};
        double sum = 0, sum2 = 0;
        for (double x : v) {
            sum += x;
            sum2 += x * x;
        }
        double n = v.length;
        double expected = (sum2 - 2 * sum * sum / n + Math.pow(sum / n, 2) * n) / n;
        assertThat(aggregate(Aggregator.VAR_P, v)).isEqualTo(expected);
        assertThat(aggregate(Aggregator.VAR_S, v)).isEqualTo(expected * 4 / 3);
        assertThat(aggregate(Aggregator.STD_S, v)).isEqualTo(Math.sqrt(expected * 4 / 3));
        // A Welford result would differ here: the naive formula loses precision.
        assertThat(expected).isNotEqualTo(welfordVariance(v));
    }

    private static double welfordVariance(double[] v) {
        double mean = 0, m2 = 0;
        int n = 0;
        for (double x : v) {
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }
        return m2 / n;
    }

    @Test
    void singleSample() {
        assertThat(aggregate(Aggregator.STD_S, 5)).isEqualTo(0);
        assertThat(aggregate(Aggregator.VAR_S, 5)).isEqualTo(0);
        assertThat(aggregate(Aggregator.VAR_P, 5)).isEqualTo(0);
        assertThat(aggregate(Aggregator.TWA, 5)).isEqualTo(5);
        assertThat(aggregate(Aggregator.RANGE, 5)).isEqualTo(0);
    }

    @Test
    void extremesStartAtDblMaxNotInfinity() {
        assertThat(aggregate(Aggregator.MAX, Double.NEGATIVE_INFINITY)).isEqualTo(-Double.MAX_VALUE);
        assertThat(aggregate(Aggregator.MIN, Double.POSITIVE_INFINITY)).isEqualTo(Double.MAX_VALUE);
        assertThat(aggregate(Aggregator.MAX, -5, -3)).isEqualTo(-3);
        assertThat(aggregate(Aggregator.MIN, 5, 3)).isEqualTo(3);
        assertThat(aggregate(Aggregator.MAX, Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void avgOverflowSwitchesToRunningMean() {
        assertThat(aggregate(Aggregator.AVG, Double.MAX_VALUE, Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE);
        double threeWay = aggregate(Aggregator.AVG, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE);
        assertThat(threeWay).isCloseTo(Double.MAX_VALUE / 3, within(Double.MAX_VALUE * 1e-15));
        assertThat(aggregate(Aggregator.AVG, -Double.MAX_VALUE, -Double.MAX_VALUE)).isEqualTo(-Double.MAX_VALUE);
        assertThat(aggregate(Aggregator.AVG, 0.1, 0.2)).isEqualTo((0.1 + 0.2) / 2);
    }

    @Test
    void emptyBucketValues() {
        assertThat(Aggregator.SUM.newContext().emptyValue()).isEqualTo(0);
        assertThat(Aggregator.COUNT.newContext().emptyValue()).isEqualTo(0);
        for (Aggregator a : new Aggregator[] {Aggregator.MIN, Aggregator.MAX, Aggregator.RANGE, Aggregator.AVG,
                Aggregator.FIRST, Aggregator.STD_P, Aggregator.STD_S, Aggregator.VAR_P, Aggregator.VAR_S}) {
            AggregationContext c = a.newContext();
            c.add(1, 3);
            c.reset();
            assertThat(c.emptyValue()).as(a.wireName()).isNaN();
        }
        AggregationContext last = Aggregator.LAST.newContext();
        last.add(1, 3);
        last.add(2, 8);
        last.reset();
        assertThat(last.emptyValue()).isEqualTo(8);
        last.clear();
        assertThat(last.emptyValue()).isEqualTo(0);
    }

    @Test
    void resetStartsANewBucket() {
        for (Aggregator a : Aggregator.values()) {
            AggregationContext c = a.newContext();
            c.add(1, 100);
            c.add(2, 200);
            c.reset();
            c.add(3, 7);
            double expected = switch (a) {
                case COUNT -> 1;
                case RANGE, STD_P, STD_S, VAR_P, VAR_S -> 0;
                default -> 7;
            };
            assertThat(c.result()).as(a.wireName()).isEqualTo(expected);
        }
    }

    @Test
    void twaInterpolatesToBucketEdges() {
        // Bucket [10, 20): previous (5, 0), samples (12, 4) (16, 8), next (25, 18).
        AggregationContext c = Aggregator.TWA.newContext();
        c.setBucket(10, 20);
        c.addPrevious(5, 0);
        c.add(12, 4);
        c.add(16, 8);
        c.addNext(25, 18);
        // Linear pieces: 20/7 at 10, 4 at 12, 8 at 16, 112/9 at 20; area 48/7 + 24 + 368/9.
        assertThat(c.result()).isCloseTo(452.0 / 63, within(1e-13));
        assertThat(c.lastTimestamp()).isEqualTo(16);
        assertThat(c.lastValue()).isEqualTo(8);
    }

    @Test
    void twaWithoutNeighboursIntegratesBetweenSamples() {
        AggregationContext c = Aggregator.TWA.newContext();
        c.setBucket(10, 20);
        c.add(12, 4);
        c.add(16, 8);
        assertThat(c.result()).isEqualTo(6); // (4+8)/2 over [12, 16]
    }

    @Test
    void twaOnlyNextNeighbour() {
        AggregationContext c = Aggregator.TWA.newContext();
        c.setBucket(0, 10);
        c.add(0, 0);
        c.addNext(10, 10);
        assertThat(c.result()).isEqualTo(5);
    }

    @Test
    void persistenceRoundTripMidBucket() throws IOException {
        Random rnd = new Random(7);
        for (Aggregator a : Aggregator.values()) {
            AggregationContext straight = a.newContext();
            AggregationContext split = a.newContext();
            straight.setBucket(0, 1000);
            split.setBucket(0, 1000);
            straight.addPrevious(-5 + 5, 1.5);
            split.addPrevious(-5 + 5, 1.5);
            for (int i = 1; i <= 20; i++) {
                double v = rnd.nextGaussian() * 100;
                straight.add(i * 10, v);
                split.add(i * 10, v);
                if (i == 10) split = AggregationContext.fromBytes(split.toBytes());
            }
            straight.addNext(1100, 3);
            split.addNext(1100, 3);
            assertThat(split.aggregator()).isEqualTo(a);
            assertThat(split.result()).as(a.wireName()).isEqualTo(straight.result());
            assertThat(split.toBytes()).isEqualTo(straight.toBytes());
        }
    }

    @Test
    void persistedFormatStartsWithVersionAndCode() throws IOException {
        AggregationContext c = Aggregator.SUM.newContext();
        c.add(1, 2.5);
        byte[] bytes = c.toBytes();
        assertThat(bytes).hasSize(2 + 8);
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(bytes[1]).isEqualTo((byte) Aggregator.SUM.code());
        bytes[0] = 9;
        assertThatThrownBy(() -> AggregationContext.fromBytes(bytes)).isInstanceOf(IOException.class);
    }

    @Test
    void copyIsIndependent() {
        AggregationContext c = Aggregator.AVG.newContext();
        c.add(1, 2);
        AggregationContext copy = c.copy();
        copy.add(2, 4);
        assertThat(c.result()).isEqualTo(2);
        assertThat(copy.result()).isEqualTo(3);
    }
}
