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

    /**
     * For chunks that stay around (in-memory chunks, the decoded disk copies readers share; not
     * private copies): the chunk's {@link ChunkIndex}, built now (one decoding pass the first
     * time, and over appended samples later), after which {@link #cursor} starts decoding near
     * its {@code from} instead of at the first sample. Null when the chunk has none (one block,
     * uncompressed, strings). Callers holding the series lock for an in-memory chunk.
     */
    default ChunkIndex index() {
        return null;
    }

    /**
     * A private copy for a reader (same samples, summary and encoding; later changes to this
     * chunk do not show in it), made without encoding and decoding; null when this kind of chunk
     * has no such copy (the caller copies through its codec).
     */
    default Chunk readerCopy() {
        return null;
    }

    /**
     * For an in-memory chunk (the caller holds its series lock) and {@code copy}, a private copy
     * of it made now: gives the copy this chunk's {@link #index} (built or extended now), so a
     * reader of the copy can go block by block without decoding it all first. False when there
     * is none to give.
     */
    default boolean shareIndexWith(Chunk copy) {
        return false;
    }

    /**
     * Lets a descending reader of a lasting chunk (see {@link #index}, which this builds)
     * decode a part at a time: every sample in ({@code result}, {@code to}] comes from one stretch
     * near the end, and a reader that wants fewer samples need not decode the chunk's earlier
     * part; {@link Long#MIN_VALUE} when the whole chunk up to {@code to} is one stretch.
     */
    default long descendingStart(long to) {
        return Long.MIN_VALUE;
    }
}
