package io.stocktsdb.engine.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {

    @Test
    void equality() {
        assertThat(FilterParser.parseOne("region=eu")).isEqualTo(LabelMatcher.eq("region", "eu"));
    }

    @Test
    void inequality() {
        assertThat(FilterParser.parseOne("region!=eu")).isEqualTo(LabelMatcher.neq("region", "eu"));
    }

    @Test
    void labelAbsent() {
        assertThat(FilterParser.parseOne("region=")).isEqualTo(LabelMatcher.notContains("region"));
    }

    @Test
    void labelPresent() {
        assertThat(FilterParser.parseOne("region!=")).isEqualTo(LabelMatcher.contains("region"));
    }

    @Test
    void listMatch() {
        assertThat(FilterParser.parseOne("region=(eu,us)")).isEqualTo(LabelMatcher.in("region", List.of("eu", "us")));
    }

    @Test
    void listNotMatch() {
        assertThat(FilterParser.parseOne("region!=(eu,us,ap)"))
                .isEqualTo(LabelMatcher.notIn("region", List.of("eu", "us", "ap")));
    }

    @Test
    void emptyListMatchesNothingButParses() {
        assertThat(FilterParser.parseOne("region=()")).isEqualTo(LabelMatcher.in("region", List.of()));
        assertThat(FilterParser.parseOne("region!=()")).isEqualTo(LabelMatcher.notIn("region", List.of()));
    }

    @Test
    void singleElementList() {
        assertThat(FilterParser.parseOne("a=(x)")).isEqualTo(LabelMatcher.in("a", List.of("x")));
    }

    @Test
    void strtokQuirks() {
        // Only the first two tokens count; separators are character sets; leading ones are skipped.
        assertThat(FilterParser.parseOne("a=b=c")).isEqualTo(LabelMatcher.eq("a", "b"));
        assertThat(FilterParser.parseOne("=a")).isEqualTo(LabelMatcher.notContains("a"));
        assertThat(FilterParser.parseOne("a==b")).isEqualTo(LabelMatcher.eq("a", "b"));
        assertThat(FilterParser.parseOne("a=b!=c")).isEqualTo(LabelMatcher.neq("a", "b"));
        assertThat(FilterParser.parseOne("a!b=c")).isEqualTo(LabelMatcher.eq("a!b", "c"));
        assertThat(FilterParser.parseOne("a=((x,y)")).isEqualTo(LabelMatcher.in("a", List.of("x", "y")));
        assertThat(FilterParser.parseOne("a=x\0junk")).isEqualTo(LabelMatcher.eq("a", "x"));
        // Values are not trimmed and are case-sensitive.
        assertThat(FilterParser.parseOne("a= X")).isEqualTo(LabelMatcher.eq("a", " X"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"region", "", "=", "!=", "=(", "a=(", "a=(x", "a=(x,", "a=(,)", "a=(x,)", "a=(,x)",
            "a!=(x", "a!=(x,,y)", "=()", "a=(x(y)"})
    void malformedExpressions(String expression) {
        assertThatThrownBy(() -> FilterParser.parseOne(expression))
                .isInstanceOf(TsdbException.class)
                .hasMessage(TsdbError.FAILED_PARSING_LABELS.name());
    }

    @Test
    void requiresAtLeastOneMatcher() {
        assertThatThrownBy(() -> FilterParser.parse(List.of("a!=", "b=", "c!=x", "d!=(x)")))
                .isInstanceOf(TsdbException.class)
                .hasMessage(TsdbError.AT_LEAST_ONE_MATCHER.name());
        assertThatThrownBy(() -> FilterParser.parse(List.of()))
                .hasMessage(TsdbError.AT_LEAST_ONE_MATCHER.name());
    }

    @Test
    void parseErrorWinsOverMissingMatcher() {
        assertThatThrownBy(() -> FilterParser.parse(List.of("a!=", "bogus")))
                .hasMessage(TsdbError.FAILED_PARSING_LABELS.name());
    }

    @Test
    void parsesAllInOrder() {
        assertThat(FilterParser.parse(List.of("a=1", "b!=", "c=(x,y)", "d=")))
                .containsExactly(LabelMatcher.eq("a", "1"), LabelMatcher.contains("b"),
                        LabelMatcher.in("c", List.of("x", "y")), LabelMatcher.notContains("d"));
        assertThat(FilterParser.parse(List.of("c=()")).get(0).isMatcher()).isTrue();
    }
}
