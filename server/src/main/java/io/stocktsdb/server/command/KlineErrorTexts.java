package io.stocktsdb.server.command;

import io.stocktsdb.engine.error.TsdbError;

/**
 * The K-line family part of the error table (StockTSDB's own texts): every one starts with
 * {@code ERR KLINE:} and names the argument at fault.
 */
public final class KlineErrorTexts {
    private KlineErrorTexts() {}

    private static final String P = "ERR KLINE: ";

    /** The text of an engine code {@code KLINE_*}. */
    static String of(TsdbError error, Object... a) {
        return switch (error) {
            case KLINE_BAD_TIMEFRAME -> P + "invalid TIMEFRAMES value '" + a[0] + "' (expected e.g. 30s, 1m, 5m, 15m, 1h or 1d; intraday below 24h)";
            case KLINE_DUPLICATE_TIMEFRAME -> duplicateTimeframe(String.valueOf(a[0]));
            case KLINE_UNKNOWN_ZONE -> P + "unknown TIMEZONE '" + a[0] + "' (expected an IANA zone such as Asia/Shanghai or America/New_York)";
            case KLINE_UNKNOWN_CALENDAR -> P + "unknown CALENDAR '" + a[0] + "' (built in: " + a[1] + ")";
            case KLINE_BAD_SESSIONS -> P + "invalid SESSIONS '" + a[0] + "' (expected HH:MM-HH:MM[,HH:MM-HH:MM...], each ending after it starts)";
            case KLINE_OVERLAPPING_SESSIONS -> P + "SESSIONS overlap: " + a[0] + " and " + a[1];
            case KLINE_BAD_OUTSIDE -> P + "invalid OUTSIDE '" + a[0] + "' (expected KEEP or REJECT)";
            case KLINE_FAMILY_EXISTS -> P + "family '" + a[0] + "' already exists";
            case KLINE_NO_FAMILY -> noFamily(String.valueOf(a[0]));
            case KLINE_NO_TIMEFRAME -> noTimeframe(String.valueOf(a[0]), String.valueOf(a[1]), String.valueOf(a[2]));
            case KLINE_KEY_MISSING -> P + a[0] + " key '" + a[1] + "' does not exist";
            case KLINE_NOT_SERIES -> P + a[0] + " key '" + a[1] + "' is not a time series";
            case KLINE_NOT_NUMERIC -> P + a[0] + " key '" + a[1] + "' does not hold numbers";
            case KLINE_ALREADY_FEEDS -> P + a[0] + " key '" + a[1] + "' already feeds family '" + a[2] + "'";
            case KLINE_IS_BAR_SERIES -> P + a[0] + " key '" + a[1] + "' is a bar series of a K-line family";
            case KLINE_IS_RULE_DESTINATION -> P + a[0] + " key '" + a[1] + "' is a compaction destination";
            case KLINE_SAME_KEYS -> P + "the PRICE and VOLUME keys must be different";
            case KLINE_BAR_SERIES_EXISTS -> P + "bar series '" + a[0] + "' already exists";
            case KLINE_OUTSIDE_SESSION -> P + "timestamp " + a[0] + " is outside the trading sessions of family '" + a[1] + "' (" + a[2] + ")";
            default -> throw new IllegalArgumentException("not a K-line code: " + error);
        };
    }

    public static String noFamily(String family) {
        return P + "no such family '" + family + "'";
    }

    public static String noTimeframe(String family, String tf, String has) {
        return P + "family '" + family + "' has no timeframe '" + tf + "' (it has " + has + ")";
    }

    public static String duplicateTimeframe(String label) {
        return P + "duplicate TIMEFRAMES value '" + label + "'";
    }

    public static String unknownArgument(String arg) {
        return P + "unknown argument '" + arg + "'";
    }

    public static String needsValue(String keyword) {
        return P + keyword + " needs a value";
    }

    public static final String LABELS_PAIRS = P + "LABELS needs label value pairs";
    public static final String LABELS_RESERVED = P + "label names starting with 'kline' are reserved";
    public static final String MISSING_PRICE = P + "missing PRICE key";
    public static final String MISSING_TIMEFRAMES = P + "missing TIMEFRAMES (e.g. TIMEFRAMES 1m 5m 1h 1d)";
    public static final String MISSING_FILTER = P + "missing FILTER (e.g. FILTER market=SH)";

    public static String invalidBound(String which, String arg) {
        return P + "invalid " + which + " '" + arg + "'";
    }

    public static String invalidCount(String arg) {
        return P + "invalid COUNT '" + arg + "'";
    }
}
