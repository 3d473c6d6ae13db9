package io.stocktsdb.engine.chunk;

/**
 * Detects doubles that are exactly {@code (double) m / 10^e}: the decoder recomputes the value
 * with that one correctly rounded division, so a value qualifies only when the round trip gives
 * the same bits. -0.0, NaN, infinities and subnormals never qualify; neither does
 * {@code |m| > 2^53}, which keeps mantissas exact and deltas within 55 bits.
 */
final class DecimalScale {
    /** Largest exponent: 10^22 is the largest power of ten a double holds exactly. */
    static final int MAX_EXPONENT = 22;
    static final double[] POW10 = new double[MAX_EXPONENT + 1];
    static final long[] LONG_POW10 = new long[19];
    static final long NO_MANTISSA = Long.MIN_VALUE;
    private static final double MAX_MANTISSA = 9007199254740992.0; // 2^53

    static {
        double p = 1;
        for (int e = 0; e <= MAX_EXPONENT; e++) {
            POW10[e] = p;
            p *= 10;
        }
        long q = 1;
        for (int e = 0; e < LONG_POW10.length; e++) {
            LONG_POW10[e] = q;
            q *= 10;
        }
    }

    private DecimalScale() {}

    /** The mantissa {@code m} with {@code (double) m / 10^e == v} bit for bit, or {@link #NO_MANTISSA}. */
    static long mantissa(double v, int e) {
        double scaled = Math.rint(v * POW10[e]);
        if (!(Math.abs(scaled) <= MAX_MANTISSA)) return NO_MANTISSA; // also rejects NaN
        long m = (long) scaled;
        if (Double.doubleToRawLongBits(m / POW10[e]) != Double.doubleToRawLongBits(v)) return NO_MANTISSA;
        if (v == 0 && Double.doubleToRawLongBits(v) != 0) return NO_MANTISSA; // -0.0 (already caught, kept explicit)
        return m;
    }

    /** Smallest exponent {@code e >= from} for which {@code v} is decimal, or -1. */
    static int smallestExponent(double v, int from) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return -1;
        double a = Math.abs(v);
        if (a != 0 && a < Double.MIN_NORMAL) return -1; // subnormal
        if (Double.doubleToRawLongBits(v) == Long.MIN_VALUE) return -1; // -0.0
        for (int e = from; e <= MAX_EXPONENT; e++) {
            if (a * POW10[e] > MAX_MANTISSA) return -1; // mantissa only grows with e
            if (mantissa(v, e) != NO_MANTISSA) return e;
        }
        return -1;
    }

    /** Re-expresses {@code m} at another exponent in wrapping arithmetic; the decoder does the same. */
    static long rescale(long m, int fromE, int toE) {
        if (toE == fromE) return m;
        if (toE > fromE) {
            int d = toE - fromE;
            return d < LONG_POW10.length ? m * LONG_POW10[d] : 0;
        }
        int d = fromE - toE;
        return d < LONG_POW10.length ? m / LONG_POW10[d] : 0;
    }
}
