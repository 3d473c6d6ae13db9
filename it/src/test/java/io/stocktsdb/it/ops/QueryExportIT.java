package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.boot.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --filter}: a query's result as CSV (raw, aggregated, candles) through the real CLI. */
class QueryExportIT {
    private static TestServer server;
    private static final long T0 = 1796002200000L; // 2026-11-30 09:30 Shanghai

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        try (RawClient c = new RawClient(server.port())) {
            for (String s : List.of("A", "B")) {
                c.call("TS.CREATE", "stock:" + s + ":px", "LABELS", "market", "SH", "sym", s);
                c.call("TS.CREATE", "stock:" + s + ":vol");
                for (int i : new int[] {0, 20, 61}) {
                    long ts = T0 + i * 1000L;
                    c.call("TS.MADD", "stock:" + s + ":vol", "" + ts, "10", "stock:" + s + ":px", "" + ts, "" + (100 + i % 7));
                }
                c.call("KLINE.CREATE", "stock:" + s + ":k", "PRICE", "stock:" + s + ":px", "VOLUME", "stock:" + s + ":vol",
                        "TIMEFRAMES", "1m", "CALENDAR", "SSE", "LABELS", "market", "SH", "sym", s);
            }
        }
    }

    @AfterAll
    static void stop() { server.close(); }

    record Run(int exit, String out, String err) {}

    private static Run export(String... args) {
        List<String> a = new ArrayList<>(List.of("export", "--port", String.valueOf(server.port())));
        a.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(a.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void candlesOfTheMatchingFamilies() {
        Run r = export("--filter", "market=SH", "--candles", "1m", "--time-format", "iso", "--timezone", "Asia/Shanghai");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("family,timestamp,open,high,low,close,volume,turnover,count,vwap\n"
                + "stock:A:k,2026-11-30T09:30:00+08:00,100,106,100,106,20,2060,2,103\n"
                + "stock:A:k,2026-11-30T09:31:00+08:00,105,105,105,105,10,1050,1,105\n"
                + "stock:B:k,2026-11-30T09:30:00+08:00,100,106,100,106,20,2060,2,103\n"
                + "stock:B:k,2026-11-30T09:31:00+08:00,105,105,105,105,10,1050,1,105\n");
    }

    @Test
    void aggregatedAndRawSeriesToAFileWithProgress() throws Exception {
        Run r = export("--filter", "sym=A", "kline=", "--aggregation", "first,max,min,last,count", "--bucket", "60000");
        assertThat(r.out()).isEqualTo("key,timestamp,first,max,min,last,count\n"
                + "stock:A:px," + T0 + ",100,106,100,106,2\n"
                + "stock:A:px," + (T0 + 60_000) + ",105,105,105,105,1\n");
        Path file = dir.resolve("raw.csv");
        r = export("--filter", "sym=B", "kline=", "--file", file.toString(), "--progress", "lines");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEqualTo("exported 3 rows to " + file + "\n");
        assertThat(Files.readString(file)).isEqualTo("key,timestamp,value\nstock:B:px," + T0 + ",100\nstock:B:px," + (T0 + 20_000)
                + ",106\nstock:B:px," + (T0 + 61_000) + ",105\n");
    }

    @Test
    void badCombinationsAreRefused() {
        assertThat(export("--aggregation", "avg").err()).isEqualTo("stocktsdb export: give --business NAME, or --filter EXPR for a query\n");
        assertThat(export("--filter", "a=b", "--aggregation", "avg").err())
                .isEqualTo("stocktsdb export: --aggregation needs a positive --bucket (and not --candles)\n");
        assertThat(export("--filter", "a=b", "--business", "stock_quotes").err())
                .isEqualTo("stocktsdb export: --business and --filter exclude each other\n");
        Run r = export("--filter", "market=SH", "--candles", "2m");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("stocktsdb export: KLINE.MRANGE: ERR KLINE: family 'stock:A:k' has no timeframe '2m' (it has 1m)\n");
    }
}
