package io.stocktsdb.engine.rules;

/** Where a compaction rule's recomputations land: the destination series. */
public interface DestinationWriter {
    /** Writes a bucket's value at its (clamped) start with LAST semantics: insert or overwrite. */
    void upsert(long bucketStart, double value);

    /** Deletes the destination samples with {@code from <= timestamp <= to}. */
    void deleteRange(long from, long to);
}
