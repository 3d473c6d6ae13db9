package io.stocktsdb.engine.kline;

import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesInternals;

/**
 * The bar of one timeframe that appended ticks are filling, accumulated tick by tick in time
 * order (the order {@link BarComputer} reads them in, so the sums are bit-identical): closing it
 * then needs no read of the ticks. Volumes may come just before or just after their price tick.
 * Anything else (a late tick, a deletion, a late volume of an older tick) makes it unusable until
 * the next bar begins, and that bar is computed from the ticks as before. Guarded by the price
 * series' lock.
 */
final class RunningBar {
    private boolean valid;
    private long start;
    private long end;
    /** Daily bars: the session windows a tick must fall in (null: every tick of the bar counts). */
    private long[] windows;
    /** Index in {@link #windows} of the window the newest tick was looked for from. */
    private int window;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;
    private double turnover;
    private long count;
    /** The newest tick added: its quantity may arrive after it (a volume written after its price). */
    private long lastTs;
    private double lastPrice;
    private boolean lastCounted;
    private boolean lastHasQuantity;

    /** Starts an empty bar {@code [start, end]}. */
    void begin(long start, long end, long[] windows) {
        this.valid = true;
        this.start = start;
        this.end = end;
        this.windows = windows;
        this.window = 0;
        this.high = Double.NEGATIVE_INFINITY;
        this.low = Double.POSITIVE_INFINITY;
        this.volume = 0;
        this.turnover = 0;
        this.count = 0;
        this.lastTs = Long.MIN_VALUE;
    }

    boolean holds(long barStart) {
        return valid && start == barStart;
    }

    /** Adds a tick appended after every tick of the bar, with its volume sample's quantity when it has one. */
    void add(long ts, double price, boolean hasQuantity, double quantity) {
        lastTs = ts;
        lastPrice = price;
        lastHasQuantity = hasQuantity;
        lastCounted = windows == null || inWindows(ts);
        if (!lastCounted) return;
        if (count == 0) open = price;
        if (price > high) high = price;
        if (price < low) low = price;
        close = price;
        count++;
        if (hasQuantity) {
            volume += quantity;
            turnover += price * quantity;
        }
    }

    /**
     * Whether {@code ts} falls in one of the windows: as {@link BarComputer#inside}, starting from
     * the window of the previous tick (ticks are added in time order, windows are sorted).
     */
    private boolean inWindows(long ts) {
        for (int i = window; i < windows.length; i += 2) {
            if (ts < windows[i]) return false;
            if (ts <= windows[i + 1]) {
                window = i;
                return true;
            }
        }
        return false;
    }

    /**
     * A volume written at {@code [from, to]}: when it is the quantity of the newest tick, which had
     * none, it is added (the same sums in the same order as a read of the ticks) and true is
     * returned; otherwise false, and the caller forgets the bar if the change touches it.
     */
    boolean quantityOfLastTick(long from, long to, Series volumeSeries) {
        if (!valid || from != to || from != lastTs || lastHasQuantity || volumeSeries == null) return false;
        double quantity = SeriesInternals.newestValueAt(volumeSeries, from);
        if (Double.isNaN(quantity)) return false;
        lastHasQuantity = true;
        if (lastCounted) {
            volume += quantity;
            turnover += lastPrice * quantity;
        }
        return true;
    }

    /** Forgets the bar when {@code [from, to]} touches it. */
    void invalidate(long from, long to) {
        if (valid && from <= end && to >= start) valid = false;
    }

    void invalidate() {
        valid = false;
    }

    /** The bar (null when no tick counted), valid only when {@link #holds} its start. */
    Bar bar() {
        return count == 0 ? null : new Bar(start, open, high, low, close, volume, turnover, count);
    }
}
