package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.Chunk;

/**
 * How the engine makes, encodes, decodes and splits chunks: the seam between series/storage and
 * the chunk implementations in {@code io.stocktsdb.engine.chunk}.
 */
public interface ChunkFormat {
    /** A new empty chunk for a series of this type, encoding and target size. */
    Chunk newChunk(ValueType type, SeriesEncoding encoding, int chunkSizeBytes);

    /** The chunk's versioned encoded bytes. */
    byte[] encode(Chunk chunk);

    /** A chunk from bytes written by {@link #encode}. */
    Chunk decode(byte[] bytes, int offset, int length);

    /**
     * Called after an upsert: when {@code chunk} has outgrown its target size (RTS: 1.2 x
     * chunkSizeBytes) moves its upper half into a new chunk and returns it; otherwise null.
     */
    Chunk splitIfOversized(Chunk chunk, int chunkSizeBytes);
}
