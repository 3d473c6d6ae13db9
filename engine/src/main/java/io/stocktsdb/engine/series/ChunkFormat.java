package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.ChunkEncoding;

/**
 * How series make, encode, decode and split chunks: the seam between series/storage and the
 * chunk implementations ({@code io.stocktsdb.engine.storage.CodecChunkFormat} in production).
 */
public interface ChunkFormat {
    /** A new empty chunk for a series of this type, encoding and byte budget. */
    Chunk newChunk(ValueType type, ChunkEncoding encoding, int chunkSizeBytes);

    /** The chunk's versioned encoded bytes. */
    byte[] encode(Chunk chunk);

    /** A chunk from bytes written by {@link #encode}. */
    Chunk decode(byte[] bytes, int offset, int length);

    /**
     * Called after an upsert: when {@code chunk} outgrew 1.2 x its budget (RedisTimeSeries' rule),
     * two new chunks holding its earlier and later halves; otherwise null.
     */
    Chunk[] splitIfOversized(Chunk chunk);
}
