package io.stocktsdb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RedisDoubleFormatterTest {

    private static String f(double v) {
        return RedisDoubleFormatter.toString(v);
    }

    @Test
    void knownValues() {
        assertThat(f(0.5)).isEqualTo("0.5");
        assertThat(f(1)).isEqualTo("1");
        assertThat(f(0)).isEqualTo("0");
        assertThat(f(-0.0)).isEqualTo("-0");
        assertThat(f(1e20)).isEqualTo("1e+20");
        assertThat(f(Double.NaN)).isEqualTo("nan");
        assertThat(f(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(f(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(f(1.5)).isEqualTo("1.5");
        assertThat(f(-1.5)).isEqualTo("-1.5");
        assertThat(f(0.1)).isEqualTo("0.1");
        assertThat(f(0.001)).isEqualTo("0.001");
        assertThat(f(1e-6)).isEqualTo("0.000001");
        assertThat(f(1e-7)).isEqualTo("1e-7");
        assertThat(f(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(f(1e-300)).isEqualTo("1e-300");
        assertThat(f(1e300)).isEqualTo("1e+300");
        assertThat(f(1365.3333740234375)).isEqualTo("1365.3333740234375");
        assertThat(f(1e15)).isEqualTo("1000000000000000");
        assertThat(f(0x1p62)).isEqualTo("4611686018427387904");
        assertThat(f(-0x1p62)).isEqualTo("-4611686018427387904");
        assertThat(f(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(f(Double.MIN_VALUE)).isEqualTo("5e-324");
    }

    @Test
    void matchesRedisOnThousandsOfValues() throws IOException {
        int checked = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(getClass().getResourceAsStream("/redis-d2string-golden.txt")),
                StandardCharsets.US_ASCII))) {
            String line;
            byte[] buf = new byte[40];
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) continue;
                int space = line.indexOf(' ');
                double v = Double.longBitsToDouble(Long.parseUnsignedLong(line.substring(0, space), 16));
                String expected = line.substring(space + 1);
                assertThat(f(v)).as(line).isEqualTo(expected);
                int end = RedisDoubleFormatter.format(v, buf, 3);
                assertThat(new String(buf, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(expected);
                assertThat(end - 3).isLessThanOrEqualTo(RedisDoubleFormatter.MAX_LENGTH);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5000);
    }

    @Test
    void cachedPowersOfTenMatchGrisusTable() {
        // Entries of fpconv_powers.h: 10^-348, 10^12, 10^20 and 10^340.
        assertThat(Long.toUnsignedString(RedisDoubleFormatter.POWER_FRAC[0])).isEqualTo("18054884314459144840");
        assertThat(RedisDoubleFormatter.POWER_EXP[0]).isEqualTo(-1220);
        assertThat(Long.toUnsignedString(RedisDoubleFormatter.POWER_FRAC[45])).isEqualTo("16777216000000000000");
        assertThat(RedisDoubleFormatter.POWER_EXP[45]).isEqualTo(-24);
        assertThat(Long.toUnsignedString(RedisDoubleFormatter.POWER_FRAC[46])).isEqualTo("12500000000000000000");
        assertThat(RedisDoubleFormatter.POWER_EXP[46]).isEqualTo(3);
        assertThat(Long.toUnsignedString(RedisDoubleFormatter.POWER_FRAC[86])).isEqualTo("12648080533535911531");
        assertThat(RedisDoubleFormatter.POWER_EXP[86]).isEqualTo(1066);
    }

    @Test
    void everyOutputReadsBack() {
        Random rnd = new Random(99);
        for (int i = 0; i < 50_000; i++) {
            double v = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(v)) continue;
            assertThat(Double.parseDouble(f(v))).isEqualTo(v);
        }
    }
}
