package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** first: the value of the earliest sample in the bucket. */
final class FirstContext extends AggregationContext {
    private double value;
    private boolean fresh = true;

    @Override
    public Aggregator aggregator() {
        return Aggregator.FIRST;
    }

    @Override
    public void add(long timestamp, double v) {
        if (fresh) {
            fresh = false;
            value = v;
        }
    }

    @Override
    public boolean acceptsSummary(ChunkSummary s) {
        return true;
    }

    @Override
    public void addSummary(ChunkSummary s) {
        if (fresh && s.count() > 0) {
            fresh = false;
            value = s.first();
        }
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
    public void reset() {
        value = 0;
        fresh = true;
    }

    @Override
    public AggregationContext copy() {
        FirstContext c = new FirstContext();
        c.value = value;
        c.fresh = fresh;
        return c;
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        out.writeDouble(value);
        out.writeBoolean(fresh);
    }

    @Override
    void readState(DataInput in) throws IOException {
        value = in.readDouble();
        fresh = in.readBoolean();
    }
}
