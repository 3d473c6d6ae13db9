package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A business type's calendar in the config: K-line families on its ticks start from it unless
 * KLINE.CREATE names CALENDAR, TIMEZONE or SESSIONS; other businesses keep the 24X7 default.
 */
class KlineBusinessCalendarIT {
    private static final String TYPES = "[{\"name\":\"ashare\",\"prefix\":\"ashare:\",\"calendar\":\"SSE\"},"
            + "{\"name\":\"hk\",\"prefix\":\"hk:\",\"calendar\":\"HKEX\",\"sessions\":\"09:30-12:00\"}]";
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(ConfigFields.BUSINESS_TYPES, TYPES); }

    @AfterAll
    static void stop() { server.close(); }

    /** The calendar, timezone and sessions fields of KLINE.INFO (RESP2, fields 9 to 14). */
    private static String calendarOf(RawClient c, String family) throws Exception {
        String info = c.call("KLINE.INFO", family);
        int from = info.indexOf("$8\r\ncalendar\r\n");
        int to = info.indexOf("$7\r\noutside\r\n");
        return info.substring(from, to);
    }

    private static String calendar(String name, String zone, String sessions) {
        return "$8\r\ncalendar\r\n$" + name.length() + "\r\n" + name + "\r\n$8\r\ntimezone\r\n$" + zone.length() + "\r\n" + zone
                + "\r\n$8\r\nsessions\r\n$" + sessions.length() + "\r\n" + sessions + "\r\n";
    }

    private static void family(RawClient c, String tick, String... calendarArgs) throws Exception {
        assertThat(c.call("TS.CREATE", tick + ":px")).isEqualTo("+OK\r\n");
        String[] args = new String[6 + calendarArgs.length];
        String[] head = {"KLINE.CREATE", tick + ":k", "PRICE", tick + ":px", "TIMEFRAMES", "1m"};
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(calendarArgs, 0, args, head.length, calendarArgs.length);
        assertThat(c.call(args)).isEqualTo("+OK\r\n");
    }

    @Test
    void familiesStartFromTheirBusinessCalendar() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            family(c, "ashare:600000");
            assertThat(calendarOf(c, "ashare:600000:k")).isEqualTo(calendar("SSE", "Asia/Shanghai", "09:30-11:30,13:00-15:00"));
            family(c, "hk:0700");
            assertThat(calendarOf(c, "hk:0700:k")).isEqualTo(calendar("HKEX+custom", "Asia/Hong_Kong", "09:30-12:00"));
            // A tick of the lunch break on the business calendar is in no bar: 2026-11-30 12:30 Shanghai.
            c.call("TS.ADD", "ashare:600000:px", "1796013000000", "10");
            assertThat(c.call("KLINE.RANGE", "ashare:600000:k", "1m", "-", "+")).isEqualTo("*0\r\n");
        }
    }

    @Test
    void configGetPrintsTheCalendarsAsTheFileTakesThem() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            String json = "[{\"name\":\"ashare\",\"prefix\":\"ashare:\",\"calendar\":\"SSE\"},"
                    + "{\"name\":\"hk\",\"prefix\":\"hk:\",\"calendar\":\"HKEX\",\"sessions\":\"09:30-12:00\"}]";
            assertThat(c.call("CONFIG", "GET", "business-types"))
                    .isEqualTo("*2\r\n$14\r\nbusiness-types\r\n$" + json.length() + "\r\n" + json + "\r\n");
        }
    }

    @Test
    void theCommandsCalendarWinsAndOtherBusinessesKeepTheDefault() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            family(c, "ashare:000001", "CALENDAR", "NYSE");
            assertThat(calendarOf(c, "ashare:000001:k")).isEqualTo(calendar("NYSE", "America/New_York", "09:30-16:00"));
            family(c, "ashare:000002", "TIMEZONE", "Asia/Tokyo");
            assertThat(calendarOf(c, "ashare:000002:k")).isEqualTo(calendar("custom", "Asia/Tokyo", ""));
            family(c, "stock:AAPL");
            assertThat(calendarOf(c, "stock:AAPL:k")).isEqualTo(calendar("24X7", "UTC", ""));
        }
    }
}
