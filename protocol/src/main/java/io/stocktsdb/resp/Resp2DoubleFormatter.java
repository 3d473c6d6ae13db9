package io.stocktsdb.resp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Formats sample values byte-for-byte like RedisTimeSeries' RESP2 replies (docs/timeseries.md, "Behaviour: reply shapes"): the
 * shortest decimal that reads back as the same double (closest one on ties, like dragonbox), laid
 * out plain when the value is at least 1 and dragonbox's own decimal exponent is at most 0 (values
 * below 2^49 always, below 2^56 when no digit is dropped), otherwise as {@code d[.ddd]E[-]x}.
 * Special values: {@code 0}, {@code -0}, {@code NaN}, {@code Infinity}, {@code -Infinity}.
 *
 * <p>The digits come from Raffaello Giulietti's Schubfach algorithm (what JDK 19+ uses inside
 * {@code Double.toString}); Java 17's {@code Double.toString} is not shortest and lays out
 * differently. Nothing is allocated by {@link #format(double, byte[], int)}.
 */
public final class Resp2DoubleFormatter {
    private Resp2DoubleFormatter() {}

    /** The longest output: {@code -2.2250738585072014E-308}. */
    public static final int MAX_LENGTH = 24;

    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << 52;
    private static final long MASK_63 = (1L << 63) - 1;
    private static final byte[] NAN = "NaN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFINITY = "Infinity".getBytes(StandardCharsets.US_ASCII);

    /** Writes the text of {@code v} at {@code out[off]} (room for {@link #MAX_LENGTH} bytes) and returns the end offset. */
    public static int format(double v, byte[] out, int off) {
        return format(v, out, off, true);
    }

    /** {@code fewDecimals = false} skips the fast path (tests compare the two). */
    static int format(double v, byte[] out, int off, boolean fewDecimals) {
        long bits = Double.doubleToRawLongBits(v);
        long t = bits & (C_MIN - 1);
        int bq = (int) (bits >>> 52) & 0x7FF;
        if (bq == 0x7FF) {
            if (t != 0) return copy(NAN, out, off);
            if (bits < 0) out[off++] = '-';
            return copy(INFINITY, out, off);
        }
        if (bits < 0) out[off++] = '-';
        if (bq == 0 && t == 0) {
            out[off++] = '0';
            return off;
        }
        int q;
        long c;
        if (bq != 0) {
            q = bq - 1075;
            c = C_MIN | t;
            int mq = -q;
            if (0 < mq && mq < 53) {
                long f = c >> mq;
                if (f << mq == c) return plainInteger(f, out, off); // an integer below 2^53
            }
        } else {
            q = Q_MIN;
            c = t;
            // The two smallest subnormals are below Schubfach's precision: their shortest forms.
            if (c == 1) return scientific(5, -324, out, off);
            if (c == 2) return scientific(1, -323, out, off);
        }
        int fast = fewDecimals ? fewDecimals(v, out, off) : -1;
        if (fast >= 0) return fast;
        return shortest(q, c, out, off);
    }

    private static final double[] POW10_DOUBLE = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    private static final long[] POW10_LONG = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L};

    /**
     * Prices and readings usually have a few decimals: for 1 <= |v| < 2^31 the shortest text is
     * the first k (1..6) for which round(|v|·10^k)/10^k gives back |v| exactly. In that range one
     * ulp is below 10^-6, so at most one k-digit decimal rounds to v and that one is what
     * Schubfach would print; its layout is plain. Returns -1 when the value is not of that form.
     */
    private static int fewDecimals(double v, byte[] out, int off) {
        double a = Math.abs(v);
        if (!(a >= 1 && a < 2147483648.0)) return -1;
        for (int k = 1; k < POW10_DOUBLE.length; k++) {
            long m = Math.round(a * POW10_DOUBLE[k]);
            if ((double) m / POW10_DOUBLE[k] == a) {
                long integer = m / POW10_LONG[k];
                long fraction = m - integer * POW10_LONG[k];
                off = writeDigits(integer, digitCount(integer), out, off);
                out[off++] = '.';
                return writeDigits(fraction, k, out, off); // k digits, leading zeros included
            }
        }
        return -1;
    }

    public static String toString(double v) {
        byte[] buf = new byte[MAX_LENGTH];
        int end = format(v, buf, 0);
        return new String(buf, 0, end, StandardCharsets.US_ASCII);
    }

    /** Schubfach: the shortest (then closest, then even) decimal in the rounding interval of c·2^q. */
    private static int shortest(int q, long c, byte[] out, int off) {
        int parity = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        int index = -k - G_MIN_EXPONENT;
        long g1 = G1[index];
        long g0 = G0[index];
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);
        long s = vb >> 2;
        // The JDK tries the one-digit-shorter candidate only from 3 digits on, to print at least
        // 2 digits; dragonbox prints the true shortest, so try it from 2 digits on.
        if (s >= 10) {
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean upin = vbl + parity <= sp10 << 2;
            boolean wpin = (tp10 << 2) + parity <= vbr;
            if (upin != wpin) return layout(upin ? sp10 : tp10, k, k, out, off);
        }
        long t = s + 1;
        boolean uin = vbl + parity <= s << 2;
        boolean win = (t << 2) + parity <= vbr;
        if (uin != win) return layout(uin ? s : t, k, k, out, off);
        long cmp = vb - (s + t << 1);
        return layout(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : t, k, k, out, off);
    }

    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /**
     * Lays out {@code f·10^e}. Dragonbox produced its digits at decimal exponent {@code k}
     * (exact digits) or {@code k+1} (a shorter multiple of 10 fitted): that raw exponent, not the
     * value, decides between plain and scientific, which is why 2^53 prints plain and 1e16 does not.
     */
    private static int layout(long f, int e, int k, byte[] out, int off) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        int n = digitCount(f);
        int rawExponent = e == k ? k : k + 1;
        int integerDigits = n + e;
        if (rawExponent <= 0 && rawExponent >= -16 && integerDigits > 0) {
            if (e >= 0) {
                off = writeDigits(f, n, out, off);
                for (int i = 0; i < e; i++) out[off++] = '0';
                return off;
            }
            writeDigits(f, n, out, off + 1);
            for (int i = 0; i < integerDigits; i++) out[off + i] = out[off + i + 1];
            out[off + integerDigits] = '.';
            return off + n + 1;
        }
        return scientific(f, e + n - 1, out, off, n);
    }

    private static int scientific(long f, int exponent, byte[] out, int off) {
        return scientific(f, exponent, out, off, digitCount(f));
    }

    private static int scientific(long f, int exponent, byte[] out, int off, int n) {
        writeDigits(f, n, out, off + 1);
        out[off] = out[off + 1];
        if (n > 1) {
            out[off + 1] = '.';
            off += n + 1;
        } else {
            off += 1;
        }
        out[off++] = 'E';
        if (exponent < 0) {
            out[off++] = '-';
            exponent = -exponent;
        }
        return writeDigits(exponent, digitCount(exponent), out, off);
    }

    private static int plainInteger(long f, byte[] out, int off) {
        return writeDigits(f, digitCount(f), out, off);
    }

    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** Writes the low {@code n} decimal digits of {@code f} (leading zeros included), two at a time. */
    private static int writeDigits(long f, int n, byte[] out, int off) {
        int i = off + n;
        while (i - off >= 2) {
            int pair = (int) (f % 100);
            f /= 100;
            out[--i] = DIGIT_PAIRS[2 * pair + 1];
            out[--i] = DIGIT_PAIRS[2 * pair];
        }
        if (i > off) out[--i] = (byte) ('0' + f % 10);
        return off + n;
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    /** Number of decimal digits of {@code f >= 0} (1 for 0). */
    private static int digitCount(long f) {
        // log10 estimate from the bit length, corrected by one comparison
        int bits = 64 - Long.numberOfLeadingZeros(f | 1);
        int n = (bits * 1233) >>> 12; // floor(bits * log10(2))
        return n < POWERS_OF_TEN.length && f >= POWERS_OF_TEN[n] ? n + 1 : Math.max(n, 1);
    }

    private static int copy(byte[] text, byte[] out, int off) {
        System.arraycopy(text, 0, out, off, text.length);
        return off + text.length;
    }

    // floor(e·log10(2)), floor(log10(3/4·2^e)) and floor(e·log2(10)), exact for |e| <= 5456.
    static int flog10pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    static int flog10threeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L + -274_743_187_321L >> 41);
    }

    static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /**
     * For e in [-292, 324]: g = floor(10^e · 2^(125 - floor(e·log2 10))) + 1, a 126-bit upper
     * approximation of 10^e, split as g = G1·2^63 + G0. Computed once, exactly, with BigInteger.
     */
    static final int G_MIN_EXPONENT = -292;
    static final int G_MAX_EXPONENT = 324;
    private static final long[] G1 = new long[G_MAX_EXPONENT - G_MIN_EXPONENT + 1];
    private static final long[] G0 = new long[G1.length];

    static {
        BigInteger ten = BigInteger.TEN;
        for (int e = G_MIN_EXPONENT; e <= G_MAX_EXPONENT; e++) {
            int shift = 125 - flog2pow10(e);
            BigInteger g;
            if (e >= 0) {
                BigInteger p = ten.pow(e);
                g = shift >= 0 ? p.shiftLeft(shift) : p.shiftRight(-shift);
            } else {
                g = BigInteger.ONE.shiftLeft(shift).divide(ten.pow(-e));
            }
            g = g.add(BigInteger.ONE);
            G1[e - G_MIN_EXPONENT] = g.shiftRight(63).longValueExact();
            G0[e - G_MIN_EXPONENT] = g.longValue() & MASK_63;
        }
    }
}
