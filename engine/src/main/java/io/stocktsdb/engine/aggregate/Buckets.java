package io.stocktsdb.engine.aggregate;

/** Bucket arithmetic shared by range aggregation and compaction rules (docs/timeseries.md, "Behaviour: aggregation"). */
public final class Buckets {
    private Buckets() {}

    /**
     * Start of the bucket holding {@code ts}: {@code ts - ((ts - align) mod duration)} with a
     * non-negative modulo. Negative when the first bucket starts before 0 (an alignment above ts).
     */
    public static long start(long ts, long duration, long align) {
        return ts - Math.floorMod(ts - align, duration);
    }

    /** RTS {@code BucketStartNormalize}: reported bucket starts are clamped to 0. */
    public static long normalize(long bucketStart) {
        return Math.max(0, bucketStart);
    }
}
