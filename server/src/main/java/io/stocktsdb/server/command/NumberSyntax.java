package io.stocktsdb.server.command;

import io.stocktsdb.resp.RespRequest;

/**
 * The two double syntaxes of RedisTimeSeries (docs/timeseries.md, "Behaviour: arguments and numbers"), read straight from the request
 * bytes. NaN is returned for "not a number": neither syntax accepts NaN as input.
 *
 * <ul>
 *   <li>Sample values (TS.ADD, TS.MADD) go through {@code fast_double_parser}: RFC 7159 JSON number
 *       grammar, whole string, finite. {@code -0}, {@code 1e5}, {@code 1E-3} pass; {@code +1},
 *       {@code .5}, {@code 1.}, {@code 01}, {@code inf}, {@code 0x1} do not.
 *   <li>Option values (IGNORE's second argument, FILTER_BY_VALUE, the INCRBY/DECRBY amount) go
 *       through Redis {@code string2d}, a whole-string {@code strtod}: a leading {@code +},
 *       {@code .5}, {@code 5.} and {@code inf}/{@code infinity} pass; overflow to infinity and
 *       underflow to zero are rejected. (Hexadecimal floats, which strtod also reads, are not
 *       accepted here.)
 * </ul>
 *
 * <p>Values of at most 18 significant digits whose decimal exponent is within ±22 are converted
 * exactly without allocating (Clinger's fast path); longer or extreme values fall back to
 * {@link Double#parseDouble} on the already validated text.
 */
public final class NumberSyntax {
    private NumberSyntax() {}

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final long MAX_EXACT = 1L << 53;

    /** A TS.ADD/TS.MADD sample value, or NaN when invalid. */
    public static double parseSampleValue(RespRequest a, int i) {
        return parse(a, i, true);
    }

    /** {@link #parseSampleValue(RespRequest, int)} of the text {@code s[off, off + n)}. */
    public static double parseSampleValue(byte[] s, int off, int n) {
        return parse(s, off, n, true);
    }

    /** A Redis {@code StringToDouble} value, or NaN when invalid. */
    public static double parseRedisDouble(RespRequest a, int i) {
        return parse(a, i, false);
    }

    private static double parse(RespRequest a, int i, boolean json) {
        return parse(a.scratchCopy(i), 0, a.length(i), json);
    }

    private static double parse(byte[] s, int off, int n, boolean json) {
        if (n == 0) return Double.NaN;
        int p = 0;
        boolean negative = false;
        int c = s[off];
        if (c == '-' || (c == '+' && !json)) {
            negative = c == '-';
            if (++p == n) return Double.NaN;
            c = s[off + p];
        }
        if (!json && (c == 'i' || c == 'I')) return infinity(s, off, n, p, negative);

        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean truncated = false;
        int intDigits = 0;
        if (json && c == '0') {
            p++;
            intDigits = 1;
        } else {
            if (json && (c < '1' || c > '9')) return Double.NaN;
            while (p < n && isDigit(c = s[off + p])) {
                int d = c - '0';
                if (significant < 18) {
                    if (mantissa != 0 || d != 0) {
                        mantissa = mantissa * 10 + d;
                        significant++;
                    }
                } else {
                    exponent++;
                    if (d != 0) truncated = true;
                }
                p++;
                intDigits++;
            }
        }
        int fracDigits = 0;
        if (p < n && s[off + p] == '.') {
            p++;
            while (p < n && isDigit(c = s[off + p])) {
                int d = c - '0';
                if (significant < 18) {
                    if (mantissa != 0 || d != 0) {
                        mantissa = mantissa * 10 + d;
                        significant++;
                    }
                    exponent--;
                } else if (d != 0) {
                    truncated = true;
                }
                p++;
                fracDigits++;
            }
            if (json && fracDigits == 0) return Double.NaN;
        }
        if (intDigits == 0 && fracDigits == 0) return Double.NaN;
        if (p < n && ((c = s[off + p]) == 'e' || c == 'E')) {
            p++;
            boolean negativeExp = false;
            if (p < n && ((c = s[off + p]) == '-' || c == '+')) {
                negativeExp = c == '-';
                p++;
            }
            int expStart = p;
            int e = 0;
            while (p < n && isDigit(c = s[off + p])) {
                if (e < 100_000) e = e * 10 + (c - '0');
                p++;
            }
            if (p == expStart) return Double.NaN;
            exponent += negativeExp ? -e : e;
        }
        if (p != n) return Double.NaN;

        double v;
        if (mantissa == 0) {
            v = 0.0;
        } else if (!truncated && mantissa <= MAX_EXACT && exponent >= -22 && exponent <= 22) {
            v = exponent >= 0 ? mantissa * POW10[exponent] : mantissa / POW10[-exponent];
        } else {
            v = Math.abs(Double.parseDouble(new String(s, off, n, java.nio.charset.StandardCharsets.US_ASCII)));
            // string2d rejects underflow of a non-zero text (strtod ERANGE); fast_double_parser keeps 0
            if (v == 0.0 && !json) return Double.NaN;
        }
        if (Double.isInfinite(v)) return Double.NaN; // overflow
        return negative ? -v : v;
    }

    private static double infinity(byte[] s, int off, int n, int p, boolean negative) {
        int rest = n - p;
        if (rest != 3 && rest != 8) return Double.NaN;
        String word = "INFINITY";
        for (int k = 0; k < rest; k++) {
            int c = s[off + p + k];
            if (c >= 'a' && c <= 'z') c -= 32;
            if (c != word.charAt(k)) return Double.NaN;
        }
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
