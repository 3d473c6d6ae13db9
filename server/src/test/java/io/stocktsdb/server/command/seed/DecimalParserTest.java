package io.stocktsdb.server.command.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalParserTest {
    private static double parse(String s) { return DecimalParser.parse(s.getBytes(StandardCharsets.US_ASCII)); }

    @Test
    void matchesJavaOnRandomDecimals() {
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            String s;
            switch (i % 4) {
                case 0: s = String.format("%.2f", r.nextDouble() * 10_000 - 5000); break;
                case 1: s = Double.toString(r.nextDouble()); break;
                case 2: s = Long.toString(r.nextLong() >> r.nextInt(64)); break;
                default: s = r.nextInt(1000) + "." + "0".repeat(r.nextInt(5)) + r.nextInt(100000); break;
            }
            assertThat(Double.doubleToRawLongBits(parse(s))).as(s).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
        }
    }

    @Test
    void strtodGrammar() {
        assertThat(parse("100.5")).isEqualTo(100.5);
        assertThat(Double.doubleToRawLongBits(parse("-0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(parse("1.")).isEqualTo(1.0);
        assertThat(parse(".5")).isEqualTo(0.5);
        assertThat(parse("+7")).isEqualTo(7.0);
        assertThat(parse("1e20")).isEqualTo(1e20);
        assertThat(parse("1.5E-3")).isEqualTo(1.5e-3);
        assertThat(parse("12345678901234567890.5")).isEqualTo(12345678901234567890.5);
        assertThat(parse("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parse("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("nan")).isNaN();
        for (String bad : new String[] {"", ".", "-", "1a", "1.5d", "0x10", "1e", "e5", "1,5", " 1", "1 ", "1..2"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(NumberFormatException.class);
        }
    }
}
