package io.stocktsdb.engine.kline;

import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradingCalendarTest {
    private static long at(String iso) {
        return ZonedDateTime.parse(iso).toInstant().toEpochMilli();
    }

    private static String bar(TradingCalendar c, String tf, String iso) {
        long[] b = new long[2];
        if (!c.bar(at(iso), Timeframe.parse(tf), b)) return "outside";
        return java.time.Instant.ofEpochMilli(b[0]).atZone(c.zone()) + " .. " + java.time.Instant.ofEpochMilli(b[1]).atZone(c.zone());
    }

    @Test
    void shanghaiHourlyBarsStopAtTheLunchBreak() {
        TradingCalendar sse = TradingCalendar.of("SSE", null, null);
        assertThat(bar(sse, "1h", "2026-12-03T09:30:00+08:00")).isEqualTo("2026-12-03T09:30+08:00[Asia/Shanghai] .. 2026-12-03T10:29:59.999+08:00[Asia/Shanghai]");
        assertThat(bar(sse, "1h", "2026-12-03T11:29:59+08:00")).isEqualTo("2026-12-03T10:30+08:00[Asia/Shanghai] .. 2026-12-03T11:30+08:00[Asia/Shanghai]");
        assertThat(bar(sse, "1h", "2026-12-03T11:30:00+08:00")).startsWith("2026-12-03T10:30+08:00");
        assertThat(bar(sse, "1h", "2026-12-03T12:00:00+08:00")).isEqualTo("outside");
        assertThat(bar(sse, "1h", "2026-12-03T13:00:00+08:00")).startsWith("2026-12-03T13:00+08:00");
        assertThat(bar(sse, "1m", "2026-12-03T15:00:00+08:00")).startsWith("2026-12-03T14:59+08:00");
        assertThat(bar(sse, "1d", "2026-12-03T14:00:00+08:00")).startsWith("2026-12-03T00:00+08:00");
        assertThat(bar(sse, "1m", "2026-12-05T10:00:00+08:00")).as("a Saturday").isEqualTo("outside");
    }

    @Test
    void newYorkDailyBarsFollowDaylightSaving() {
        TradingCalendar nyse = TradingCalendar.of("NYSE", null, null);
        assertThat(bar(nyse, "1d", "2026-03-06T10:00:00-05:00")).startsWith("2026-03-06T00:00-05:00[America/New_York]");
        assertThat(bar(nyse, "1d", "2026-03-09T10:00:00-04:00")).startsWith("2026-03-09T00:00-04:00[America/New_York]");
        assertThat(bar(nyse, "1h", "2026-03-09T15:59:00-04:00")).startsWith("2026-03-09T15:30-04:00");
        TradingCalendar all = TradingCalendar.of(null, "America/New_York", null);
        // 2026-03-08 has 23 hours in New York: its 1d bar ends at the next local midnight.
        assertThat(bar(all, "1d", "2026-03-08T12:00:00-04:00"))
                .isEqualTo("2026-03-08T00:00-05:00[America/New_York] .. 2026-03-08T23:59:59.999-04:00[America/New_York]");
    }

    @Test
    void cachedDaysAnswerAsJavaTimeAcrossDaylightSavingSwitches() {
        // Zones switching at 02:00 (New York, London), at midnight (Havana: local midnight is skipped),
        // by 30 minutes (Lord Howe), and none (Shanghai); sessions inside a switch's gap and overlap too.
        String[][] calendars = {{"NYSE", null, null}, {null, "America/New_York", null}, {null, "Europe/London", "00:30-02:30,09:00-17:00"},
                {null, "America/Havana", "00:00-00:45,10:00-12:00"}, {null, "Australia/Lord_Howe", "01:00-03:00"}, {"SSE", null, null}};
        String[] tfs = {"1m", "7m", "1h", "4h", "1d"};
        long[] fast = new long[4];
        long[] slow = new long[4];
        for (String[] c : calendars) {
            // Two days before to two days after each switch of 2026 (US 03-08 and 11-01, EU 03-29 and 10-25, Lord Howe 04-05 and 10-04).
            for (String from : new String[] {"2026-03-06T00:00:00Z", "2026-03-27T00:00:00Z", "2026-10-23T00:00:00Z", "2026-10-30T00:00:00Z",
                    "2026-04-03T00:00:00Z", "2026-10-02T00:00:00Z"}) {
                TradingCalendar cal = TradingCalendar.of(c[0], c[1], c[2]);
                long start = at(from);
                java.util.Random r = new java.util.Random(start);
                for (long ts = start; ts < start + 4 * 86_400_000L; ts += 60_000 + r.nextInt(600_000)) {
                    for (String tf : tfs) {
                        Timeframe t = Timeframe.parse(tf);
                        boolean a = cal.bar(ts, t, fast);
                        boolean b = cal.barByZone(ts, t, slow);
                        assertThat(a).as(cal.describe() + " " + tf + " at " + ts).isEqualTo(b);
                        if (a) assertThat(fast).as(cal.describe() + " " + tf + " at " + ts).isEqualTo(slow);
                    }
                }
            }
        }
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, TsdbError code, Object... args) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TsdbException.class, e -> {
            assertThat(e.error()).isEqualTo(code);
            assertThat(e.args()).containsExactly(args);
        });
    }

    @Test
    void badInputNamesTheArgument() {
        refused(() -> TradingCalendar.of(null, "Mars/Base", null), TsdbError.KLINE_UNKNOWN_ZONE, "Mars/Base");
        refused(() -> TradingCalendar.of("LSE", null, null), TsdbError.KLINE_UNKNOWN_CALENDAR, "LSE", "SSE, SZSE, HKEX, NYSE, NASDAQ, 24X7");
        refused(() -> TradingCalendar.of(null, null, "09:30-11:30,11:00-12:00"), TsdbError.KLINE_OVERLAPPING_SESSIONS, "09:30-11:30", "11:00-12:00");
        refused(() -> TradingCalendar.of(null, null, "9h-10h"), TsdbError.KLINE_BAD_SESSIONS, "9h-10h");
        refused(() -> TradingCalendar.of(null, null, "11:00-10:00"), TsdbError.KLINE_BAD_SESSIONS, "11:00-10:00");
        refused(() -> Timeframe.parse("7x"), TsdbError.KLINE_BAD_TIMEFRAME, "7x");
        refused(() -> Timeframe.parse("2d"), TsdbError.KLINE_BAD_TIMEFRAME, "2d");
        assertThat(Timeframe.parse("15M")).isEqualTo(new Timeframe("15m", 900_000, false));
    }
}
