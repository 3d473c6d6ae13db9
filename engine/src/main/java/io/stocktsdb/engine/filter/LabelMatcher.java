package io.stocktsdb.engine.filter;

import java.util.List;

/**
 * One parsed filter expression (docs/timeseries.md, "Behaviour: filters and multi-series queries"). {@code values} is empty for {@link Type#CONTAINS}
 * and {@link Type#NOT_CONTAINS}, one value for {@link Type#EQ}/{@link Type#NEQ}, any number (possibly
 * none, which matches nothing) for the list forms.
 */
public record LabelMatcher(Type type, String label, List<String> values) {

    public enum Type {
        /** {@code l=v}: has l equal to v. */
        EQ(true),
        /** {@code l!=v}: lacks l, or has l different from v. */
        NEQ(false),
        /** {@code l!=}: has label l with any value. */
        CONTAINS(true),
        /** {@code l=}: lacks label l. */
        NOT_CONTAINS(false),
        /** {@code l=(a,b)}: has l equal to one of the values. */
        LIST_MATCH(true),
        /** {@code l!=(a,b)}: lacks l, or has l equal to none of the values. */
        LIST_NOT_MATCH(false);

        private final boolean inclusion;

        Type(boolean inclusion) { this.inclusion = inclusion; }

        /** Inclusion filters select series; exclusion filters only remove series from a selection. */
        public boolean isInclusion() { return inclusion; }
    }

    public LabelMatcher {
        values = List.copyOf(values);
    }

    public static LabelMatcher eq(String label, String value) {
        return new LabelMatcher(Type.EQ, label, List.of(value));
    }

    public static LabelMatcher neq(String label, String value) {
        return new LabelMatcher(Type.NEQ, label, List.of(value));
    }

    public static LabelMatcher contains(String label) {
        return new LabelMatcher(Type.CONTAINS, label, List.of());
    }

    public static LabelMatcher notContains(String label) {
        return new LabelMatcher(Type.NOT_CONTAINS, label, List.of());
    }

    public static LabelMatcher in(String label, List<String> values) {
        return new LabelMatcher(Type.LIST_MATCH, label, values);
    }

    public static LabelMatcher notIn(String label, List<String> values) {
        return new LabelMatcher(Type.LIST_NOT_MATCH, label, values);
    }

    /** RedisTimeSeries requires at least one of these ({@code l=v} or {@code l=(..)}) per query. */
    public boolean isMatcher() {
        return type == Type.EQ || type == Type.LIST_MATCH;
    }

    /** Whether a series with these labels passes this one filter (used by tests and small scans). */
    public boolean matches(java.util.Map<String, String> labels) {
        String actual = labels.get(label);
        return switch (type) {
            case EQ -> values.get(0).equals(actual);
            case NEQ -> !values.get(0).equals(actual);
            case CONTAINS -> actual != null;
            case NOT_CONTAINS -> actual == null;
            case LIST_MATCH -> actual != null && values.contains(actual);
            case LIST_NOT_MATCH -> actual == null || !values.contains(actual);
        };
    }
}
