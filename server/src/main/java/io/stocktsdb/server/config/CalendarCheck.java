package io.stocktsdb.server.config;

import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.kline.TradingCalendar;

/** Start-up validation of a business type's K-line calendar defaults, in the config's own words. */
final class CalendarCheck {
    private CalendarCheck() {}

    /** What is wrong with the combination, or null when K-line families could use it. */
    static String problem(String calendar, String timezone, String sessions) {
        if (calendar == null && timezone == null && sessions == null) return null;
        try {
            TradingCalendar.of(calendar, timezone, sessions);
            return null;
        } catch (TsdbException e) {
            return switch (e.error()) {
                case KLINE_UNKNOWN_CALENDAR -> "unknown calendar '" + calendar + "' (built in: " + String.join(", ", TradingCalendar.builtInNames()) + ")";
                case KLINE_UNKNOWN_ZONE -> "unknown timezone '" + timezone + "' (expected an IANA zone such as Asia/Shanghai)";
                case KLINE_OVERLAPPING_SESSIONS -> "sessions '" + sessions + "' overlap";
                default -> "invalid sessions '" + sessions + "' (expected HH:MM-HH:MM[,HH:MM-HH:MM...], each ending after it starts)";
            };
        }
    }
}
