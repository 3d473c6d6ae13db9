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
