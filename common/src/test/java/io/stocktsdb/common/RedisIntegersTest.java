package io.stocktsdb.common;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisIntegersTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void acceptsWhatRedisAccepts() {
        assertThat(RedisIntegers.parse(b("0"))).isZero();
        assertThat(RedisIntegers.parse(b("7"))).isEqualTo(7);
        assertThat(RedisIntegers.parse(b("-42"))).isEqualTo(-42);
        assertThat(RedisIntegers.parse(b("9223372036854775807"))).isEqualTo(Long.MAX_VALUE);
        assertThat(RedisIntegers.parse(b("-9223372036854775808"))).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", " 1", "1 ", "01", "-0", "-01", "1a", "9223372036854775808",
            "-9223372036854775809", "123456789012345678901", "1.0", "0x10"})
    void rejectsEverythingElse(String s) {
        assertThat(RedisIntegers.parse(b(s), 0, s.length())).isEqualTo(RedisIntegers.INVALID);
        assertThatThrownBy(() -> RedisIntegers.parse(b(s))).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void parsesASliceWithoutLookingOutsideIt() {
        byte[] buf = b("x-123y");
        assertThat(RedisIntegers.parse(buf, 1, 4)).isEqualTo(-123);
        assertThat(RedisIntegers.isMinValue(b("a-9223372036854775808"), 1, 20)).isTrue();
    }
}
