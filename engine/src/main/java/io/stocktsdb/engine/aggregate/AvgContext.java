package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * avg as RTS computes it: a plain running sum divided by the count, switching to a running mean
 * ({@code mean(n) = mean(n-1) * (n-1)/n + x/n}) once the sum would overflow {@code DBL_MAX}. RTS does
 * that rare overflow path in 80-bit long double; this one in 34-digit decimal, so the mean of values
 * near ±DBL_MAX stays finite as in RTS (only the last bit of such buckets may differ).
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
            value = Double.isFinite(value) && Double.isFinite(v) ? wideMean(v) : narrowMean(v);
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

    /** The running mean in a wider type, as RTS does in long double: no intermediate overflows. */
    private double wideMean(double v) {
        BigDecimal n = BigDecimal.valueOf(count);
        BigDecimal mean = new BigDecimal(value).divide(n, MathContext.DECIMAL128);
        if (overflow) mean = mean.multiply(BigDecimal.valueOf(count - 1), MathContext.DECIMAL128);
        return mean.add(new BigDecimal(v).divide(n, MathContext.DECIMAL128), MathContext.DECIMAL128).doubleValue();
    }

    private double narrowMean(double v) {
        double mean = value / count;
        if (overflow) mean *= count - 1;
        return mean + v / count;
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
