package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;

/**
 * A sample stream whose items are runs of samples that all fall in one bucket: either a whole
 * chunk, offered as its {@link ChunkSummary}, or decoded values. {@link #timestamp()} and
 * {@link #value()} describe the run's first sample. {@link BucketAggregation} adds a summary when
 * every aggregator can take it exactly, and otherwise the run's values in one tight loop per
 * aggregator. Not for twa, which weighs each sample by its timestamp and neighbours.
 */
public interface SummarizedSource extends SampleSource {
    /** The current run's summary when it is a whole chunk; null for decoded values. */
    ChunkSummary summary();

    /**
     * Decodes the current run if it is still a summary and returns its values: positions
     * {@link #runStart()} .. {@link #runStart()} + {@link #runLength()} of the returned buffer,
     * in timestamp order, valid until {@link #next()}.
     */
    double[] runValues();

    int runStart();

    int runLength();
}
