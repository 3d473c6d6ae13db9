package io.stocktsdb.common;

/**
 * Redis's {@code string2ll}: the one strict signed 64-bit decimal parser of the project, used by
 * the RESP decoder, command arguments and INCRBY on stored strings. Accepted: an optional '-',
 * then digits without a leading zero (except "0" itself), no '+', no spaces, at most 20 bytes,
 * within the long range. No allocation.
 */
public final class RedisIntegers {
    /** Returned for malformed input; the literal "-9223372036854775808" collides (see {@link #isMinValue}). */
    public static final long INVALID = Long.MIN_VALUE;

    private static final byte[] MIN_VALUE = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private RedisIntegers() {}

    /** The value of {@code s[off, off + len)}, or {@link #INVALID}. */
    public static long parse(byte[] s, int off, int len) {
        if (len <= 0 || len > 20) return INVALID;
        int i = 0;
        boolean negative = false;
        if (s[off] == '-') {
            negative = true;
            i = 1;
            if (len == 1) return INVALID;
        }
        if (s[off + i] == '0') return len == 1 ? 0 : INVALID;
        long result = 0; // accumulated negatively so that Long.MIN_VALUE is reachable
        for (; i < len; i++) {
            int d = s[off + i] - '0';
            if (d < 0 || d > 9) return INVALID;
            if (result < Long.MIN_VALUE / 10) return INVALID;
            result *= 10;
            if (result < Long.MIN_VALUE + d) return INVALID;
            result -= d;
        }
        if (negative) return result;
        if (result == Long.MIN_VALUE) return INVALID;
        return -result;
    }

    /** Whether {@code s[off, off + len)} is "-9223372036854775808", the one valid input {@link #parse} reports as {@link #INVALID}. */
    public static boolean isMinValue(byte[] s, int off, int len) {
        if (len != MIN_VALUE.length) return false;
        for (int i = 0; i < len; i++) if (s[off + i] != MIN_VALUE[i]) return false;
        return true;
    }

    /** The value of the whole array; throws NumberFormatException when it is not a strict integer. */
    public static long parse(byte[] s) {
        long v = parse(s, 0, s.length);
        if (v == INVALID && !isMinValue(s, 0, s.length)) throw new NumberFormatException();
        return v;
    }
}
