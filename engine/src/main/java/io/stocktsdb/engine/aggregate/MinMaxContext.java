package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * min, max and range. Like RTS the extremes start at {@code ±DBL_MAX}, not infinities, and use
 * strict comparisons: a bucket holding only {@code -inf} has max {@code -DBL_MAX}.
 */
final class MinMaxContext extends AggregationContext {
    private final Aggregator aggregator;
    private double min = Double.MAX_VALUE;
    private double max = -Double.MAX_VALUE;

    MinMaxContext(Aggregator aggregator) {
        this.aggregator = aggregator;
    }

    @Override
    public Aggregator aggregator() {
        return aggregator;
    }

    @Override
    public void add(long timestamp, double value) {
        if (aggregator != Aggregator.MIN && value > max) max = value;
        if (aggregator != Aggregator.MAX && value < min) min = value;
    }

    @Override
    public boolean acceptsSummary(ChunkSummary s) {
        return true;
    }

    /** Strict comparisons against the chunk's extremes pick the same sample the one-by-one pass picks. */
    @Override
    public void addSummary(ChunkSummary s) {
        if (aggregator != Aggregator.MIN && s.max() > max) max = s.max();
        if (aggregator != Aggregator.MAX && s.min() < min) min = s.min();
    }

    @Override
    public void addValues(double[] values, int from, int to) {
        for (int i = from; i < to; i++) add(0, values[i]);
    }

    @Override
    public double result() {
        return switch (aggregator) {
            case MIN -> min;
            case MAX -> max;
            default -> max - min;
        };
    }

    @Override
    public void reset() {
        min = Double.MAX_VALUE;
        max = -Double.MAX_VALUE;
    }

    @Override
    public AggregationContext copy() {
        MinMaxContext c = new MinMaxContext(aggregator);
        c.min = min;
        c.max = max;
        return c;
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        out.writeDouble(max);
        out.writeDouble(min);
    }

    @Override
    void readState(DataInput in) throws IOException {
        max = in.readDouble();
        min = in.readDouble();
    }
}
