package io.stocktsdb.server.command.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** INCRBYFLOAT's long double arithmetic against replies of Redis on x86-64 (its docs and tests/unit/type/incr.tcl). */
class LongDoubleTest {
    private static String incr(String value, String by) {
        LongDouble.Parsed a = LongDouble.parse(value.getBytes(StandardCharsets.ISO_8859_1));
        LongDouble.Parsed b = LongDouble.parse(by.getBytes(StandardCharsets.ISO_8859_1));
        return LongDouble.format(LongDouble.add(a.value(), b.value()));
    }

    @Test
    void sumsPrintAsRedisPrintsThem() {
        assertThat(incr("10.50", "0.1")).isEqualTo("10.6");
        assertThat(incr("10.6", "-5")).isEqualTo("5.6");
        assertThat(incr("5.0e3", "2.0e2")).isEqualTo("5200");
        assertThat(incr("0", "1")).isEqualTo("1");
        assertThat(incr("1", "0.25")).isEqualTo("1.25");
        assertThat(incr("1.5", "1.5")).isEqualTo("3");
        assertThat(incr("17179869184", "1.5")).isEqualTo("17179869185.5");
        assertThat(incr("17179869184", "17179869184")).isEqualTo("34359738368");
        assertThat(incr("0.024390243902439025", "-0.024390243902439025")).isEqualTo("0");
        assertThat(incr("1e20", "0")).isEqualTo("100000000000000000000");
        assertThat(incr("0.1", "0.2")).isEqualTo("0.3");
        assertThat(incr("-3", "1")).isEqualTo("-2");
        assertThat(incr("1e-18", "0")).isEqualTo("0");
    }

    @Test
    void parsesAsStringToLongDouble() {
        for (String bad : new String[] {"", " 11", "11 ", "abc", "1e", "1.2.3", "nan", "-", ".", "e5", "1\u00002", "1e-5000", "1e5000"}) {
            assertThat(LongDouble.parse(bad.getBytes(StandardCharsets.ISO_8859_1)).valid()).as(bad).isFalse();
        }
        assertThat(LongDouble.parse("+inf".getBytes()).infinite()).isTrue();
        assertThat(LongDouble.parse("-Infinity".getBytes()).infinite()).isTrue();
        assertThat(LongDouble.parse(".5".getBytes()).valid()).isTrue();
        assertThat(LongDouble.parse("5.".getBytes()).valid()).isTrue();
        assertThat(LongDouble.parse("+1E+3".getBytes()).valid()).isTrue();
    }
}
