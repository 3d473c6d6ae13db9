package io.stocktsdb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Resp2DoubleFormatterTest {

    private static String f(double v) {
        return Resp2DoubleFormatter.toString(v);
    }

    @Test
    void referenceTable() {
        assertThat(f(0.0)).isEqualTo("0");
        assertThat(f(-0.0)).isEqualTo("-0");
        assertThat(f(1)).isEqualTo("1");
        assertThat(f(100)).isEqualTo("100");
        assertThat(f(22000)).isEqualTo("22000");
        assertThat(f(9007199254740992.0)).isEqualTo("9007199254740992");
        assertThat(f(1.5)).isEqualTo("1.5");
        assertThat(f(984.5)).isEqualTo("984.5");
        assertThat(f(21001.0000002)).isEqualTo("21001.0000002");
        assertThat(f(123456789.123)).isEqualTo("123456789.123");
        assertThat(f(0.5)).isEqualTo("5E-1");
        assertThat(f(0.25)).isEqualTo("2.5E-1");
        assertThat(f(0.7071)).isEqualTo("7.071E-1");
        assertThat(f(0.1)).isEqualTo("1E-1");
        assertThat(f(0.001)).isEqualTo("1E-3");
        assertThat(f(1e16)).isEqualTo("1E16");
        assertThat(f(1e17)).isEqualTo("1E17");
        assertThat(f(1.2345678901234568e17)).isEqualTo("1.2345678901234568E17");
        assertThat(f(1e20)).isEqualTo("1E20");
        assertThat(f(Double.MAX_VALUE)).isEqualTo("1.7976931348623157E308");
        assertThat(f(Double.NaN)).isEqualTo("NaN");
        assertThat(f(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(f(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void moreLayouts() {
        assertThat(f(-1.5)).isEqualTo("-1.5");
        assertThat(f(-0.5)).isEqualTo("-5E-1");
        assertThat(f(12.5)).isEqualTo("12.5");
        assertThat(f(100.25)).isEqualTo("100.25");
        assertThat(f(1e-5)).isEqualTo("1E-5");
        assertThat(f(1.0E-300)).isEqualTo("1E-300");
        assertThat(f(Double.MIN_VALUE)).isEqualTo("5E-324");
        assertThat(f(2 * Double.MIN_VALUE)).isEqualTo("1E-323");
        assertThat(f(Double.MIN_NORMAL)).isEqualTo("2.2250738585072014E-308");
        assertThat(f(-Double.MIN_NORMAL)).isEqualTo("-2.2250738585072014E-308");
        assertThat(f(1e15)).isEqualTo("1000000000000000");
        assertThat(f(4503599627370496.0)).isEqualTo("4503599627370496");
        assertThat(f(4503599627370495.5)).isEqualTo("4503599627370495.5");
        assertThat(f(0.3)).isEqualTo("3E-1");
        assertThat(f(2.0 / 3)).isEqualTo("6.666666666666666E-1");
        assertThat(f(1.0 / 3)).isEqualTo("3.333333333333333E-1");
        assertThat(f(123.456)).isEqualTo("123.456");
        assertThat(f(5e-324 * 3)).isEqualTo("1.5E-323");
        // Between 2^52 and 2^56 a dropped trailing zero means dragonbox's exponent was 1.
        assertThat(f(5e15)).isEqualTo("5E15");
        assertThat(f(18014398509481984.0)).isEqualTo("18014398509481984");
        assertThat(f(36028797018963968.0)).isEqualTo("3.602879701896397E16");
        assertThat(f(Math.pow(2, 60))).isEqualTo("1.152921504606847E18");
    }

    @Test
    void formatWritesAtOffsetAndReturnsEnd() {
        byte[] buf = new byte[40];
        buf[0] = '#';
        int end = Resp2DoubleFormatter.format(984.5, buf, 1);
        assertThat(new String(buf, 0, end, StandardCharsets.US_ASCII)).isEqualTo("#984.5");
        end = Resp2DoubleFormatter.format(-Double.MIN_NORMAL, buf, 0);
        assertThat(end).isEqualTo(Resp2DoubleFormatter.MAX_LENGTH);
    }

    @Test
    void logApproximationsAreExact() {
        // The range Schubfach needs (binary exponents -1074..971, decimal -324..324) with margin.
        for (int e = -1100; e <= 1100; e++) {
            BigDecimal p2 = e >= 0 ? new BigDecimal(BigInteger.TWO.pow(e))
                    : BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow(-e)));
            assertThat(Resp2DoubleFormatter.flog10pow2(e)).as("flog10pow2 " + e).isEqualTo(floorLog10(p2));
            assertThat(Resp2DoubleFormatter.flog10threeQuartersPow2(e)).as("3/4 " + e)
                    .isEqualTo(floorLog10(p2.multiply(new BigDecimal("0.75"))));
            // floor(log2(10^e)): bitLength - 1 for e >= 0; -bitLength(10^-e) below (10^n is no power of 2).
            int expected = e >= 0 ? BigInteger.TEN.pow(e).bitLength() - 1 : -BigInteger.TEN.pow(-e).bitLength();
            assertThat(Resp2DoubleFormatter.flog2pow10(e)).as("flog2pow10 " + e).isEqualTo(expected);
        }
    }

    private static int floorLog10(BigDecimal x) {
        // x = unscaled · 10^-scale; floor(log10 x) = digits(unscaled) - 1 - scale
        BigDecimal s = x.stripTrailingZeros();
        return s.precision() - 1 - s.scale();
    }

    /** Shortest digits by brute force: the first precision whose correctly rounded value reads back. */
    private static BigDecimal bruteForceShortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) return r.stripTrailingZeros();
        }
        throw new AssertionError("no 17-digit form for " + v);
    }

    private static void checkShortest(double v) {
        String text = f(v);
        assertThat(Double.doubleToRawLongBits(Double.parseDouble(text))).as(text)
                .isEqualTo(Double.doubleToRawLongBits(v));
        BigDecimal mine = new BigDecimal(text).stripTrailingZeros();
        BigDecimal brute = bruteForceShortest(Math.abs(v));
        assertThat(mine.precision()).as("digits of " + text).isLessThanOrEqualTo(brute.precision());
        if (mine.precision() == brute.precision()) assertThat(mine.abs()).as(text).isEqualByComparingTo(brute);
        boolean plain = !text.contains("E");
        assertThat(plain).as("layout of " + text).isEqualTo(expectPlain(v, mine));
    }

    /** The layout rule derived independently: |v| >= 1 and (v < 2^52, or 2^52 <= v < 2^56 with no dropped zero). */
    private static boolean expectPlain(double v, BigDecimal digits) {
        double a = Math.abs(v);
        if (a < 1) return false;
        if (a < 0x1p52) return true;
        if (a >= 0x1p56) return false;
        return digits.scale() >= 0; // the shortest form keeps the units digit
    }

    @Test
    void randomDoublesAreShortestAndRoundTrip() {
        Random rnd = new Random(20261126);
        for (int i = 0; i < 20_000; i++) {
            checkShortest(randomFinite(rnd));
        }
    }

    private static double randomFinite(Random rnd) {
        while (true) {
            double d = switch (rnd.nextInt(4)) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong());
                case 1 -> rnd.nextInt(1_000_000) / 100.0;
                case 2 -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
                default -> (double) rnd.nextLong() / (1L << rnd.nextInt(63));
            };
            if (Double.isFinite(d) && d != 0) return d;
        }
    }

    @Test
    void powersOfTwoAndTenAndBoundaries() {
        for (int e = -1074; e <= 1023; e++) checkShortest(Math.scalb(1.0, e));
        for (int e = -323; e <= 308; e++) checkShortest(Double.parseDouble("1e" + e));
        for (long m = 1; m < 2000; m++) {
            checkShortest(Double.longBitsToDouble(m));
            checkShortest(Double.longBitsToDouble(0x0010000000000000L + m - 1000));
            checkShortest(Math.nextUp(0x1p52 + m * 1000));
        }
        checkShortest(Double.MAX_VALUE);
        checkShortest(Math.nextDown(Double.MAX_VALUE));
        for (long i = 1; i < 100_000; i += 37) checkShortest(i / 1000.0);
    }
}
