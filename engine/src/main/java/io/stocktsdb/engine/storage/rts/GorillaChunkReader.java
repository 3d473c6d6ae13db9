package io.stocktsdb.engine.storage.rts;

/**
 * Decodes the bit stream of a RedisTimeSeries compressed chunk (its "Gorilla" encoding). The
 * stream is little-endian at both levels: 64-bit words stored little-endian, bits taken from the
 * least significant end first, and a multi-bit field's low bit comes first. The first sample is
 * the chunk's base timestamp and value; each later sample is:
 * <pre>
 *   timestamp  0                                     delta of deltas 0
 *              1 0 + 5 bits | 1 1 0 + 8 | 1 1 1 0 + 11 | 1 1 1 1 0 + 15 | 1 1 1 1 1 0 + 32
 *                                                    two's-complement delta of deltas
 *              1 1 1 1 1 1 + 64 bits                 raw delta of deltas
 *   value      0                                     same as the previous value
 *              1 0 + block bits                      XOR in the previous leading/trailing window
 *              1 1 + 5 bits leading + 6 bits (block - 1) + block bits   XOR in a new window
 * </pre>
 * The XOR block is shifted left by the trailing zero count and XORed into the previous value's bits.
 */
final class GorillaChunkReader {
    private static final int[] DELTA_WIDTHS = {5, 8, 11, 15, 32};

    interface Sink {
        void sample(long timestamp, double value);
    }

    private final byte[] data;
    private final long bitLimit;
    private long bit;

    private GorillaChunkReader(byte[] data) {
        this.data = data;
        this.bitLimit = (long) data.length * 8;
    }

    /**
     * Feeds {@code count} samples to {@code sink}; IllegalArgumentException when the stream ends
     * before them.
     */
    static void read(byte[] data, long count, long baseTimestamp, long baseValueBits, Sink sink) {
        if (count <= 0) return;
        GorillaChunkReader r = new GorillaChunkReader(data);
        long ts = baseTimestamp;
        long delta = 0;
        long valueBits = baseValueBits;
        int leading = 32;
        int trailing = 32;
        int block = 0;
        sink.sample(ts, Double.longBitsToDouble(valueBits));
        for (long i = 1; i < count; i++) {
            if (r.bit() != 0) delta += r.deltaOfDeltas();
            ts += delta;
            if (r.bit() != 0) {
                if (r.bit() != 0) {
                    leading = (int) r.bits(5);
                    block = (int) r.bits(6) + 1;
                    trailing = 64 - leading - block;
                    if (trailing < 0) throw new IllegalArgumentException("XOR window past 64 bits");
                } else if (block == 0) {
                    throw new IllegalArgumentException("previous XOR window used before one was set");
                }
                valueBits ^= r.bits(block) << trailing;
            }
            sink.sample(ts, Double.longBitsToDouble(valueBits));
        }
    }

    private long deltaOfDeltas() {
        for (int width : DELTA_WIDTHS) {
            if (bit() == 0) {
                long raw = bits(width);
                return (raw & (1L << (width - 1))) == 0 ? raw : raw - (1L << width);
            }
        }
        return bits(64);
    }

    private int bit() {
        if (bit >= bitLimit) throw new IllegalArgumentException("compressed chunk ends early");
        int b = (data[(int) (bit >>> 3)] >>> (bit & 7)) & 1;
        bit++;
        return b;
    }

    /** {@code n} (1..64) bits, the first read being the least significant. */
    private long bits(int n) {
        if (bit + n > bitLimit) throw new IllegalArgumentException("compressed chunk ends early");
        long v = 0;
        int done = 0;
        while (done < n) {
            int byteIndex = (int) (bit >>> 3);
            int offset = (int) (bit & 7);
            int take = Math.min(8 - offset, n - done);
            long chunk = ((data[byteIndex] & 0xFF) >>> offset) & ((1 << take) - 1);
            v |= chunk << done;
            done += take;
            bit += take;
        }
        return v;
    }
}
