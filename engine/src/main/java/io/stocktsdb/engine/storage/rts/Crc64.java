package io.stocktsdb.engine.storage.rts;

/**
 * The CRC-64 Redis puts at the end of a DUMP payload ("Jones" polynomial 0xad93d23594c935a9,
 * reflected input and output, initial value 0, no final XOR; check value of "123456789" is
 * 0xe9c6d914c4b8d9ca).
 */
final class Crc64 {
    private static final long REFLECTED_POLY = Long.reverse(0xad93d23594c935a9L);
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
            TABLE[i] = crc;
        }
    }

    private Crc64() {}

    public static long of(byte[] data, int off, int len) {
        long crc = 0;
        for (int i = off; i < off + len; i++) crc = TABLE[(int) ((crc ^ data[i]) & 0xFF)] ^ (crc >>> 8);
        return crc;
    }
}
