package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * last: the value of the latest sample in the bucket. The bucket reset keeps the value, so an
 * EMPTY bucket reports the last value before it (last observation carried forward).
 */
final class LastContext extends AggregationContext {
    private double value;

    @Override
    public Aggregator aggregator() {
        return Aggregator.LAST;
    }

    @Override
    public void add(long timestamp, double v) {
        value = v;
    }

    @Override
    public boolean acceptsSummary(ChunkSummary s) {
        return true;
    }

    @Override
    public void addSummary(ChunkSummary s) {
        if (s.count() > 0) value = s.last();
    }

    @Override
    public void addValues(double[] values, int from, int to) {
        for (int i = from; i < to; i++) add(0, values[i]);
    }

    @Override
    public double result() {
        return value;
    }

    @Override
    public double emptyValue() {
        return value;
    }

    /** Sets the carried-forward value for empty buckets before the first sample of a range. */
    void seed(double v) {
        value = v;
    }

    @Override
    public void reset() {
        // Kept on purpose: EMPTY buckets carry the previous bucket's last value.
    }

    @Override
    public void clear() {
        value = 0;
    }

    @Override
    public AggregationContext copy() {
        LastContext c = new LastContext();
        c.value = value;
        return c;
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        out.writeDouble(value);
    }

    @Override
    void readState(DataInput in) throws IOException {
        value = in.readDouble();
    }
}
