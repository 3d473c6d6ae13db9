package io.stocktsdb.engine.storage;

import java.nio.ByteBuffer;

/**
 * Reading the op log's stored values (docs/storage-encoding.md, "Op-log record"): a segment of
 * records ({@link #SEGMENT_MARKER}, then {@code [seq u64][length u32][record]} each, keyed by its
 * first seq), or, in older data, a single record keyed by its seq. {@link OpLog} writes them.
 */
public final class OpLogValues {
    /** First byte of a segment value; a single legacy record starts with its version byte (1). */
    static final byte SEGMENT_MARKER = (byte) 0xFE;

    private OpLogValues() {}

    /** Visits each record of one op-log value in order. */
    public static void forEachRecord(byte[] key, byte[] value, RecordVisitor visitor) {
        if (value.length > 0 && value[0] == SEGMENT_MARKER) {
            ByteBuffer b = ByteBuffer.wrap(value, 1, value.length - 1);
            while (b.remaining() > 0) {
                long seq = b.getLong();
                int len = b.getInt();
                visitor.visit(seq, value, b.position(), len);
                b.position(b.position() + len);
            }
        } else {
            visitor.visit(KeyCodec.opLogSeq(key), value, 0, value.length);
        }
    }

    /**
     * Receives each record of an op-log value: its (first) seq and where its bytes are. A record
     * covers one seq, except an ADD_RUN: {@link OpCodec#lastSeq}.
     */
    @FunctionalInterface
    public interface RecordVisitor {
        void visit(long seq, byte[] bytes, int offset, int length);
    }
}
