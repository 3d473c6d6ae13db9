package io.stocktsdb.engine.aggregate;

/**
 * Every RedisTimeSeries aggregator. Codes are persisted (they follow RTS's own enum numbering);
 * {@link #wireName()} is the lower-case form used on input and in RESP3 metadata,
 * {@link #upperName()} the form of TS.INFO rules and auto-rule key names ({@code temp_AVG_60000}).
 */
public enum Aggregator {
    MIN(1, "min"),
    MAX(2, "max"),
    SUM(3, "sum"),
    AVG(4, "avg"),
    COUNT(5, "count"),
    FIRST(6, "first"),
    LAST(7, "last"),
    RANGE(8, "range"),
    STD_P(9, "std.p"),
    STD_S(10, "std.s"),
    VAR_P(11, "var.p"),
    VAR_S(12, "var.s"),
    TWA(13, "twa");

    private static final Aggregator[] BY_CODE = new Aggregator[14];

    static {
        for (Aggregator a : values()) BY_CODE[a.code] = a;
    }

    private final int code;
    private final String wireName;
    private final String upperName;

    Aggregator(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
        this.upperName = wireName.toUpperCase(java.util.Locale.ROOT);
    }

    public int code() { return code; }

    /** Lower case: {@code avg}, {@code std.p}. */
    public String wireName() { return wireName; }

    /** Upper case: {@code AVG}, {@code STD.P}. */
    public String upperName() { return upperName; }

    /** Whether GROUPBY .. REDUCE accepts it (all but first, last and twa). */
    public boolean isReducer() {
        return this != FIRST && this != LAST && this != TWA;
    }

    /**
     * Whether a summary of several samples serves it only when their sums are exact integers
     * (sum, avg and the variances: RTS adds doubles one at a time); the others take any summary.
     */
    public boolean summaryNeedsExactSums() {
        return switch (this) {
            case SUM, AVG, STD_P, STD_S, VAR_P, VAR_S -> true;
            default -> false;
        };
    }

    public static Aggregator ofCode(int code) {
        Aggregator a = code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (a == null) throw new IllegalArgumentException("unknown aggregator code " + code);
        return a;
    }

    /**
     * ASCII case-insensitive lookup of an exact name; null when unknown. (ASCII only, like RTS's
     * {@code tolower}: {@code "ſum"} is not {@code sum}.)
     */
    public static Aggregator parse(CharSequence name) {
        if (name == null) return null;
        for (Aggregator a : values()) {
            if (equalsAsciiIgnoreCase(a.wireName, name)) return a;
        }
        return null;
    }

    private static boolean equalsAsciiIgnoreCase(String lower, CharSequence s) {
        if (lower.length() != s.length()) return false;
        for (int i = 0; i < lower.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') c = (char) (c + ('a' - 'A'));
            if (c != lower.charAt(i)) return false;
        }
        return true;
    }

    /** A fresh aggregation context for this aggregator. */
    public AggregationContext newContext() {
        return switch (this) {
            case MIN, MAX, RANGE -> new MinMaxContext(this);
            case SUM -> new SumContext();
            case COUNT -> new CountContext();
            case AVG -> new AvgContext();
            case FIRST -> new FirstContext();
            case LAST -> new LastContext();
            case STD_P, STD_S, VAR_P, VAR_S -> new VarianceContext(this);
            case TWA -> new TwaContext();
        };
    }
}
