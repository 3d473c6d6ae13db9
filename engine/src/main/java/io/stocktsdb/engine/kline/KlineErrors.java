package io.stocktsdb.engine.kline;

import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;

/** The refusals of K-line families, as codes with the arguments their texts name (texts: the server's command/Errors). */
final class KlineErrors {
    private KlineErrors() {}

    static TsdbException badTimeframe(String text) { return new TsdbException(TsdbError.KLINE_BAD_TIMEFRAME, text); }

    static TsdbException unknownZone(String zone) { return new TsdbException(TsdbError.KLINE_UNKNOWN_ZONE, zone); }

    static TsdbException unknownCalendar(String name) {
        return new TsdbException(TsdbError.KLINE_UNKNOWN_CALENDAR, name, String.join(", ", TradingCalendar.builtInNames()));
    }

    static TsdbException badSessions(String text) { return new TsdbException(TsdbError.KLINE_BAD_SESSIONS, text); }

    static TsdbException overlappingSessions(String a, String b) { return new TsdbException(TsdbError.KLINE_OVERLAPPING_SESSIONS, a, b); }

    static TsdbException badOutside(String text) { return new TsdbException(TsdbError.KLINE_BAD_OUTSIDE, text); }

    static TsdbException familyExists(String family) { return new TsdbException(TsdbError.KLINE_FAMILY_EXISTS, family); }

    static TsdbException keyMissing(String role, String key) { return new TsdbException(TsdbError.KLINE_KEY_MISSING, role, key); }

    static TsdbException notSeries(String role, String key) { return new TsdbException(TsdbError.KLINE_NOT_SERIES, role, key); }

    static TsdbException notNumeric(String role, String key) { return new TsdbException(TsdbError.KLINE_NOT_NUMERIC, role, key); }

    static TsdbException alreadyFeeds(String role, String key, String family) {
        return new TsdbException(TsdbError.KLINE_ALREADY_FEEDS, role, key, family);
    }

    static TsdbException isBarSeries(String role, String key) { return new TsdbException(TsdbError.KLINE_IS_BAR_SERIES, role, key); }

    static TsdbException isRuleDestination(String role, String key) {
        return new TsdbException(TsdbError.KLINE_IS_RULE_DESTINATION, role, key);
    }

    static TsdbException sameKeys() { return new TsdbException(TsdbError.KLINE_SAME_KEYS); }

    static TsdbException barSeriesExists(String key) { return new TsdbException(TsdbError.KLINE_BAR_SERIES_EXISTS, key); }

    static TsdbException outsideSession(long ts, String family, String calendar) {
        return new TsdbException(TsdbError.KLINE_OUTSIDE_SESSION, ts, family, calendar);
    }
}
