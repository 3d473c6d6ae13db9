package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** count (kept as a double like RTS); an EMPTY bucket reports 0. */
final class CountContext extends AggregationContext {
    private double count;

    @Override
    public Aggregator aggregator() {
        return Aggregator.COUNT;
    }

    @Override
    public void add(long timestamp, double value) {
        count++;
    }

    @Override
    public boolean acceptsSummary(ChunkSummary s) {
        return true;
    }

    @Override
    public void addSummary(ChunkSummary s) {
        count += s.count();
    }

    @Override
    public void addValues(double[] values, int from, int to) {
        count += to - from;
    }

    @Override
    public double result() {
        return count;
    }

    @Override
    public double emptyValue() {
        return 0;
    }

    @Override
    public void reset() {
        count = 0;
    }

    @Override
    public AggregationContext copy() {
        CountContext c = new CountContext();
        c.count = count;
        return c;
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        out.writeDouble(count);
    }

    @Override
    void readState(DataInput in) throws IOException {
        count = in.readDouble();
    }
}
