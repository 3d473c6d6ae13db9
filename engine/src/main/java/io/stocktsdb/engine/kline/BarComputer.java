package io.stocktsdb.engine.kline;

import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.series.Series;

/** Computes a bar from the raw ticks of its interval: prices merge-joined with volumes by timestamp. */
final class BarComputer {
    private BarComputer() {}

    /**
     * The bar of ticks in {@code [start, end]} that fall in one of {@code windows} (pairs of first
     * and last millisecond; null: all), or null when there is no such price tick.
     */
    static Bar compute(Series price, Series volume, long start, long end, long[] windows) {
        SampleCursor p = SeriesInternals.rawRange(price, start, end);
        SampleCursor v = volume == null ? null : SeriesInternals.rawRange(volume, start, end);
        boolean vHas = v != null && v.next();
        double open = 0, high = Double.NEGATIVE_INFINITY, low = Double.POSITIVE_INFINITY, close = 0, vol = 0, turnover = 0;
        long count = 0;
        while (p.next()) {
            long ts = p.timestamp();
            if (windows != null && !inside(windows, ts)) continue;
            double px = p.doubleValue();
            if (count == 0) open = px;
            if (px > high) high = px;
            if (px < low) low = px;
            close = px;
            count++;
            while (vHas && v.timestamp() < ts) vHas = v.next();
            if (vHas && v.timestamp() == ts) {
                double q = v.doubleValue();
                vol += q;
                turnover += px * q;
            }
        }
        return count == 0 ? null : new Bar(start, open, high, low, close, vol, turnover, count);
    }

    static boolean inside(long[] windows, long ts) {
        for (int i = 0; i < windows.length; i += 2) if (ts >= windows[i] && ts <= windows[i + 1]) return true;
        return false;
    }
}
