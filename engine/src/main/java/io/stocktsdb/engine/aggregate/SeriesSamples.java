package io.stocktsdb.engine.aggregate;

/** Raw samples of one series, retention applied: what compaction rules recompute buckets from. */
public interface SeriesSamples extends NeighbourSamples {
    /** Ascending samples with {@code from <= timestamp <= to}. */
    SampleSource range(long from, long to);
}
