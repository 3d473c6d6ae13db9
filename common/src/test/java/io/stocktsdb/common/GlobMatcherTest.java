package io.stocktsdb.common;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GlobMatcherTest {
    private static boolean m(String pattern, String s) {
        return GlobMatcher.matches(pattern.getBytes(StandardCharsets.UTF_8), s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void starAndQuestion() {
        assertThat(m("*", "")).isFalse(); // Redis stringmatchlen; KEYS/SCAN special-case "*"
        assertThat(new GlobMatcher("*".getBytes(StandardCharsets.UTF_8)).matches(new byte[0])).isTrue();
        assertThat(m("*", "anything")).isTrue();
        assertThat(m("h?llo", "hello")).isTrue();
        assertThat(m("h?llo", "hllo")).isFalse();
        assertThat(m("h*llo", "hllo")).isTrue();
        assertThat(m("h*llo", "heeeello")).isTrue();
        assertThat(m("stock:*", "stock:AAPL")).isTrue();
        assertThat(m("stock:*", "iot:x")).isFalse();
        assertThat(m("*a*b*", "xxaxxbxx")).isTrue();
        assertThat(m("*a*b", "xxaxxbxx")).isFalse();
        assertThat(m("a**", "a")).isTrue();
        assertThat(m("", "")).isTrue();
        assertThat(m("", "a")).isFalse();
        assertThat(m("?", "")).isFalse();
    }

    @Test
    void classes() {
        assertThat(m("h[ae]llo", "hello")).isTrue();
        assertThat(m("h[ae]llo", "hallo")).isTrue();
        assertThat(m("h[ae]llo", "hillo")).isFalse();
        assertThat(m("h[^e]llo", "hallo")).isTrue();
        assertThat(m("h[^e]llo", "hello")).isFalse();
        assertThat(m("h[a-b]llo", "hbllo")).isTrue();
        assertThat(m("h[a-b]llo", "hcllo")).isFalse();
        assertThat(m("h[b-a]llo", "hallo")).isTrue(); // reversed range
        assertThat(m("[\\]]", "]")).isTrue();
        assertThat(m("[a-]", "-")).isFalse(); // "a-" then end: '-' with no end is a literal only as range start
        assertThat(m("[abc", "a")).isTrue(); // unterminated class: Redis matches what it read
    }

    @Test
    void escapes() {
        assertThat(m("h\\*llo", "h*llo")).isTrue();
        assertThat(m("h\\*llo", "hello")).isFalse();
        assertThat(m("a\\?", "a?")).isTrue();
        assertThat(m("a\\?", "ab")).isFalse();
        assertThat(m("\\", "\\")).isTrue();
    }

    @Test
    void pathologicalPatternTerminates() {
        String s = "a".repeat(60);
        assertThat(m("*a*a*a*a*a*a*a*a*a*a*a*a*b", s)).isFalse();
    }
}
