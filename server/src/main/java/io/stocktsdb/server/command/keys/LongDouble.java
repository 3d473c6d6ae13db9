package io.stocktsdb.server.command.keys;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * INCRBYFLOAT's arithmetic as Redis does it on x86-64: numbers parsed as C's strtold, rounded to
 * an 80-bit long double (64-bit mantissa), added, rounded again, and printed with "%.17Lf"
 * without trailing zeros. A Java double would print 10.5 + 0.1 as 10.59999999999999964; Redis
 * prints 10.6. Values are kept as exact BigDecimals of the binary long double value.
 */
final class LongDouble {
    /** The result of parsing: a finite value, an infinity, or no number at all. */
    record Parsed(BigDecimal value, boolean infinite) {
        static final Parsed INVALID = new Parsed(null, false);
        static final Parsed INFINITE = new Parsed(null, true);

        boolean valid() { return value != null || infinite; }
    }

    /** Redis's MAX_LONG_DOUBLE_CHARS: longer strings are not numbers. */
    private static final int MAX_CHARS = 5 * 1024;
    private static final int MANTISSA_BITS = 64;
    /** Exponent of the largest finite long double (about 1.19e4932) and of the smallest normal one. */
    private static final int MAX_EXPONENT = 16383;
    private static final int MIN_EXPONENT = -16382;
    private static final double LOG2_10 = 3.321928094887362;

    private LongDouble() {}

    /** Redis's string2ld: no leading space, the whole string consumed, no NaN, no overflow or underflow to zero. */
    static Parsed parse(byte[] b) {
        if (b.length == 0 || b.length >= MAX_CHARS) return Parsed.INVALID;
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
        if (rest.equals("inf") || rest.equals("infinity")) return Parsed.INFINITE;
        int digitsStart = i;
        int mantissaDigits = 0;
        while (i < s.length() && isDigit(s.charAt(i))) { i++; mantissaDigits++; }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) { i++; mantissaDigits++; }
        }
        if (mantissaDigits == 0) return Parsed.INVALID;
        int mantissaEnd = i;
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
            int expDigits = 0;
            while (j < s.length() && isDigit(s.charAt(j))) { j++; expDigits++; }
            if (expDigits > 0) i = j;
        }
        if (i != s.length()) return Parsed.INVALID;
        String mantissa = s.substring(digitsStart, mantissaEnd);
        if (mantissa.equals(".")) return Parsed.INVALID;
        BigDecimal exact;
        try {
            exact = new BigDecimal((mantissa.endsWith(".") ? mantissa + "0" : mantissa.startsWith(".") ? "0" + mantissa : mantissa)
                    + s.substring(mantissaEnd));
        } catch (NumberFormatException | ArithmeticException e) {
            return Parsed.INVALID; // an exponent beyond int range: far outside long double's range
        }
        if (negative) exact = exact.negate();
        if (exact.signum() == 0) return new Parsed(BigDecimal.ZERO, false);
        BigDecimal rounded = round(exact);
        return rounded == null || rounded.signum() == 0 ? Parsed.INVALID : new Parsed(rounded, false);
    }

    /** The sum rounded to long double; null when it overflows to infinity. */
    static BigDecimal add(BigDecimal a, BigDecimal b) {
        BigDecimal sum = a.add(b);
        return sum.signum() == 0 ? BigDecimal.ZERO : round(sum);
    }

    /** "%.17Lf" without trailing zeros (and never "-0"), as Redis's ld2string in human mode. */
    static String format(BigDecimal v) {
        String s = v.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        s = s.substring(0, end);
        return s.equals("-0") ? "0" : s;
    }

    /** The nearest long double (ties to even) as an exact decimal; null beyond the largest finite one. */
    private static BigDecimal round(BigDecimal x) {
        BigDecimal a = x.abs();
        int e = (int) Math.floor((a.unscaledValue().bitLength() - 1) - a.scale() * LOG2_10);
        while (pow2(e).compareTo(a) > 0) e--;
        while (pow2(e + 1).compareTo(a) <= 0) e++;
        if (e > MAX_EXPONENT) return null;
        int shift = MANTISSA_BITS - 1 - Math.max(e, MIN_EXPONENT);
        BigInteger m = a.multiply(pow2(shift)).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigDecimal r = new BigDecimal(m).multiply(pow2(-shift));
        if (r.compareTo(pow2(MAX_EXPONENT + 1)) >= 0) return null;
        return x.signum() < 0 ? r.negate() : r;
    }

    /** 2^k exactly (k may be negative: 2^-k = 5^k / 10^k). */
    private static BigDecimal pow2(int k) {
        if (k >= 0) return new BigDecimal(BigInteger.ONE.shiftLeft(k));
        return new BigDecimal(BigInteger.valueOf(5).pow(-k), -k);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
