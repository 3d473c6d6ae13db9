package io.stocktsdb.engine.filter;

import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses FILTER / TS.QUERYINDEX expressions exactly like RedisTimeSeries (docs/timeseries.md, "Behaviour: filters and multi-series queries").
 *
 * <p>The form is chosen by substring search, in this order: {@code "!=("}, {@code "!="},
 * {@code "=("}, {@code "="}. The label and value are then cut with C {@code strtok} semantics: the
 * separator is a <em>set</em> of delimiter characters, leading delimiters are skipped and only the
 * first two tokens are used. So {@code "a=b=c"} means {@code a=b}, and {@code "=a"} means "label a
 * absent". The text is cut at the first NUL byte, as the C string would be.
 */
public final class FilterParser {
    private FilterParser() {}

    /**
     * Parses all expressions of one query and checks that at least one is {@code l=v} or
     * {@code l=(..)}.
     *
     * @throws TsdbException {@link TsdbError#FAILED_PARSING_LABELS} on the first malformed expression,
     *     then {@link TsdbError#AT_LEAST_ONE_MATCHER}
     */
    public static List<LabelMatcher> parse(List<String> expressions) {
        List<LabelMatcher> matchers = new ArrayList<>(expressions.size());
        boolean hasMatcher = false;
        for (String expression : expressions) {
            LabelMatcher m = parseOne(expression);
            hasMatcher |= m.isMatcher();
            matchers.add(m);
        }
        if (!hasMatcher) throw new TsdbException(TsdbError.AT_LEAST_ONE_MATCHER);
        return matchers;
    }

    /** Parses one expression; throws {@link TsdbError#FAILED_PARSING_LABELS} when malformed. */
    public static LabelMatcher parseOne(String expression) {
        String s = cutAtNul(expression);
        if (s.contains("!=(")) {
            Cut cut = cut(s, "!=(");
            return new LabelMatcher(LabelMatcher.Type.LIST_NOT_MATCH, cut.label, valueList(cut.value));
        }
        if (s.contains("!=")) {
            Cut cut = cut(s, "!=");
            return cut.value == null ? LabelMatcher.contains(cut.label) : LabelMatcher.neq(cut.label, cut.value);
        }
        if (s.contains("=(")) {
            Cut cut = cut(s, "=(");
            return LabelMatcher.in(cut.label, valueList(cut.value));
        }
        if (s.contains("=")) {
            Cut cut = cut(s, "=");
            return cut.value == null ? LabelMatcher.notContains(cut.label) : LabelMatcher.eq(cut.label, cut.value);
        }
        throw failed();
    }

    private record Cut(String label, String value) {}

    private static Cut cut(String s, String delimiters) {
        Tokenizer t = new Tokenizer(s, delimiters);
        String label = t.next();
        if (label == null) throw failed();
        return new Cut(label, t.next());
    }

    /** The part after {@code =(}: must end with ')'; empty tokens between commas are an error. */
    private static List<String> valueList(String token) {
        if (token == null || token.charAt(token.length() - 1) != ')') throw failed();
        if (token.length() <= 1) return List.of();
        String inner = token.substring(0, token.length() - 1);
        int expected = 1;
        for (int i = 0; i < inner.length(); i++) if (inner.charAt(i) == ',') expected++;
        Tokenizer t = new Tokenizer(inner, ",");
        List<String> values = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) {
            String v = t.next();
            if (v == null) throw failed();
            values.add(v);
        }
        return values;
    }

    private static String cutAtNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static TsdbException failed() {
        return new TsdbException(TsdbError.FAILED_PARSING_LABELS);
    }

    /** C strtok over a delimiter set: skips delimiters, returns the run up to the next one. */
    private static final class Tokenizer {
        private final String s;
        private final String delimiters;
        private int pos;

        Tokenizer(String s, String delimiters) {
            this.s = s;
            this.delimiters = delimiters;
        }

        String next() {
            while (pos < s.length() && delimiters.indexOf(s.charAt(pos)) >= 0) pos++;
            if (pos >= s.length()) return null;
            int start = pos;
            while (pos < s.length() && delimiters.indexOf(s.charAt(pos)) < 0) pos++;
            String token = s.substring(start, pos);
            if (pos < s.length()) pos++; // strtok overwrites the delimiter that ended the token
            return token;
        }
    }
}
