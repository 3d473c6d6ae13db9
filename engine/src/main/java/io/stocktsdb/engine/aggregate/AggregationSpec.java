package io.stocktsdb.engine.aggregate;

import java.util.List;

/**
 * The aggregation part of a range query: one or more aggregators (several give rows
 * {@code [ts, v1, v2, ...]}, docs/timeseries.md, "Behaviour: aggregation"), the bucket duration, the alignment (0, or the resolved
 * ALIGN / rule alignTimestamp), BUCKETTIMESTAMP and EMPTY.
 */
public record AggregationSpec(
        List<Aggregator> aggregators, long bucketDuration, long align, BucketTimestamp bucketTimestamp, boolean empty) {

    public AggregationSpec {
        aggregators = List.copyOf(aggregators);
        if (aggregators.isEmpty()) throw new IllegalArgumentException("no aggregator");
        if (bucketDuration <= 0) throw new IllegalArgumentException("bucketDuration must be > 0");
        if (bucketTimestamp == null) throw new IllegalArgumentException("bucketTimestamp is null");
    }

    public static AggregationSpec of(Aggregator aggregator, long bucketDuration) {
        return new AggregationSpec(List.of(aggregator), bucketDuration, 0, BucketTimestamp.START, false);
    }

    public boolean hasTwa() {
        return aggregators.contains(Aggregator.TWA);
    }

    /** RTS {@code CalcBucketStart}: may be negative for the first bucket; reporting clamps to 0. */
    public long bucketStart(long ts) {
        return Buckets.start(ts, bucketDuration, align);
    }
}
