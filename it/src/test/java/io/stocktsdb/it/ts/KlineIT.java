package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KLINE.*: a family of 1m/5m/1h/1d candles on the Shanghai calendar from a price and a volume
 * series. Ticks (at 2026-11-30, a Monday; 09:30 Shanghai is 1796002200000): 09:30:00 100 x 10,
 * 09:30:30 102 x 5, 09:31:10 99 x 1 (opens the 09:31 bar, closing 09:30's), a lunch-time tick
 * (kept in the ticks, in no bar), then a late 09:30:50 101 x 4 recomputing the closed 09:30 bar.
 */
class KlineIT {
    private static final long T0 = 1796002200000L;

    @TempDir
    Path dir;

    private static void ticks(RawClient c, String p, String v) throws Exception {
        c.call("TS.CREATE", p, "LABELS", "kind", "price");
        c.call("TS.CREATE", v);
        assertThat(c.call("TS.MADD", v, "" + T0, "10", p, "" + T0, "100", v, "" + (T0 + 30_000), "5", p, "" + (T0 + 30_000), "102"))
                .isEqualTo("*4\r\n:" + T0 + "\r\n:" + T0 + "\r\n:" + (T0 + 30_000) + "\r\n:" + (T0 + 30_000) + "\r\n");
    }

    private static String row(long ts, String o, String h, String l, String c, String vol, String turn, long n, String vwap) {
        return "*9\r\n:" + ts + "\r\n+" + o + "\r\n+" + h + "\r\n+" + l + "\r\n+" + c + "\r\n+" + vol + "\r\n+" + turn + "\r\n:" + n
                + "\r\n+" + vwap + "\r\n";
    }

    @Test
    @Covers({"kline.create", "kline.range", "kline.info", "kline.list", "kline.drop"})
    void candlesFollowTicksLateTicksAndTheLunchBreak() throws Exception {
        String f = TsServer.unique("stock:k");
        String p = f + ":px";
        String v = f + ":vol";
        try (RawClient c = TsServer.raw()) {
            ticks(c, p, v);
            assertThat(c.call("KLINE.CREATE", f, "PRICE", p, "VOLUME", v, "TIMEFRAMES", "1m", "1h", "1d", "CALENDAR", "SSE",
                    "LABELS", "sym", f)).isEqualTo("+OK\r\n");
            // One open bar per timeframe, computed from the ticks (backfill wrote nothing closed yet).
            String bar0930 = row(T0, "100", "102", "100", "102", "15", "1510", 2, "100.66666666666667");
            assertThat(c.call("KLINE.RANGE", f, "1m", "-", "+")).isEqualTo("*1\r\n" + bar0930);
            c.call("TS.MADD", v, "" + (T0 + 70_000), "1", p, "" + (T0 + 70_000), "99");
            c.call("TS.ADD", p, "" + (T0 + 3 * 3_600_000L), "50"); // 12:30, lunch break: kept, in no bar
            assertThat(c.call("KLINE.RANGE", f, "1m", "-", "+")).isEqualTo("*2\r\n" + bar0930
                    + row(T0 + 60_000, "99", "99", "99", "99", "1", "99", 1, "99"));
            // A late tick inside the closed 09:30 bar: it is recomputed.
            c.call("TS.MADD", v, "" + (T0 + 50_000), "4", p, "" + (T0 + 50_000), "101");
            assertThat(c.call("KLINE.RANGE", f, "1m", "-", "+", "COUNT", "1"))
                    .isEqualTo("*1\r\n" + row(T0, "100", "102", "100", "101", "19", "1914", 3, "100.73684210526316"));
            assertThat(c.call("TS.RANGE", f + ":1m:close", "-", "+")).isEqualTo("*2\r\n*2\r\n:" + T0 + "\r\n+101\r\n*2\r\n:"
                    + (T0 + 60_000) + "\r\n+99\r\n");
            // The daily bar starts at local midnight (16:00 UTC the day before) and skips the lunch tick.
            assertThat(c.call("KLINE.RANGE", f, "1d", "-", "+"))
                    .isEqualTo("*1\r\n" + row(1795968000000L, "100", "102", "99", "99", "20", "2013", 4, "100.65"));
            assertThat(c.call("KLINE.RANGE", f, "5m", "-", "+"))
                    .isEqualTo("-ERR KLINE: family '" + f + "' has no timeframe '5m' (it has 1m,1h,1d)\r\n");
            assertThat(c.call("KLINE.RANGE", f + "x", "1m", "-", "+")).isEqualTo("-ERR KLINE: no such family '" + f + "x'\r\n");
            assertThat(c.call("KLINE.INFO", f)).isEqualTo("*20\r\n$6\r\nfamily\r\n$" + f.length() + "\r\n" + f
                    + "\r\n$5\r\nprice\r\n$" + p.length() + "\r\n" + p + "\r\n$6\r\nvolume\r\n$" + v.length() + "\r\n" + v
                    + "\r\n$10\r\ntimeframes\r\n*3\r\n$2\r\n1m\r\n$2\r\n1h\r\n$2\r\n1d\r\n$8\r\ncalendar\r\n$3\r\nSSE\r\n"
                    + "$8\r\ntimezone\r\n$13\r\nAsia/Shanghai\r\n$8\r\nsessions\r\n$23\r\n09:30-11:30,13:00-15:00\r\n"
                    + "$7\r\noutside\r\n$4\r\nkeep\r\n$6\r\nlabels\r\n*1\r\n*2\r\n$3\r\nsym\r\n$" + f.length() + "\r\n" + f + "\r\n"
                    + "$9\r\nbarSeries\r\n*3\r\n$" + (f.length() + 5) + "\r\n" + f + ":1m:*\r\n$" + (f.length() + 5) + "\r\n" + f
                    + ":1h:*\r\n$" + (f.length() + 5) + "\r\n" + f + ":1d:*\r\n");
            assertThat(c.call("KLINE.LIST")).contains(f);
            assertThat(c.call("KLINE.DROP", f)).isEqualTo("+OK\r\n");
            assertThat(c.call("EXISTS", f + ":1m:close")).isEqualTo(":0\r\n");
            assertThat(c.call("KLINE.DROP", f)).isEqualTo("-ERR KLINE: no such family '" + f + "'\r\n");
            assertThat(c.call("TS.ADD", p, "" + (T0 + 100_000), "1")).isEqualTo(":" + (T0 + 100_000) + "\r\n");
        }
    }

    @Test
    @Covers({"kline.mrange"})
    void mrangeSelectsFamiliesByLabelsInBothProtocols() throws Exception {
        String t = TsServer.unique("stock:m");
        try (RawClient c = TsServer.raw(); RawClient c3 = TsServer.raw3()) {
            for (String sym : new String[] {"A", "B"}) {
                String p = t + ":" + sym;
                c.call("TS.CREATE", p);
                c.call("TS.ADD", p, "" + T0, sym.equals("A") ? "1.5" : "2");
                c.call("KLINE.CREATE", t + ":" + sym + ":k", "PRICE", p, "TIMEFRAMES", "1m", "CALENDAR", "SSE", "LABELS", "group", t,
                        "sym", sym);
            }
            String a = t + ":A:k";
            String b = t + ":B:k";
            assertThat(c.call("KLINE.MRANGE", "1m", "-", "+", "FILTER", "group=" + t, "sym=A")).isEqualTo("*1\r\n*3\r\n$" + a.length()
                    + "\r\n" + a + "\r\n*0\r\n*1\r\n" + row(T0, "1.5", "1.5", "1.5", "1.5", "0", "0", 1, "NaN"));
            assertThat(c3.call("KLINE.MRANGE", "1m", "-", "+", "WITHLABELS", "FILTER", "group=" + t)).isEqualTo("*2\r\n"
                    + "*3\r\n$" + a.length() + "\r\n" + a + "\r\n%2\r\n$5\r\ngroup\r\n$" + t.length() + "\r\n" + t + "\r\n$3\r\nsym\r\n$1\r\nA\r\n"
                    + "*1\r\n*9\r\n:" + T0 + "\r\n,1.5\r\n,1.5\r\n,1.5\r\n,1.5\r\n,0\r\n,0\r\n:1\r\n,nan\r\n"
                    + "*3\r\n$" + b.length() + "\r\n" + b + "\r\n%2\r\n$5\r\ngroup\r\n$" + t.length() + "\r\n" + t + "\r\n$3\r\nsym\r\n$1\r\nB\r\n"
                    + "*1\r\n*9\r\n:" + T0 + "\r\n,2\r\n,2\r\n,2\r\n,2\r\n,0\r\n,0\r\n:1\r\n,nan\r\n");
            assertThat(c.call("KLINE.MRANGE", "5m", "-", "+", "FILTER", "group=" + t))
                    .isEqualTo("-ERR KLINE: family '" + a + "' has no timeframe '5m' (it has 1m)\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(c.call("KLINE.MRANGE", "1m", "-", "+", "FILTER", "group!=x"))
                    .isEqualTo("-ERR TSDB: please provide at least one matcher\r\n");
        }
    }

    @Test
    void badInputIsRefusedNamingTheArgument() throws Exception {
        String t = TsServer.unique("stock:bad");
        try (RawClient c = TsServer.raw()) {
            c.call("TS.CREATE", t);
            c.call("SET", t + ":str", "x");
            assertThat(c.call("KLINE.CREATE", t + ":k", "PRICE", t + ":str", "TIMEFRAMES", "1m"))
                    .isEqualTo("-ERR KLINE: PRICE key '" + t + ":str' is not a time series\r\n");
            assertThat(c.call("KLINE.CREATE", t + ":k", "PRICE", t + ":none", "TIMEFRAMES", "1m"))
                    .isEqualTo("-ERR KLINE: PRICE key '" + t + ":none' does not exist\r\n");
            assertThat(c.call("KLINE.CREATE", t + ":k", "PRICE", t, "TIMEFRAMES", "1m", "7x")).isEqualTo(
                    "-ERR KLINE: invalid TIMEFRAMES value '7x' (expected e.g. 30s, 1m, 5m, 15m, 1h or 1d; intraday below 24h)\r\n");
            assertThat(c.call("KLINE.CREATE", t + ":k", "PRICE", t, "TIMEFRAMES", "1m", "TIMEZONE", "Mars/Base")).isEqualTo(
                    "-ERR KLINE: unknown TIMEZONE 'Mars/Base' (expected an IANA zone such as Asia/Shanghai or America/New_York)\r\n");
            assertThat(c.call("KLINE.CREATE", t + ":k", "PRICE", t, "TIMEFRAMES", "1m", "SESSIONS", "09:30-11:30,11:00-13:00"))
                    .isEqualTo("-ERR KLINE: SESSIONS overlap: 09:30-11:30 and 11:00-13:00\r\n");
            assertThat(c.call("KLINE.CREATE", t + ":k", "PRICE", t, "TIMEFRAMES", "1m", "CALENDAR", "LSE")).isEqualTo(
                    "-ERR KLINE: unknown CALENDAR 'LSE' (built in: SSE, SZSE, HKEX, NYSE, NASDAQ, 24X7)\r\n");
            assertThat(c.call("KLINE.CREATE", t + ":k", "PRICE", t)).isEqualTo("-ERR wrong number of arguments for 'kline.create' command\r\n");
            assertThat(c.call("KLINE.CREATE", t + ":k", "PRICE", t, "VOLUME", t, "TIMEFRAMES", "1m"))
                    .isEqualTo("-ERR KLINE: the PRICE and VOLUME keys must be different\r\n");
            assertThat(c.call("KLINE.CREATE", t + ":k", "PRICE", t, "TIMEFRAMES", "1m", "CALENDAR", "SSE", "OUTSIDE", "REJECT"))
                    .isEqualTo("+OK\r\n");
            assertThat(c.call("TS.ADD", t, "" + (T0 + 3 * 3_600_000L), "1")).isEqualTo("-ERR KLINE: timestamp " + (T0 + 3 * 3_600_000L)
                    + " is outside the trading sessions of family '" + t + ":k' (SSE, Asia/Shanghai 09:30-11:30,13:00-15:00)\r\n");
            assertThat(c.call("TS.RANGE", t, "-", "+")).isEqualTo("*0\r\n");
            assertThat(c.call("KLINE.CREATE", t + ":k2", "PRICE", t, "TIMEFRAMES", "1m"))
                    .isEqualTo("-ERR KLINE: PRICE key '" + t + "' already feeds family '" + t + ":k'\r\n");
            assertThat(c.call("KLINE.CREATE", t + ":k", "PRICE", t + ":k:1m:close", "TIMEFRAMES", "1m"))
                    .isEqualTo("-ERR KLINE: family '" + t + ":k' already exists\r\n");
        }
    }

    /**
     * Two trading days of ticks (a bar of every timeframe closes, each logged as one BAR_ROW
     * record per bar), late ticks and a deletion, then kill -9: after the restart (checkpoint plus
     * op-log replay) every candle and every bar series reads back byte for byte as before.
     */
    @Test
    void everyBarWrittenBeforeAKill9ReadsBackTheSame() throws Exception {
        Path log = Files.createTempFile(dir, "server", ".log");
        String[] tfs = {"1m", "5m", "1h", "1d"};
        String[] fields = {"open", "high", "low", "close", "volume", "turnover", "count"};
        java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
        try (ServerProcess s = ServerProcess.start(dir.resolve("data"), log, "--appendfsync", "always")) {
            try (RawClient c = new RawClient(s.port())) {
                c.call("TS.CREATE", "stock:Y:px");
                c.call("TS.CREATE", "stock:Y:vol");
                assertThat(c.call("KLINE.CREATE", "stock:Y:k", "PRICE", "stock:Y:px", "VOLUME", "stock:Y:vol", "TIMEFRAMES", "1m", "5m", "1h",
                        "1d", "CALENDAR", "SSE")).isEqualTo("+OK\r\n");
                for (int day = 0; day < 2; day++) {
                    for (int k = 0; k < 240; k++) { // every 60 s through both sessions
                        long ts = T0 + day * 86_400_000L + (k < 120 ? k : k + 90) * 60_000L + 7_000;
                        String px = String.valueOf(100 + (k * 7 % 13) / 10.0);
                        c.call("TS.MADD", "stock:Y:vol", "" + ts, "" + (1 + k % 5), "stock:Y:px", "" + ts, px);
                        if (k == 100) {
                            long late = ts - 2_980_000; // 20 s after the tick of minute 50: recomputes that closed bar
                            assertThat(c.call("TS.MADD", "stock:Y:vol", "" + late, "9", "stock:Y:px", "" + late, "97.5")).startsWith("*2\r\n:");
                            c.call("TS.DEL", "stock:Y:px", "" + (ts - 1_200_000), "" + (ts - 1_000_000));
                        }
                    }
                }
                for (String tf : tfs) {
                    before.put(tf, c.call("KLINE.RANGE", "stock:Y:k", tf, "-", "+"));
                    for (String field : fields) {
                        String key = "stock:Y:k:" + tf + ":" + field;
                        before.put(key, c.call("TS.RANGE", key, "-", "+"));
                    }
                }
                assertThat(before.get("1m")).startsWith("*472\r\n"); // 2 x 240 minutes less the 4 whose ticks were deleted each day
                assertThat(before.get("1d")).startsWith("*2\r\n"); // the first day closed, the second open
            }
            s.kill9();
        }
        try (ServerProcess s = ServerProcess.start(dir.resolve("data"), log); RawClient c = new RawClient(s.port())) {
            for (java.util.Map.Entry<String, String> e : before.entrySet()) {
                String got = e.getKey().contains(":") ? c.call("TS.RANGE", e.getKey(), "-", "+") : c.call("KLINE.RANGE", "stock:Y:k", e.getKey(), "-", "+");
                assertThat(got).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void familiesSurviveKill9() throws Exception {
        Path log = Files.createTempFile(dir, "server", ".log");
        String bar;
        try (ServerProcess s = ServerProcess.start(dir.resolve("data"), log, "--appendfsync", "always")) {
            try (RawClient c = new RawClient(s.port())) {
                ticks(c, "stock:X:px", "stock:X:vol");
                c.call("KLINE.CREATE", "stock:X:k", "PRICE", "stock:X:px", "VOLUME", "stock:X:vol", "TIMEFRAMES", "1m", "CALENDAR", "SSE");
                c.call("TS.MADD", "stock:X:vol", "" + (T0 + 70_000), "1", "stock:X:px", "" + (T0 + 70_000), "99");
                bar = c.call("KLINE.RANGE", "stock:X:k", "1m", "-", "+");
                assertThat(bar).startsWith("*2\r\n");
            }
            s.kill9();
        }
        try (ServerProcess s = ServerProcess.start(dir.resolve("data"), log); RawClient c = new RawClient(s.port())) {
            assertThat(c.call("KLINE.RANGE", "stock:X:k", "1m", "-", "+")).isEqualTo(bar);
            c.call("TS.MADD", "stock:X:vol", "" + (T0 + 130_000), "2", "stock:X:px", "" + (T0 + 130_000), "98");
            assertThat(c.call("TS.RANGE", "stock:X:k:1m:close", "-", "+")).isEqualTo("*2\r\n*2\r\n:" + T0 + "\r\n+102\r\n*2\r\n:"
                    + (T0 + 60_000) + "\r\n+99\r\n");
        }
    }
}
