package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** sum; an EMPTY bucket reports 0. */
final class SumContext extends AggregationContext {
    private double sum;

    @Override
    public Aggregator aggregator() {
        return Aggregator.SUM;
    }

    @Override
    public void add(long timestamp, double value) {
        sum += value;
    }

    @Override
    public boolean acceptsSummary(ChunkSummary s) {
        return s.sumsExact() && exactlyExtends(sum, s.sumOfAbs());
    }

    @Override
    public void addSummary(ChunkSummary s) {
        sum = (double) ((long) sum + s.sum());
    }

    @Override
    public void addValues(double[] values, int from, int to) {
        for (int i = from; i < to; i++) add(0, values[i]);
    }

    @Override
    public double result() {
        return sum;
    }

    @Override
    public double emptyValue() {
        return 0;
    }

    @Override
    public void reset() {
        sum = 0;
    }

    @Override
    public AggregationContext copy() {
        SumContext c = new SumContext();
        c.sum = sum;
        return c;
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        out.writeDouble(sum);
    }

    @Override
    void readState(DataInput in) throws IOException {
        sum = in.readDouble();
    }
}
