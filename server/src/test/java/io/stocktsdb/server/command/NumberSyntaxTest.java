package io.stocktsdb.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.resp.RespRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumberSyntaxTest {

    private static double sample(String text) {
        return NumberSyntax.parseSampleValue(RespRequest.of(text.getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static double option(String text) {
        return NumberSyntax.parseRedisDouble(RespRequest.of(text.getBytes(StandardCharsets.UTF_8)), 0);
    }

    @Test
    void sampleValuesFollowTheJsonGrammar() {
        assertThat(sample("42.5")).isEqualTo(42.5);
        assertThat(sample("-2.5")).isEqualTo(-2.5);
        assertThat(sample("1e5")).isEqualTo(1e5);
        assertThat(sample("1E-3")).isEqualTo(0.001);
        assertThat(sample("0")).isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(sample("-0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(sample("0.000001")).isEqualTo(1e-6);
        assertThat(sample("1e-400")).isEqualTo(0.0); // fast_double_parser keeps an underflow
        for (String bad : new String[] {"1a", "1.", ".1", "1.0.0", "1,0", "0x1", "+1", "01", "00", "-", "inf", "nan", "", " 1", "1 ", "1e", "1e+", "1e400", "-01"}) {
            assertThat(sample(bad)).as(bad).isNaN();
        }
    }

    @Test
    void optionValuesFollowRedisString2d() {
        assertThat(option("+1")).isEqualTo(1.0);
        assertThat(option(".5")).isEqualTo(0.5);
        assertThat(option("5.")).isEqualTo(5.0);
        assertThat(option("007")).isEqualTo(7.0);
        assertThat(option("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(option("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        for (String bad : new String[] {"nan", "", " 1", "1 ", "1e400", "1e-400", "abc", "1.2.3", "infinite", "."}) {
            assertThat(option(bad)).as(bad).isNaN();
        }
    }

    @Test
    void everyShortestAndLongFormParsesToTheSameBits() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong()) ;
                case 1 -> Math.round(random.nextDouble(-1e6, 1e6) * 100) / 100.0;
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
                default -> (double) random.nextLong(-(1L << 60), 1L << 60);
            };
            if (Double.isNaN(v) || Double.isInfinite(v)) continue;
            for (String text : new String[] {Double.toString(v), String.format(Locale.ROOT, "%.17g", v).trim(), new BigDecimal(v).toPlainString()}) {
                String json = text.replace("+", "");
                if (json.contains(".") && json.endsWith(".")) continue;
                double expected = Double.parseDouble(text);
                if (!json.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE]-?[0-9]+)?")) continue;
                assertThat(Double.doubleToRawLongBits(sample(json))).as(json).isEqualTo(Double.doubleToRawLongBits(expected));
                assertThat(Double.doubleToRawLongBits(option(text))).as(text).isEqualTo(Double.doubleToRawLongBits(expected));
            }
        }
    }
}
