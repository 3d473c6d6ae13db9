package io.stocktsdb.engine.chunk;

/**
 * Timestamp delta-of-delta classes, RedisTimeSeries' Gorilla table plus a lossless 64-bit escape.
 * {@code dod = (t - tPrev) - (tPrev - tPrev2)} in wrapping int64 arithmetic, so any pair of
 * timestamps (negative, or gaps wider than int64) round-trips. Payloads are two's complement.
 *
 * <pre>
 *   dod == 0                  0                       1 bit
 *   [-16, 15]                 10      + 5 bits        7
 *   [-128, 127]               110     + 8 bits       11
 *   [-1024, 1023]             1110    + 11 bits      15
 *   [-16384, 16383]           11110   + 15 bits      20
 *   int32                     111110  + 32 bits      38
 *   anything else             111111  + 64 bits      70
 * </pre>
 */
final class DeltaOfDelta {
    private DeltaOfDelta() {}

    public static void write(BitWriter out, long dod) {
        if (dod == 0) {
            out.write(0, 1);
        } else if (dod >= -16 && dod <= 15) {
            out.write(0b10L << 5 | (dod & 0x1F), 7);
        } else if (dod >= -128 && dod <= 127) {
            out.write(0b110L << 8 | (dod & 0xFF), 11);
        } else if (dod >= -1024 && dod <= 1023) {
            out.write(0b1110L << 11 | (dod & 0x7FF), 15);
        } else if (dod >= -16384 && dod <= 16383) {
            out.write(0b11110L << 15 | (dod & 0x7FFF), 20);
        } else if (dod == (int) dod) {
            out.write(0b111110L << 32 | (dod & 0xFFFFFFFFL), 38);
        } else {
            out.write(0b111111L, 6);
            out.write(dod, 64);
        }
    }

    /** Bits {@link #write} uses for {@code dod}. */
    public static int bits(long dod) {
        if (dod == 0) return 1;
        if (dod >= -16 && dod <= 15) return 7;
        if (dod >= -128 && dod <= 127) return 11;
        if (dod >= -1024 && dod <= 1023) return 15;
        if (dod >= -16384 && dod <= 16383) return 20;
        return dod == (int) dod ? 38 : 70;
    }

    public static long read(BitReader in) {
        long p = in.peek64();
        if (p >= 0) { // leading bit 0
            in.skip(1);
            return 0;
        }
        int ones = Long.numberOfLeadingZeros(~p);
        switch (ones) {
            case 1: in.skip(7); return (p << 2) >> 59;
            case 2: in.skip(11); return (p << 3) >> 56;
            case 3: in.skip(15); return (p << 4) >> 53;
            case 4: in.skip(20); return (p << 5) >> 49;
            case 5: in.skip(38); return (p << 6) >> 32;
            default:
                in.skip(6);
                return in.read(64);
        }
    }
}
