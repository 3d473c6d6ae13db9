package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.ChunkCodec;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.series.ChunkFormat;
import io.stocktsdb.engine.chunk.ValueType;

/** The production {@link ChunkFormat}: the chunk package's implementations and {@link ChunkCodec}. */
public final class CodecChunkFormat implements ChunkFormat {
    public static final CodecChunkFormat INSTANCE = new CodecChunkFormat();

    private CodecChunkFormat() {}

    @Override
    public Chunk newChunk(ValueType type, ChunkEncoding encoding, int chunkSizeBytes) {
        return encoding.newChunk(type, chunkSizeBytes);
    }

    @Override
    public byte[] encode(Chunk chunk) {
        return ChunkCodec.encode(chunk);
    }

    @Override
    public Chunk decode(byte[] bytes, int offset, int length) {
        try {
            return ChunkCodec.decode(bytes, offset, length);
        } catch (IllegalArgumentException e) {
            throw new StorageException("corrupt chunk value: " + e.getMessage(), e);
        }
    }

    @Override
    public Chunk[] splitIfOversized(Chunk chunk) {
        if (!chunk.needsSplit()) return null;
        Chunk[] halves = chunk.split();
        return halves.length == 2 ? halves : null;
    }
}
