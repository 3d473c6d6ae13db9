package io.stocktsdb.engine.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * twa: the time-weighted average over {@code [bucketStart, bucketEnd)}, integrating the samples
 * with the trapezoid rule and interpolating linearly to the bucket edges from the neighbouring
 * samples outside the bucket (RTS {@code TwaContext}, forward direction).
 *
 * <ul>
 *   <li>With a previous sample, the area from the bucket start to the first sample uses the value
 *       interpolated at the start; without one the integral starts at the first sample.
 *   <li>With a next sample, the area from the last sample to the bucket end uses the value
 *       interpolated at the end; without one the integral stops at the last sample.
 *   <li>The result is the area divided by the integrated time span; with a span of 0 (one sample
 *       and no neighbours) it is that sample's value.
 * </ul>
 */
final class TwaContext extends AggregationContext {
    private double area;
    private long prevTs;
    private double prevValue;
    private long bucketStart;
    private long bucketEnd;
    private long firstTs;
    private long lastTs;
    private boolean firstBucket = true;
    private long iteration;

    @Override
    public Aggregator aggregator() {
        return Aggregator.TWA;
    }

    @Override
    public boolean needsNeighbours() {
        return true;
    }

    @Override
    public void setBucket(long start, long end) {
        bucketStart = start;
        bucketEnd = end;
    }

    @Override
    public void addPrevious(long timestamp, double value) {
        prevTs = timestamp;
        prevValue = value;
        firstBucket = false;
    }

    @Override
    public void add(long timestamp, double value) {
        long t1 = prevTs;
        double v1 = prevValue;
        if (iteration == 0) {
            if (!firstBucket) {
                firstTs = bucketStart;
                double atStart = v1 + ((double) (bucketStart - t1) * (value - v1)) / (double) (timestamp - t1);
                area += ((atStart + value) * (double) (timestamp - bucketStart)) / 2.0;
            } else {
                firstTs = timestamp;
            }
        } else {
            area += ((v1 + value) * (double) (timestamp - t1)) / 2.0;
        }
        lastTs = timestamp;
        prevTs = timestamp;
        prevValue = value;
        iteration++;
    }

    @Override
    public void addNext(long timestamp, double value) {
        long t1 = prevTs;
        double v1 = prevValue;
        double atEnd = v1 + ((double) (bucketEnd - t1) * (value - v1)) / (double) (timestamp - t1);
        area += ((atEnd + v1) * (double) (bucketEnd - t1)) / 2.0;
        lastTs = bucketEnd;
    }

    @Override
    public double result() {
        if (lastTs == firstTs) return prevValue;
        return area / (double) Math.abs(lastTs - firstTs);
    }

    @Override
    public long lastTimestamp() {
        return prevTs;
    }

    @Override
    public double lastValue() {
        return prevValue;
    }

    @Override
    public void reset() {
        area = 0;
        prevTs = 0;
        prevValue = 0;
        bucketStart = 0;
        bucketEnd = 0;
        firstTs = 0;
        lastTs = 0;
        firstBucket = true;
        iteration = 0;
    }

    @Override
    public AggregationContext copy() {
        TwaContext c = new TwaContext();
        c.area = area;
        c.prevTs = prevTs;
        c.prevValue = prevValue;
        c.bucketStart = bucketStart;
        c.bucketEnd = bucketEnd;
        c.firstTs = firstTs;
        c.lastTs = lastTs;
        c.firstBucket = firstBucket;
        c.iteration = iteration;
        return c;
    }

    @Override
    void writeState(DataOutput out) throws IOException {
        out.writeDouble(area);
        out.writeLong(prevTs);
        out.writeDouble(prevValue);
        out.writeLong(bucketStart);
        out.writeLong(bucketEnd);
        out.writeLong(firstTs);
        out.writeLong(lastTs);
        out.writeBoolean(firstBucket);
        out.writeLong(iteration);
    }

    @Override
    void readState(DataInput in) throws IOException {
        area = in.readDouble();
        prevTs = in.readLong();
        prevValue = in.readDouble();
        bucketStart = in.readLong();
        bucketEnd = in.readLong();
        firstTs = in.readLong();
        lastTs = in.readLong();
        firstBucket = in.readBoolean();
        iteration = in.readLong();
    }
}
