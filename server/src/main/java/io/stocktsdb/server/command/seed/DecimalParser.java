package io.stocktsdb.server.command.seed;

/**
 * Parses the decimal text of a double (strtod's grammar plus inf/nan) without allocating in the
 * common case: up to 15 significant digits and an exponent that keeps 10^k exact are computed as
 * one correctly rounded multiplication or division (Clinger's fast path); anything else goes
 * to {@link Double#parseDouble}.
 */
final class DecimalParser {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private DecimalParser() {}

    /** The value, or {@code null}-equivalent: throws NumberFormatException when the text is not a number. */
    static double parse(byte[] s) {
        int n = s.length;
        if (n == 0) throw new NumberFormatException();
        int i = 0;
        boolean negative = false;
        if (s[0] == '+' || s[0] == '-') {
            negative = s[0] == '-';
            i = 1;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean seenDigit = false;
        boolean seenDot = false;
        boolean exact = true;
        for (; i < n; i++) {
            byte c = s[i];
            if (c >= '0' && c <= '9') {
                seenDigit = true;
                if (mantissa == 0 && c == '0') {
                    if (seenDot) fractionDigits++;
                    continue;
                }
                if (digits < 15) {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                    if (seenDot) fractionDigits++;
                } else {
                    exact = false;
                }
            } else if (c == '.' && !seenDot) {
                seenDot = true;
            } else {
                break;
            }
        }
        if (i < n) return slowPath(s, i, seenDigit);
        if (!seenDigit) throw new NumberFormatException();
        if (!exact || fractionDigits >= POW10.length) return slowPath(s, i, true);
        double v = fractionDigits == 0 ? mantissa : mantissa / POW10[fractionDigits];
        return negative ? -v : v;
    }

    /** Exponents, long mantissas, inf and nan. */
    private static double slowPath(byte[] s, int stoppedAt, boolean seenDigit) {
        String text = new String(s, java.nio.charset.StandardCharsets.ISO_8859_1);
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        if (unsigned.equals("inf") || unsigned.equals("infinity")) return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (unsigned.equals("nan")) return Double.NaN;
        if (!seenDigit) throw new NumberFormatException();
        // digits [. digits] [e [+-] digits], nothing else (Java would also take "1d" or "0x1p3")
        if (!unsigned.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) throw new NumberFormatException();
        return Double.parseDouble(text);
    }
}
