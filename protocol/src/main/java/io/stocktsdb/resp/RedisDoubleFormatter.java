package io.stocktsdb.resp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Formats a double the way Redis ≥ 7.2 does for RESP3 doubles and {@code RedisModule_ReplyWithDouble}
 * ({@code d2string} in {@code util.c}): {@code nan}, {@code inf}, {@code -inf}, {@code 0}, {@code -0};
 * integral values within ±2^62 as plain integers; everything else through {@code fpconv_dtoa}, a
 * Grisu2 conversion (round-trip exact, usually but not always shortest) laid out like {@code %g}:
 * {@code 0.5}, {@code 1.5}, {@code 1e+20}, {@code 1.5e-07} is {@code 1.5e-7}.
 *
 * <p>This is a re-implementation of that algorithm, step by step, so that the bytes match Redis,
 * including Grisu2's occasional non-shortest outputs. Nothing is allocated by {@link #format}.
 */
public final class RedisDoubleFormatter {
    private RedisDoubleFormatter() {}

    /** The longest output: a sign, 17 digits and 7 zeros ({@code -117665915451232080000000}). */
    public static final int MAX_LENGTH = 25;

    private static final long FRAC_MASK = 0x000FFFFFFFFFFFFFL;
    private static final long EXP_MASK = 0x7FF0000000000000L;
    private static final long HIDDEN_BIT = 0x0010000000000000L;
    private static final int EXP_BIAS = 1023 + 52;
    private static final double LLONG_MAX_HALF = (double) (Long.MAX_VALUE / 2);

    /** Writes the text at {@code out[off]} (room for {@link #MAX_LENGTH} bytes); returns the end offset. */
    public static int format(double v, byte[] out, int off) {
        if (Double.isNaN(v)) return ascii("nan", out, off);
        if (Double.isInfinite(v)) return ascii(v < 0 ? "-inf" : "inf", out, off);
        if (v == 0) return ascii(1.0 / v < 0 ? "-0" : "0", out, off);
        if (v >= -LLONG_MAX_HALF && v <= LLONG_MAX_HALF && (double) (long) v == v) {
            return writeLong((long) v, out, off);
        }
        return fpconvDtoa(v, out, off);
    }

    public static String toString(double v) {
        byte[] buf = new byte[MAX_LENGTH];
        int end = format(v, buf, 0);
        return new String(buf, 0, end, StandardCharsets.US_ASCII);
    }

    private static int ascii(String s, byte[] out, int off) {
        for (int i = 0; i < s.length(); i++) out[off++] = (byte) s.charAt(i);
        return off;
    }

