package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.key.Key;

import java.nio.charset.StandardCharsets;

/**
 * Byte layout of every RocksDB key StockTSDB writes (see docs/storage-encoding.md, "Keys and
 * column families"). Every key of user data starts with the 2-byte big-endian hash slot, so one
 * slot's data is a contiguous range in each column family.
 *
 * <pre>
 * metadata (CF default)   [slot u16][user key bytes ...]
 * engine record (default) [0xFF][ascii name]            (slots are &lt; 0x4000, so never clash)
 * chunk (CF biz.&lt;name&gt;)   [slot u16][series id u64][first ts i64 with the sign bit flipped]
 * op log (CF oplog)       [seq u64]
 * </pre>
 */
public final class KeyCodec {
    public static final int CHUNK_KEY_LENGTH = 18;
    public static final int SERIES_PREFIX_LENGTH = 10;
    public static final byte ENGINE_RECORD_MARKER = (byte) 0xFF;

    private KeyCodec() {}

    public static byte[] metadataKey(Key key) {
        byte[] k = key.bytes();
        byte[] out = new byte[2 + k.length];
        putSlot(out, key.slot());
        System.arraycopy(k, 0, out, 2, k.length);
        return out;
    }

    /** The user key inside a metadata key. */
    public static Key userKeyOfMetadataKey(byte[] metadataKey) {
        return Key.of(metadataKey, 2, metadataKey.length - 2);
    }

    public static boolean isEngineRecord(byte[] defaultCfKey) {
        return defaultCfKey.length > 0 && defaultCfKey[0] == ENGINE_RECORD_MARKER;
    }

    public static byte[] engineRecordKey(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[1 + n.length];
        out[0] = ENGINE_RECORD_MARKER;
        System.arraycopy(n, 0, out, 1, n.length);
        return out;
    }

    /** First key after every metadata key: [0xFF], where engine records start. */
    public static byte[] metadataUpperBound() {
        return new byte[] {ENGINE_RECORD_MARKER};
    }

    public static byte[] chunkKey(int slot, long seriesId, long firstTs) {
        byte[] out = new byte[CHUNK_KEY_LENGTH];
        putSlot(out, slot);
        putLong(out, 2, seriesId);
        putLong(out, 10, firstTs ^ Long.MIN_VALUE);
        return out;
    }

    /** [slot][id]: every chunk key of a series starts with it. */
    public static byte[] seriesPrefix(int slot, long seriesId) {
        byte[] out = new byte[SERIES_PREFIX_LENGTH];
        putSlot(out, slot);
        putLong(out, 2, seriesId);
        return out;
    }

    /** Exclusive upper bound of a series' chunk keys: the prefix of the next id. */
    public static byte[] seriesPrefixEnd(int slot, long seriesId) {
        return seriesPrefix(slot, seriesId + 1);
    }

    public static int chunkKeySlot(byte[] chunkKey) {
        return ((chunkKey[0] & 0xFF) << 8) | (chunkKey[1] & 0xFF);
    }

    public static long chunkKeySeriesId(byte[] chunkKey) {
        return getLong(chunkKey, 2);
    }

    public static long chunkKeyFirstTs(byte[] chunkKey) {
        return getLong(chunkKey, 10) ^ Long.MIN_VALUE;
    }

    public static byte[] opLogKey(long seq) {
        byte[] out = new byte[8];
        putLong(out, 0, seq);
        return out;
    }

    public static long opLogSeq(byte[] key) {
        return getLong(key, 0);
    }

    /** First and one-past-last key of a whole slot range in any column family. */
    public static byte[] slotStart(int slot) {
        byte[] out = new byte[2];
        putSlot(out, slot);
        return out;
    }

    static void putSlot(byte[] out, int slot) {
        out[0] = (byte) (slot >>> 8);
        out[1] = (byte) slot;
    }

    static void putLong(byte[] out, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            out[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    static long getLong(byte[] in, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (in[off + i] & 0xFF);
        return v;
    }
}
