package io.stocktsdb.engine.kline;

/** Reply texts of K-line family errors, each the whole wire text and naming the argument at fault. */
public final class KlineErrors {
    private KlineErrors() {}

    private static final String P = "ERR KLINE: ";

    public static String badTimeframe(String text) {
        return P + "invalid TIMEFRAMES value '" + text + "' (expected e.g. 30s, 1m, 5m, 15m, 1h or 1d; intraday below 24h)";
    }

    public static String duplicateTimeframe(String label) {
        return P + "duplicate TIMEFRAMES value '" + label + "'";
    }

    public static String unknownZone(String zone) {
        return P + "unknown TIMEZONE '" + zone + "' (expected an IANA zone such as Asia/Shanghai or America/New_York)";
    }

    public static String unknownCalendar(String name) {
        return P + "unknown CALENDAR '" + name + "' (built in: " + String.join(", ", TradingCalendar.builtInNames()) + ")";
    }

    public static String badSessions(String text) {
        return P + "invalid SESSIONS '" + text + "' (expected HH:MM-HH:MM[,HH:MM-HH:MM...], each ending after it starts)";
    }

    public static String overlappingSessions(String a, String b) {
        return P + "SESSIONS overlap: " + a + " and " + b;
    }

    public static String badOutside(String text) {
        return P + "invalid OUTSIDE '" + text + "' (expected KEEP or REJECT)";
    }

    public static String familyExists(String family) {
        return P + "family '" + family + "' already exists";
    }

    public static String noFamily(String family) {
        return P + "no such family '" + family + "'";
    }

    public static String noTimeframe(String family, String tf, String has) {
        return P + "family '" + family + "' has no timeframe '" + tf + "' (it has " + has + ")";
    }

    public static String keyMissing(String role, String key) {
        return P + role + " key '" + key + "' does not exist";
    }

    public static String notSeries(String role, String key) {
        return P + role + " key '" + key + "' is not a time series";
    }

    public static String notNumeric(String role, String key) {
        return P + role + " key '" + key + "' does not hold numbers";
    }

    public static String alreadyFeeds(String role, String key, String family) {
        return P + role + " key '" + key + "' already feeds family '" + family + "'";
    }

    public static String isBarSeries(String role, String key) {
        return P + role + " key '" + key + "' is a bar series of a K-line family";
    }

    public static String isRuleDestination(String role, String key) {
        return P + role + " key '" + key + "' is a compaction destination";
    }

    public static String sameKeys() {
        return P + "the PRICE and VOLUME keys must be different";
    }

    public static String barSeriesExists(String key) {
        return P + "bar series '" + key + "' already exists";
    }

    public static String outsideSession(long ts, String family, String calendar) {
        return P + "timestamp " + ts + " is outside the trading sessions of family '" + family + "' (" + calendar + ")";
    }
}
