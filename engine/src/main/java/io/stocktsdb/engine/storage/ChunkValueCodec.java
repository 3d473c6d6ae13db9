package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;

/**
 * Value of a chunk key: {@code [version=1][count u32][lastTs i64][chunk bytes from ChunkFormat]}.
 * The 13-byte header lets recovery rebuild the in-memory chunk index without decoding chunks.
 */
public final class ChunkValueCodec {
    public static final int VERSION = 1;
    public static final int HEADER = 13;

    private ChunkValueCodec() {}

    public static byte[] encode(int count, long lastTs, byte[] chunkBytes) {
        byte[] out = new byte[HEADER + chunkBytes.length];
        out[0] = VERSION;
        out[1] = (byte) (count >>> 24);
        out[2] = (byte) (count >>> 16);
        out[3] = (byte) (count >>> 8);
        out[4] = (byte) count;
        KeyCodec.putLong(out, 5, lastTs);
        System.arraycopy(chunkBytes, 0, out, HEADER, chunkBytes.length);
        return out;
    }

    public static int count(byte[] value) {
        checkVersion(value);
        return ((value[1] & 0xFF) << 24) | ((value[2] & 0xFF) << 16) | ((value[3] & 0xFF) << 8) | (value[4] & 0xFF);
    }

    public static long lastTs(byte[] value) {
        checkVersion(value);
        return KeyCodec.getLong(value, 5);
    }

    static void checkVersion(byte[] value) {
        if (value.length < HEADER || value[0] != VERSION) {
            throw new StorageException("unsupported chunk value (length " + value.length + ", version " + (value.length > 0 ? value[0] : -1) + ")");
        }
    }
}
