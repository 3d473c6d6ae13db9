package io.stocktsdb.engine.storage.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes the entries of a RocksDB WriteBatch as stored in the WAL:
 * {@code [sequence u64][count u32]} then per entry a tag byte, a varint column family id for the
 * column-family variants, and length-prefixed key (and value).
 */
public final class WriteBatchReader {
    /** Receives one entry; {@code value} is null for deletes, the range end for range deletes. */
    @FunctionalInterface
    public interface EntryVisitor {
        void entry(long seq, int columnFamilyId, Kind kind, byte[] key, byte[] value);
    }

    public enum Kind { PUT, DELETE, DELETE_RANGE, MERGE, OTHER }

    private WriteBatchReader() {}

    /** Visits every entry; throws IllegalArgumentException when the batch is malformed. */
    public static void read(ByteBuffer batch, EntryVisitor visitor) {
        ByteBuffer b = batch.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12) throw new IllegalArgumentException("write batch shorter than its header");
        long seq = b.getLong();
        b.getInt();
        while (b.hasRemaining()) {
            int tag = Byte.toUnsignedInt(b.get());
            int cf = 0;
            switch (tag) {
                case 0x5, 0x4, 0x8, 0xE, 0x6, 0x10, 0x17, 0x19 -> cf = varint(b);
                default -> { }
            }
            switch (tag) {
                case 0x1, 0x5, 0x10, 0x11, 0x16, 0x17, 0x18, 0x19 -> visitor.entry(seq++, cf, Kind.PUT, slice(b), slice(b));
                case 0x0, 0x4, 0x7, 0x8, 0x14 -> visitor.entry(seq++, cf, Kind.DELETE, slice(b), null);
                case 0xE, 0xF -> visitor.entry(seq++, cf, Kind.DELETE_RANGE, slice(b), slice(b));
                case 0x2, 0x6 -> visitor.entry(seq++, cf, Kind.MERGE, slice(b), slice(b));
                case 0x3 -> slice(b); // log data: not an entry
                case 0xD -> { } // noop
                case 0x9, 0x12, 0x13 -> { } // begin prepare markers
                case 0xA, 0xB, 0xC -> slice(b); // end prepare / commit / rollback with an XID
                case 0x15 -> { slice(b); slice(b); }
                default -> throw new IllegalArgumentException("unknown write batch tag " + tag);
            }
        }
    }

    private static int varint(ByteBuffer b) {
        int result = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            int x = Byte.toUnsignedInt(b.get());
            result |= (x & 0x7F) << shift;
            if ((x & 0x80) == 0) return result;
        }
        throw new IllegalArgumentException("varint32 too long");
    }

    private static byte[] slice(ByteBuffer b) {
        int n = varint(b);
        if (n < 0 || n > b.remaining()) throw new IllegalArgumentException("entry length " + n + " past the batch end");
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
