package io.stocktsdb.engine.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for TS.MGET/MRANGE/QUERYINDEX FILTER expressions (run with -Pfuzz): any list of
 * expressions either parses into matchers or is refused with a TsdbException; nothing else may
 * escape, and parsing is deterministic.
 */
class FilterParserFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void parseNeverFailsUnexpectedly(FuzzedDataProvider data) {
        int n = data.consumeInt(0, 8);
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < n; i++) expressions.add(data.consumeString(64));
        List<LabelMatcher> first;
        try {
            first = FilterParser.parse(expressions);
        } catch (TsdbException refused) {
            assertThat(refused.error()).isIn(TsdbError.FAILED_PARSING_LABELS, TsdbError.AT_LEAST_ONE_MATCHER);
            return;
        }
        assertThat(first).hasSameSizeAs(expressions);
        assertThat(FilterParser.parse(expressions)).isEqualTo(first);
    }
}
