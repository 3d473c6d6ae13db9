package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * avg as RTS computes it: a plain running sum divided by the count, switching to a running mean
 * ({@code mean(n) = mean(n-1) * (n-1)/n + x/n}) once the sum would overflow {@code DBL_MAX}. RTS does
 * that rare overflow path in 80-bit long double; this one uses double, so only results of buckets
 * whose sum exceeds ±1.8e308 may differ in the last bits.
 */
final class AvgContext extends AggregationContext {
    private double value;
    private double count;
    private boolean overflow;

    @Override
    public Aggregator aggregator() {
        return Aggregator.AVG;
    }

    @Override
    public void add(long timestamp, double v) {
        count++;
        if (overflow || ((value < 0.0) == (v < 0.0) && Math.abs(value) > Double.MAX_VALUE - Math.abs(v))) {
            double mean = value / count;
            if (overflow) mean *= count - 1;
            mean += v / count;
            value = mean;
            overflow = true;
        } else {
            value += v;
        }
    }

    /** Exact integer sums never reach the overflow path. */
    @Override
    public boolean acceptsSummary(ChunkSummary s) {
        return !overflow && s.sumsExact() && exactlyExtends(value, s.sumOfAbs());
    }

    @Override
    public void addSummary(ChunkSummary s) {
        value = (double) ((long) value + s.sum());
        count += s.count();
    }

    @Override
    public void addValues(double[] values, int from, int to) {
        for (int i = from; i < to; i++) add(0, values[i]);
    }

    @Override
    public double result() {
        return overflow ? value : value / count;
    }

    @Override
    public void reset() {
        value = 0;
        count = 0;
        overflow = false;
    }

    @Override
    public AggregationContext copy() {
        AvgContext c = new AvgContext();
        c.value = value;
        c.count = count;
        c.overflow = overflow;
        return c;
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        out.writeDouble(value);
        out.writeDouble(count);
        out.writeBoolean(overflow);
    }

    @Override
    void readState(DataInput in) throws IOException {
        value = in.readDouble();
        count = in.readDouble();
        overflow = in.readBoolean();
    }
}
