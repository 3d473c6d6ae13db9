package io.stocktsdb.engine.aggregate;

/** Receives aggregated rows. {@code values} is reused: copy what you keep. Return false to stop. */
@FunctionalInterface
public interface BucketSink {
    boolean accept(long bucketTimestamp, double[] values);
}
