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

import java.util.ArrayList;
import java.util.List;

/**
 * Reads candles of one family and timeframe: the stored (closed) bars zipped from the seven bar
 * series, then the open bar computed from the ticks, within {@code [from, to]}, at most
 * {@code count} (negative: all).
 */
public final class KlineQuery {
    private KlineQuery() {}

    public static Timeframe timeframe(KlineFamily f, String label) {
        Timeframe tf = f.spec().timeframe(label);
        if (tf == null) throw new CommandException(Errors.klineNoTimeframe(f.spec().name(), label, f.spec().timeframesText()));
        return tf;
    }

    public static List<Bar> candles(Keyspace keyspace, KlineFamily f, Timeframe tf, long from, long to, long count) {
        Bar open = f.openBar(tf);
        long storedTo = open == null ? to : Math.min(to, open.timestamp() - 1);
        List<Bar> out = new ArrayList<>();
        SampleCursor[] c = new SampleCursor[BarField.values().length];
        for (BarField field : BarField.values()) {
            Series s = seriesOrNull(keyspace, f, tf, field);
            if (s == null) return withOpen(out, open, from, to, count);
            c[field.ordinal()] = s.range(from, storedTo, true);
        }
        double[] v = new double[c.length];
        boolean[] has = new boolean[c.length];
        for (int i = 0; i < c.length; i++) has[i] = c[i].next();
        int close = BarField.CLOSE.ordinal();
        while ((count < 0 || out.size() < count) && has[close]) {
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
            if (complete) out.add(new Bar(ts, v[0], v[1], v[2], v[3], v[4], v[5], (long) v[6]));
            has[close] = c[close].next();
        }
        return withOpen(out, open, from, to, count);
    }

    private static List<Bar> withOpen(List<Bar> out, Bar open, long from, long to, long count) {
        if (open != null && open.timestamp() >= from && open.timestamp() <= to && (count < 0 || out.size() < count)) out.add(open);
        return out;
    }

    private static Series seriesOrNull(Keyspace keyspace, KlineFamily f, Timeframe tf, BarField field) {
        try {
            return keyspace.getSeries(f.barKey(tf, field));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
