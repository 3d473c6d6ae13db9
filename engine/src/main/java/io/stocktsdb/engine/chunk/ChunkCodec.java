package io.stocktsdb.engine.chunk;

import java.nio.ByteBuffer;

/**
 * Turns chunks into stored bytes and back. Every encoding starts with {@code u8 format version}
 * and {@code u8 kind}; the rest is the kind's payload, documented on the chunk class and in
 * docs/storage-encoding.md. A compressed chunk encodes as its header plus a copy of its bit
 * buffer, and decodes without materializing samples: cursors read the bits in place.
 */
public final class ChunkCodec {
    public static final int FORMAT_VERSION = 1;
    /** Compressed chunks carry a {@link ChunkSummary} from this version on; other kinds stay at 1. */
    public static final int SUMMARY_FORMAT_VERSION = 2;
    public static final int KIND_UNCOMPRESSED = 1;
    public static final int KIND_COMPRESSED = 2;
    public static final int KIND_BLOB = 3;

    private ChunkCodec() {}

    public static byte[] encode(Chunk chunk) {
        if (chunk instanceof CompressedChunk) {
            CompressedChunk c = (CompressedChunk) chunk;
            byte[] out = new byte[c.encodedSize()];
            c.encodeTo(out, 0);
            return out;
        }
        if (chunk instanceof UncompressedChunk) {
            UncompressedChunk c = (UncompressedChunk) chunk;
            byte[] out = new byte[c.byteSize()];
            c.encodeTo(out, 0);
            return out;
        }
        if (chunk instanceof BlobChunk) {
            return ((BlobChunk) chunk).encoded().clone();
        }
        throw new IllegalArgumentException("no codec for " + chunk.getClass().getName());
    }

    public static Chunk decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes {@code len} bytes at {@code off}; the returned chunk does not keep {@code bytes}. */
    public static Chunk decode(byte[] bytes, int off, int len) {
        if (len < 2) throw new IllegalArgumentException("corrupt chunk: " + len + " bytes");
        ByteBuffer b = ByteBuffer.wrap(bytes, off, len);
        int version = b.get() & 0xFF;
        int kind = b.get() & 0xFF;
        boolean known = version == FORMAT_VERSION || (version == SUMMARY_FORMAT_VERSION && kind == KIND_COMPRESSED);
        if (!known) throw new IllegalArgumentException("unsupported chunk format version " + version);
        try {
            switch (kind) {
                case KIND_COMPRESSED: return CompressedChunk.decodePayload(bytes, b, version);
                case KIND_UNCOMPRESSED: return UncompressedChunk.decodePayload(b);
                case KIND_BLOB: return BlobChunk.decodePayload(bytes, b);
                default: throw new IllegalArgumentException("unknown chunk kind " + kind);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("corrupt chunk: truncated", e);
        }
    }
}
