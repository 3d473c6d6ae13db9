package io.stocktsdb.engine.key;

/**
 * Redis Cluster hash slot of a key: CRC16-XMODEM of the key (or of its first non-empty
 * {@code {hash tag}}) modulo 16384, exactly as Redis's {@code keyHashSlot}.
 */
public final class HashSlot {
    public static final int SLOTS = 16384;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private HashSlot() {}

    /** CRC16-XMODEM (poly 0x1021, init 0) of {@code len} bytes from {@code off}. */
    public static int crc16(byte[] bytes, int off, int len) {
        int crc = 0;
        for (int i = off; i < off + len; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    /** The slot of {@code key}, honouring the first {@code {...}} tag when it is non-empty. */
    public static int of(byte[] key) {
        int open = -1;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '{') { open = i; break; }
        }
        if (open >= 0) {
            for (int j = open + 1; j < key.length; j++) {
                if (key[j] == '}') {
                    if (j > open + 1) return crc16(key, open + 1, j - open - 1) & (SLOTS - 1);
                    break;
                }
            }
        }
        return crc16(key, 0, key.length) & (SLOTS - 1);
    }
}
