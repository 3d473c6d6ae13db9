package io.stocktsdb.engine.query;

/**
 * The rows of one result in reply order, streamed to a writer: either computed while they are
 * written (a local series, so a large MRANGE is never held in memory) or already materialized
 * ({@link Rows}: reduced groups, rows decoded from another engine).
 */
public interface RowSource {
    /** Values per row. */
    int width();

    /** How many rows {@link #stream} emits, or -1 when only streaming tells (write a postponed header). */
    int knownSize();

    /** Emits every row in reply order until {@code out} returns false; returns the number emitted. */
    int stream(RowConsumer out);
}
