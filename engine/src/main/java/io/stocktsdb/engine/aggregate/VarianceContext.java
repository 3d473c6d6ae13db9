package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * var.p, var.s, std.p and std.s with RTS's naive formula (not Welford), evaluated in the same order
 * so that the bits match: {@code (Σx² - 2·Σx·Σx/n + (Σx/n)²·n) / n}; the sample forms multiply by
 * {@code n/(n-1)} and are 0 for one sample.
 */
final class VarianceContext extends AggregationContext {
    private final Aggregator aggregator;
    private double sum;
    private double sumOfSquares;
    private long count;

    VarianceContext(Aggregator aggregator) {
        this.aggregator = aggregator;
    }

    @Override
    public Aggregator aggregator() {
        return aggregator;
    }

    @Override
    public void add(long timestamp, double value) {
        count++;
        sum += value;
        sumOfSquares += value * value;
    }

    @Override
    public boolean acceptsSummary(ChunkSummary s) {
        return s.squaresExact() && exactlyExtends(sum, s.sumOfAbs()) && exactlyExtends(sumOfSquares, s.sumOfSquares());
    }

    @Override
    public void addSummary(ChunkSummary s) {
        sum = (double) ((long) sum + s.sum());
        sumOfSquares = (double) ((long) sumOfSquares + s.sumOfSquares());
        count += s.count();
    }

    @Override
    public void addValues(double[] values, int from, int to) {
        for (int i = from; i < to; i++) add(0, values[i]);
    }

    @Override
    public double result() {
        double variance;
        if (count == 0) {
            variance = 0;
        } else if (aggregator == Aggregator.VAR_S || aggregator == Aggregator.STD_S) {
            variance = count == 1 ? 0 : populationVariance(sum, sumOfSquares, count) * count / (count - 1);
        } else {
            variance = populationVariance(sum, sumOfSquares, count);
        }
        return aggregator == Aggregator.STD_P || aggregator == Aggregator.STD_S ? Math.sqrt(variance) : variance;
    }

    static double populationVariance(double sum, double sumOfSquares, double n) {
        double mean = sum / n;
        // pow(mean, 2) in C is the correctly rounded square, which mean * mean is too.
        return (sumOfSquares - 2 * sum * sum / n + mean * mean * n) / n;
    }

    @Override
    public void reset() {
        sum = 0;
        sumOfSquares = 0;
        count = 0;
    }

    @Override
    public AggregationContext copy() {
        VarianceContext c = new VarianceContext(aggregator);
        c.sum = sum;
        c.sumOfSquares = sumOfSquares;
        c.count = count;
        return c;
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        out.writeDouble(sum);
        out.writeDouble(sumOfSquares);
        out.writeLong(count);
    }

    @Override
    void readState(DataInput in) throws IOException {
        sum = in.readDouble();
        sumOfSquares = in.readDouble();
        count = in.readLong();
    }
}
