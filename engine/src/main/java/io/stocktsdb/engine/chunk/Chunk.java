package io.stocktsdb.engine.chunk;


/**
 * Samples of one series over a span of time, sorted by timestamp with unique timestamps.
 *
 * <p>A numeric value travels as a {@code long}: the raw IEEE-754 bits of a double for
 * {@link ValueType#DOUBLE} series, the integer itself for {@link ValueType#INT}. String and hash
 * (JSON) values travel as {@code byte[]}. Every sample also carries a quality 0..100.
 *
 * <p>Not thread-safe: callers serialize access per series. Create chunks with
 * {@link ChunkEncoding#newChunk}, store them with {@link ChunkCodec}.
 */
public interface Chunk {
    ValueType valueType();

    int count();

    /** First timestamp; undefined when {@link #count()} is 0. */
    long firstTimestamp();

    /** Last timestamp; undefined when {@link #count()} is 0. */
    long lastTimestamp();

    /** Bytes this chunk occupies encoded (what {@link ChunkCodec#encode} writes). */
    int byteSize();

    /** The byte budget given at creation: {@link #append} refuses samples beyond it. */
    int maxBytes();

    /**
     * True when upserts grew the chunk past 1.2 x {@link #maxBytes()} (RedisTimeSeries' rule), so
     * storage should replace it by the two halves of {@link #split()}.
     */
    default boolean needsSplit() {
        return (long) byteSize() * 5 > (long) maxBytes() * 6;
    }

    /**
     * Two new chunks of the same kind and budget, holding the earlier and the later half of the
     * samples; {@code {this}} when there are fewer than two samples. This chunk is left unchanged.
     */
    Chunk[] split();

    /**
     * What aggregations need of the whole chunk ({@link ChunkSummary}), for numeric chunks;
     * null for STRING and HASH. Callers must not change it.
     */
    default ChunkSummary summary() {
        return null;
    }

    /** Appends a sample with {@code ts > lastTimestamp()}; false when the chunk is full and must be sealed. */
    boolean append(long ts, long valueBits, byte[] blob, int quality);

    /** Inserts or merges a sample at any timestamp inside or outside the chunk's span. */
    UpsertResult upsert(long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy);

    /** Removes samples with {@code from <= ts <= to}; returns how many were removed. */
    int deleteRange(long from, long to);

    /** Ascending cursor over samples with {@code from <= ts <= to}. */
    SampleCursor cursor(long from, long to);

    /** Descending cursor over samples with {@code from <= ts <= to}. */
    SampleCursor reverseCursor(long from, long to);
}
