package io.stocktsdb.engine.kline;

import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.series.Series;

/**
 * Reads the candles of one family and timeframe: the stored (closed) bars from the seven bar
 * series, then the open bar computed from the ticks, within {@code [from, to]}, at most
 * {@code count} (negative: all). Each bar series is read in one pass into a column (no per-row
 * cursor juggling), then the columns are joined by timestamp. One reader per query, reused for
 * every family it reads (its columns grow to the longest range and stay).
 */
public final class CandleReader {
    private static final int FIELDS = BarField.ALL.length;
    private final long[][] ts = new long[FIELDS][64];
    private final double[][] values = new double[FIELDS][64];
    private final int[] size = new int[FIELDS];

    /** Sends the candles to {@code sink}; returns how many were sent. */
    public int candles(KlineFamily f, Timeframe tf, long from, long to, long count, CandleSink sink) {
        long openStart = f.openBarStart(tf);
        long storedTo = openStart == Long.MIN_VALUE ? to : Math.min(to, openStart - 1);
        int sent = stored(f, tf, from, storedTo, count, sink);
        // The open bar is computed from the ticks only when the range reaches it.
        if (openStart == Long.MIN_VALUE || openStart < from || openStart > to || (count >= 0 && sent >= count)) return sent;
        Bar open = f.openBar(tf);
        if (open == null || open.timestamp() < from || open.timestamp() > to) return sent;
        sink.candle(open.timestamp(), open.open(), open.high(), open.low(), open.close(), open.volume(), open.turnover(), open.count());
        return sent + 1;
    }

    private int stored(KlineFamily f, Timeframe tf, long from, long to, long count, CandleSink sink) {
        if (from > to) return 0;
        Series[] bars = f.barSeries(tf);
        if (bars == null) return 0;
        int close = BarField.CLOSE.ordinal();
        int sent = 0;
        long lo = from;
        while (true) {
            // With COUNT, only as many closes as still wanted are read (a bar needs its close);
            // more are read only when a bar turned out incomplete.
            int want = count < 0 ? Integer.MAX_VALUE : (int) Math.min(count - sent, Integer.MAX_VALUE);
            read(close, bars[close], lo, to, want);
            if (size[close] == 0) return sent;
            long last = ts[close][size[close] - 1];
            for (int i = 0; i < FIELDS; i++) if (i != close) read(i, bars[i], lo, last, Integer.MAX_VALUE);
            sent += join(sink);
            if (count < 0 || sent >= count || size[close] < want || last == Long.MAX_VALUE) return sent;
            lo = last + 1;
        }
    }

    /** Sends the bars present in all seven columns: they are written together, a sample a user deleted drops only that bar. */
    private int join(CandleSink sink) {
        int close = BarField.CLOSE.ordinal();
        long[] closeTs = ts[close];
        double[] o = values[0], h = values[1], l = values[2], c = values[3], v = values[4], t = values[5], n = values[6];
        int[] at = new int[FIELDS];
        int sent = 0;
        for (int r = 0; r < size[close]; r++) {
            long bar = closeTs[r];
            boolean complete = true;
            for (int i = 0; i < FIELDS && complete; i++) {
                if (i == close) continue;
                long[] column = ts[i];
                int j = at[i];
                while (j < size[i] && column[j] < bar) j++;
                at[i] = j;
                complete = j < size[i] && column[j] == bar;
            }
            if (!complete) continue;
            sink.candle(bar, o[at[0]], h[at[1]], l[at[2]], c[r], v[at[4]], t[at[5]], (long) n[at[6]]);
            sent++;
        }
        return sent;
    }

    /** Reads at most {@code max} samples of {@code s} in {@code [from, to]} into column {@code i}. */
    private void read(int i, Series s, long from, long to, int max) {
        SampleCursor cursor = s.range(from, to, true);
        long[] t = ts[i];
        double[] v = values[i];
        int n = 0;
        while (n < max && cursor.next()) {
            if (n == t.length) {
                t = ts[i] = java.util.Arrays.copyOf(t, n * 2);
                v = values[i] = java.util.Arrays.copyOf(v, n * 2);
            }
            t[n] = cursor.timestamp();
            v[n] = cursor.doubleValue();
            n++;
        }
        size[i] = n;
    }
}
