package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.kline.Bar;
import io.stocktsdb.engine.kline.BarField;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.engine.kline.KlineFamily;
import io.stocktsdb.engine.kline.Timeframe;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.series.Series;

/**
 * Reads candles of one family and timeframe: the stored (closed) bars zipped from the seven bar
 * series, then the open bar computed from the ticks, within {@code [from, to]}, at most
 * {@code count} (negative: all). Candles go straight to a {@link CandleSink}: a day of minute bars
 * for hundreds of instruments is never materialized as objects.
 */
public final class KlineQuery {
    private KlineQuery() {}

    /** Receives candles in time order. */
    public interface CandleSink {
        void candle(long timestamp, double open, double high, double low, double close, double volume, double turnover, long count);
    }

    public static Timeframe timeframe(KlineFamily f, String label) {
        Timeframe tf = f.spec().timeframe(label);
        if (tf == null) throw new CommandException(Errors.klineNoTimeframe(f.spec().name(), label, f.spec().timeframesText()));
        return tf;
    }

    /** Sends the candles to {@code sink}; returns how many were sent. */
    public static int candles(Keyspace keyspace, KlineFamily f, Timeframe tf, long from, long to, long count, CandleSink sink) {
        long openStart = f.openBarStart(tf);
        long storedTo = openStart == Long.MIN_VALUE ? to : Math.min(to, openStart - 1);
        int sent = stored(keyspace, f, tf, from, storedTo, count, sink);
        // The open bar is computed from the ticks only when the range reaches it.
        if (openStart == Long.MIN_VALUE || openStart < from || openStart > to || (count >= 0 && sent >= count)) return sent;
        Bar open = f.openBar(tf);
        if (open == null || open.timestamp() < from || open.timestamp() > to) return sent;
        sink.candle(open.timestamp(), open.open(), open.high(), open.low(), open.close(), open.volume(), open.turnover(), open.count());
        return sent + 1;
    }

    private static int stored(Keyspace keyspace, KlineFamily f, Timeframe tf, long from, long to, long count, CandleSink sink) {
        if (from > to) return 0;
        SampleCursor[] c = new SampleCursor[BarField.values().length];
        for (BarField field : BarField.values()) {
            Series s = seriesOrNull(keyspace, f, tf, field);
            if (s == null) return 0;
            c[field.ordinal()] = s.range(from, to, true);
        }
        double[] v = new double[c.length];
        boolean[] has = new boolean[c.length];
        for (int i = 0; i < c.length; i++) has[i] = c[i].next();
        int close = BarField.CLOSE.ordinal();
        int sent = 0;
        while ((count < 0 || sent < count) && has[close]) {
            long ts = c[close].timestamp();
            boolean complete = true;
            for (int i = 0; i < c.length; i++) {
                // The seven series are written together; a sample a user deleted only drops that bar.
                while (has[i] && c[i].timestamp() < ts) has[i] = c[i].next();
                if (!has[i] || c[i].timestamp() != ts) {
                    complete = false;
                    continue;
                }
                v[i] = c[i].doubleValue();
            }
            if (complete) {
                sink.candle(ts, v[0], v[1], v[2], v[3], v[4], v[5], (long) v[6]);
                sent++;
            }
            has[close] = c[close].next();
        }
        return sent;
    }

    private static Series seriesOrNull(Keyspace keyspace, KlineFamily f, Timeframe tf, BarField field) {
        try {
            return keyspace.getSeries(f.barKey(tf, field));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
