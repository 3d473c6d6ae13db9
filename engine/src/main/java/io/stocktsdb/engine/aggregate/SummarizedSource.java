package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;

/**
 * A sample stream that may present a whole chunk lying inside one bucket as a single item, its
 * {@link ChunkSummary}: {@link #timestamp()} is then the chunk's first timestamp and
 * {@link #value()} its first value. {@link BucketAggregation} adds the summary when every
 * aggregator can take it exactly, and otherwise asks for the chunk's samples ({@link #expand}).
 */
public interface SummarizedSource extends SampleSource {
    /** The current item's summary when it stands for a whole chunk; null for a single sample. */
    ChunkSummary summary();

    /**
     * The current summary item's values in timestamp order, decoded into a buffer of the source
     * ({@code summary().count()} of them, valid until {@link #next}); the next item follows the chunk.
     */
    double[] decodeValues();

    /** Turns the current summary item into its chunk's samples: the current sample becomes the chunk's first. */
    void expand();
}