    private static int writeLong(long v, byte[] out, int off) {
        if (v < 0) {
            out[off++] = '-';
            v = -v;
        }
        int n = 1;
        for (long t = v; t >= 10; t /= 10) n++;
        for (int i = off + n - 1; i >= off; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return off + n;
    }

    // ---- fpconv_dtoa (Grisu2) ----

    private static int fpconvDtoa(double d, byte[] out, int off) {
        long bits = Double.doubleToRawLongBits(d);
        boolean negative = bits < 0;
        if (negative) out[off++] = '-';
        // The digits are generated in place at out[off] and then laid out around themselves.
        long packed = grisu2(bits, out, off);
        return emitDigits(out, off, (int) packed, (int) (packed >> 32), negative);
    }

    /** Returns the digit count in the low 32 bits and the decimal exponent K in the high 32 bits. */
    private static long grisu2(long bits, byte[] digits, int at) {
        // build_fp
        long wFrac = bits & FRAC_MASK;
        int wExp = (int) ((bits & EXP_MASK) >>> 52);
        if (wExp != 0) {
            wFrac += HIDDEN_BIT;
            wExp -= EXP_BIAS;
        } else {
            wExp = -EXP_BIAS + 1;
        }
        // get_normalized_boundaries, on the not yet normalized value
        long upperFrac = (wFrac << 1) + 1;
        int upperExp = wExp - 1;
        while ((upperFrac & (HIDDEN_BIT << 1)) == 0) {
            upperFrac <<= 1;
            upperExp--;
        }
        upperFrac <<= 10;
        upperExp -= 10;
        int lShift = wFrac == HIDDEN_BIT ? 2 : 1;
        long lowerFrac = (wFrac << lShift) - 1;
        int lowerExp = wExp - lShift;
        lowerFrac <<= lowerExp - upperExp;
        // normalize
        while ((wFrac & HIDDEN_BIT) == 0) {
            wFrac <<= 1;
            wExp--;
        }
        wFrac <<= 11;
        wExp -= 11;
        // find_cachedpow10
        int approx = (int) (-(upperExp + NPOWERS) * 0.30102999566398114);
        int idx = (approx - FIRST_POWER) / STEP_POWERS;
        while (true) {
            int current = upperExp + POWER_EXP[idx] + 64;
            if (current < EXP_MIN) {
                idx++;
            } else if (current > EXP_MAX) {
                idx--;
            } else {
                break;
            }
        }
        int k = FIRST_POWER + idx * STEP_POWERS;
        long cpFrac = POWER_FRAC[idx];
        int cpExp = POWER_EXP[idx];
        long w = multiply(wFrac, cpFrac);
        long upper = multiply(upperFrac, cpFrac);
        long lower = multiply(lowerFrac, cpFrac);
        int productExp = upperExp + cpExp + 64; // all three share it
        lower++;
        upper--;
        return generateDigits(w, upper, lower, productExp, -k, digits, at);
    }

    /** The high 64 bits of the 128-bit product, rounded (fpconv's multiply). */
    private static long multiply(long a, long b) {
        long lo = 0xFFFFFFFFL;
        long ahBl = (a >>> 32) * (b & lo);
        long alBh = (a & lo) * (b >>> 32);
        long alBl = (a & lo) * (b & lo);
        long ahBh = (a >>> 32) * (b >>> 32);
        long tmp = (ahBl & lo) + (alBh & lo) + (alBl >>> 32);
        tmp += 1L << 31;
        return ahBh + (ahBl >>> 32) + (alBh >>> 32) + (tmp >>> 32);
    }

    private static long generateDigits(long fp, long upper, long lower, int exp, int k, byte[] digits, int at) {
        long wfrac = upper - fp;
        long delta = upper - lower;
        int shift = -exp;
        long one = 1L << shift;
        long part1 = upper >>> shift;
        long part2 = upper & (one - 1);
        int idx = 0;
        int kappa = 10;
        for (int p = 10; kappa > 0; p++) {
            long div = TENS[p];
            long digit = part1 / div;
            if (digit != 0 || idx != 0) digits[at + idx++] = (byte) (digit + '0');
            part1 -= digit * div;
            kappa--;
            long tmp = (part1 << shift) + part2;
            if (Long.compareUnsigned(tmp, delta) <= 0) {
                roundDigit(digits, at + idx - 1, delta, tmp, div << shift, wfrac);
                return (long) (k + kappa) << 32 | idx;
            }
        }
        int unit = 18;
        while (true) {
            part2 *= 10;
            delta *= 10;
            kappa--;
            long digit = part2 >>> shift;
            if (digit != 0 || idx != 0) digits[at + idx++] = (byte) (digit + '0');
            part2 &= one - 1;
            if (Long.compareUnsigned(part2, delta) < 0) {
                roundDigit(digits, at + idx - 1, delta, part2, one, wfrac * TENS[unit]);
                return (long) (k + kappa) << 32 | idx;
            }
            unit--;
        }
    }

    private static void roundDigit(byte[] digits, int lastDigit, long delta, long rem, long kappa, long frac) {
        while (Long.compareUnsigned(rem, frac) < 0
                && Long.compareUnsigned(delta - rem, kappa) >= 0
                && (Long.compareUnsigned(rem + kappa, frac) < 0
                        || Long.compareUnsigned(frac - rem, rem + kappa - frac) > 0)) {
            digits[lastDigit]--;
            rem += kappa;
        }
    }

    /** Lays out the {@code ndigits} digits at {@code out[off]} (value = digits · 10^k) like fpconv's emit_digits. */
    private static int emitDigits(byte[] out, int off, int ndigits, int k, boolean negative) {
        int exp = Math.abs(k + ndigits - 1);
        if (k >= 0 && exp < ndigits + 7) { // plain integer
            off += ndigits;
            for (int i = 0; i < k; i++) out[off++] = '0';
            return off;
        }
        if (k < 0 && (k > -7 || exp < 4)) { // plain decimal
            int offset = ndigits - Math.abs(k);
            if (offset <= 0) {
                int zeros = -offset;
                System.arraycopy(out, off, out, off + 2 + zeros, ndigits);
                out[off] = '0';
                out[off + 1] = '.';
                for (int i = 0; i < zeros; i++) out[off + 2 + i] = '0';
                return off + 2 + zeros + ndigits;
            }
            System.arraycopy(out, off + offset, out, off + offset + 1, ndigits - offset);
            out[off + offset] = '.';
            return off + ndigits + 1;
        }
        ndigits = Math.min(ndigits, 18 - (negative ? 1 : 0));
        if (ndigits > 1) {
            System.arraycopy(out, off + 1, out, off + 2, ndigits - 1);
            out[off + 1] = '.';
            off += ndigits + 1;
        } else {
            off += 1;
        }
        out[off++] = 'e';
        out[off++] = (byte) (k + ndigits - 1 < 0 ? '-' : '+');
        int cent = 0;
        if (exp > 99) {
            cent = exp / 100;
            out[off++] = (byte) (cent + '0');
            exp -= cent * 100;
        }
        if (exp > 9) {
            int dec = exp / 10;
            out[off++] = (byte) (dec + '0');
            exp -= dec * 10;
        } else if (cent != 0) {
            out[off++] = '0';
        }
        out[off++] = (byte) (exp % 10 + '0');
        return off;
    }

    private static final long[] TENS = new long[20];

    static {
        long p = 1;
        for (int i = 19; i >= 0; i--) {
            TENS[i] = p; // TENS[0] = 10^19 (unsigned), TENS[19] = 1
            p *= 10;
        }
    }

    // Grisu's cache of normalized powers of ten: 10^(-348 + 8i) ≈ frac · 2^exp, frac in [2^63, 2^64).
    private static final int NPOWERS = 87;
    private static final int STEP_POWERS = 8;
    private static final int FIRST_POWER = -348;
    private static final int EXP_MAX = -32;
    private static final int EXP_MIN = -60;
    static final long[] POWER_FRAC = new long[NPOWERS];
    static final int[] POWER_EXP = new int[NPOWERS];

    static {
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        for (int i = 0; i < NPOWERS; i++) {
            int e10 = FIRST_POWER + i * STEP_POWERS;
            // Find exp with 10^e10 / 2^exp in [2^63, 2^64), then round to nearest (ties up).
            BigInteger num = e10 >= 0 ? BigInteger.TEN.pow(e10) : BigInteger.ONE;
            BigInteger den = e10 >= 0 ? BigInteger.ONE : BigInteger.TEN.pow(-e10);
            int exp = num.bitLength() - den.bitLength() - 64;
            BigInteger frac;
            while (true) {
                BigInteger n = exp >= 0 ? num : num.shiftLeft(-exp);
                BigInteger d = exp >= 0 ? den.shiftLeft(exp) : den;
                BigInteger[] qr = n.divideAndRemainder(d);
                frac = qr[0];
                if (qr[1].shiftLeft(1).compareTo(d) >= 0) frac = frac.add(BigInteger.ONE);
                if (frac.compareTo(two64) >= 0) {
                    exp++;
                } else if (frac.bitLength() < 64) {
                    exp--;
                } else {
                    break;
                }
            }
            POWER_FRAC[i] = frac.longValue();
            POWER_EXP[i] = exp;
        }
    }
}
