package io.stocktsdb.server.csv;

import io.stocktsdb.server.client.CommandWriter;
import io.stocktsdb.server.client.RespConnection;
import io.stocktsdb.server.client.RespError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Exports the result of a query as CSV: the series matching a label filter (raw samples, or
 * aggregated with TS.RANGE's AGGREGATION, several aggregators allowed), or the candles of the
 * K-line families matching it. One row per sample, bucket or candle, keyed by series or family:
 * {@code key,timestamp,value} / {@code key,timestamp,<agg>...} /
 * {@code family,timestamp,open,high,low,close,volume,turnover,count,vwap}.
 */
public final class QueryExporter {
    private static final int TIMEOUT_MS = 120_000;
    private static final int PIPELINE = 64;

    /**
     * @param aggregation null for raw samples, else TS.RANGE's aggregator list ({@code avg}, {@code first,max,min,last})
     * @param candles     a K-line timeframe ({@code 1m}): export the candles of the matching families instead
     */
    public record Query(List<String> filter, String aggregation, long bucketMs, String candles, long from, long to,
                        TimestampFormat timestamps, String host, int port, String password) {}

    private final Query q;
    private volatile long rows;
    private volatile long done;
    private volatile long total = 1;

    public QueryExporter(Query q) {
        this.q = q;
    }

    public long rows() { return rows; }

    /** Series or families exported so far, and how many there are (for the progress bar). */
    public long done() { return done; }

    public long total() { return total; }

    public long run(Appendable out) throws IOException {
        try (RespConnection c = RespConnection.open(q.host(), q.port(), q.password(), TIMEOUT_MS);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            if (q.candles() != null) candles(c, csv); else series(c, csv);
            csv.flush();
        }
        return rows;
    }

    private String from() { return q.from() == Long.MIN_VALUE ? "-" : Long.toString(q.from()); }

    private String to() { return q.to() == Long.MAX_VALUE ? "+" : Long.toString(q.to()); }

    private static List<?> list(Object reply, String what) throws IOException {
        if (reply instanceof RespError e) throw new IOException(what + ": " + e.message());
        return (List<?>) reply;
    }

    private void series(RespConnection c, CSVPrinter csv) throws IOException {
        List<String> args = new ArrayList<>(List.of("TS.QUERYINDEX"));
        args.addAll(q.filter());
        List<String> keys = new ArrayList<>();
        for (Object k : list(c.call(args.toArray(String[]::new)), "TS.QUERYINDEX")) keys.add((String) k);
        keys.sort(null);
        total = Math.max(1, keys.size());
        List<Object> header = new ArrayList<>(List.of("key", "timestamp"));
        if (q.aggregation() == null) header.add("value"); else header.addAll(List.of(q.aggregation().split(",")));
        csv.printRecord(header);
        for (int i = 0; i < keys.size(); i += PIPELINE) {
            List<String> group = keys.subList(i, Math.min(keys.size(), i + PIPELINE));
            CommandWriter w = new CommandWriter(4096);
            for (String key : group) {
                if (q.aggregation() == null) {
                    w.begin(4).arg("TS.RANGE").arg(key).arg(from()).arg(to());
                } else {
                    w.begin(7).arg("TS.RANGE").arg(key).arg(from()).arg(to()).arg("AGGREGATION").arg(q.aggregation())
                            .arg(Long.toString(q.bucketMs()));
                }
            }
            c.send(w);
            c.flush();
            for (String key : group) {
                for (Object s : list(c.replies().read(), "TS.RANGE " + key)) {
                    List<?> sample = (List<?>) s;
                    List<Object> row = new ArrayList<>(sample.size() + 1);
                    row.add(key);
                    row.add(q.timestamps().format((Long) sample.get(0)));
                    for (int j = 1; j < sample.size(); j++) row.add(String.valueOf(sample.get(j)));
                    csv.printRecord(row);
                    rows++;
                }
                done++;
            }
        }
    }

    private void candles(RespConnection c, CSVPrinter csv) throws IOException {
        List<String> args = new ArrayList<>(List.of("KLINE.MRANGE", q.candles(), "0", "-1", "FILTER"));
        args.addAll(q.filter());
        List<String> families = new ArrayList<>();
        for (Object f : list(c.call(args.toArray(String[]::new)), "KLINE.MRANGE")) families.add((String) ((List<?>) f).get(0));
        total = Math.max(1, families.size());
        csv.printRecord("family", "timestamp", "open", "high", "low", "close", "volume", "turnover", "count", "vwap");
        for (String family : families) {
            for (Object r : list(c.call("KLINE.RANGE", family, q.candles(), from(), to()), "KLINE.RANGE " + family)) {
                List<?> bar = (List<?>) r;
                List<Object> row = new ArrayList<>(10);
                row.add(family);
                row.add(q.timestamps().format((Long) bar.get(0)));
                for (int j = 1; j < bar.size(); j++) row.add(String.valueOf(bar.get(j)));
                csv.printRecord(row);
                rows++;
            }
            done++;
        }
    }
}
