package io.stocktsdb.engine.kline;

import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.series.BarWrites;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.TickHook;

/**
 * A running K-line family: keeps its bar series equal to the bars computed from the tick series,
 * the way compaction rules keep their destinations (package {@code rules}): closed bars are
 * written when a tick of a later bar arrives, and a late or corrected tick, a deleted range or a
 * late volume recomputes the bars it falls in from the raw ticks. The still-open bar (the one
 * holding the last tick) is not stored: reads compute it from the ticks ({@link #openBar}).
 *
 * <p>The family keeps no state of its own beyond a per-timeframe cache of the last bar looked up
 * and the running bar of the appended ticks ({@link RunningBar}; both guarded by the price series'
 * lock, both rebuilt from nothing after a restart), so its persisted form is just its definition.
 */
public final class KlineFamily implements TickHook {
    private final KlineSpec spec;
    private final Keyspace keyspace;
    private final Timeframe[] tfs;
    private final Key[][] barKeys;
    /** Per timeframe: the last bar looked up (start, end) and the timestamps known to fall in it. */
    private final long[][] cache;
    private final long[] scratch = new long[2];
    /** The bars of the tick written and of the previous last tick (hook only: the price series' lock is held). */
    private final long[] tsBar = new long[2];
    private final long[] other = new long[2];
    /** Per timeframe: the bar appended ticks are filling, so that closing it reads no ticks. */
    private final RunningBar[] running;
    /** Per timeframe and field: the bar series (queries and bar writes skip the keyspace while they stay). */
    private final SeriesRef[][] barRefs;
    private final SeriesRef priceRef;
    private final SeriesRef volumeRef;
    /** OUTSIDE REJECT (read on every tick: a field of its own). */
    private final boolean reject;

    KlineFamily(KlineSpec spec, Keyspace keyspace) {
        this.spec = spec;
        this.keyspace = keyspace;
        this.tfs = spec.timeframes().toArray(new Timeframe[0]);
        this.barKeys = new Key[tfs.length][BarField.ALL.length];
        for (int i = 0; i < tfs.length; i++) {
            for (BarField f : BarField.ALL) barKeys[i][f.ordinal()] = spec.barKey(tfs[i], f);
        }
        this.cache = new long[tfs.length][];
        for (int i = 0; i < tfs.length; i++) cache[i] = new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE};
        this.running = new RunningBar[tfs.length];
        for (int i = 0; i < tfs.length; i++) running[i] = new RunningBar();
        this.barRefs = new SeriesRef[tfs.length][BarField.ALL.length];
        for (int i = 0; i < tfs.length; i++) {
            for (int f = 0; f < BarField.ALL.length; f++) barRefs[i][f] = new SeriesRef(barKeys[i][f]);
        }
        this.priceRef = new SeriesRef(spec.price());
        this.volumeRef = spec.volume() == null ? null : new SeriesRef(spec.volume());
        this.reject = spec.outside() == OutsidePolicy.REJECT;
    }

    public KlineSpec spec() { return spec; }

    // ------------------------------------------------------------------ hook (price lock held)

    @Override
    public void check(long ts) {
        if (reject && !bar(0, ts, scratch)) {
            throw KlineErrors.outsideSession(ts, spec.name(), spec.calendar().describe());
        }
    }

    @Override
    public void written(Series price, long ts, long prevLast, BarWrites out) {
        Series volume = volumeRef == null ? null : volumeRef.found(keyspace);
        long[] tsBar = this.tsBar;
        long[] other = this.other;
        boolean append = ts > prevLast;
        // An appended tick's price and quantity, read once for every timeframe's running bar.
        double px = Double.NaN;
        double quantity = Double.NaN;
        long volumeLast = Long.MIN_VALUE;
        if (append) {
            px = SeriesInternals.newestValueAt(price, ts);
            volumeLast = volume == null ? Long.MIN_VALUE : volume.lastTimestampOr(Long.MIN_VALUE);
            if (volumeLast == ts) quantity = SeriesInternals.newestValueAt(volume, ts);
        }
        for (int i = 0; i < tfs.length; i++) {
            if (append) {
                // An append: the bar of the previous last tick closes when this one starts a new bar.
                // (The previous tick's bar first: it is the one cached, so a new bar is looked up once.)
                boolean prevIn = prevLast != Long.MIN_VALUE && bar(i, prevLast, other);
                boolean tsIn = bar(i, ts, tsBar);
                if (prevIn && (!tsIn || other[0] != tsBar[0])) store(i, price, volume, other[0], other[1], out);
                if (tsIn) follow(i, ts, prevLast, tsBar, px, volumeLast, quantity);
            } else {
                boolean tsIn = bar(i, ts, tsBar);
                running[i].invalidate(ts, ts);
                if (tsIn && !(bar(i, prevLast, other) && other[0] == tsBar[0])) {
                    store(i, price, volume, tsBar[0], tsBar[1], out); // late tick in a closed bar
                }
            }
        }
    }

    /**
     * Adds the appended tick at {@code ts} (price {@code px}; the volume series' last timestamp
     * and, when that is {@code ts}, its quantity) to the running bar {@code bar} of timeframe {@code i}.
     */
    private void follow(int i, long ts, long prevLast, long[] bar, double px, long volumeLast, double quantity) {
        RunningBar r = running[i];
        if (!r.holds(bar[0])) {
            // A bar can be followed from its first tick only: no earlier tick may lie in it.
            if (prevLast != Long.MIN_VALUE && prevLast >= bar[0]) {
                r.invalidate();
                return;
            }
            r.begin(bar[0], bar[1], tfs[i].daily() ? spec.calendar().sessionWindows(bar[0]) : null);
        }
        if (Double.isNaN(px) || volumeLast > ts) {
            r.invalidate(); // a volume ahead of the price: the quantity at ts is read when the bar closes
        } else if (volumeLast < ts) {
            r.add(ts, px, false, 0); // a volume written later recomputes (volumeChanged)
        } else if (Double.isNaN(quantity)) {
            r.invalidate();
        } else {
            r.add(ts, px, true, quantity);
        }
    }

    @Override
    public void deleted(Series price, long from, long to, BarWrites out) {
        for (RunningBar r : running) r.invalidate();
        Series volume = volumeSeries();
        long[] b = new long[2];
        TradingCalendar cal = spec.calendar();
        for (int i = 0; i < tfs.length; i++) {
            boolean first = cal.barCovering(from, tfs[i], b);
            long deleteFrom = first ? b[0] : from;
            for (Key k : barKeys[i]) out.deleteRange(k, deleteFrom, to);
            if (first) store(i, price, volume, b[0], b[1], out);
            if (cal.barCovering(to, tfs[i], b) && !(first && b[0] == deleteFrom)) store(i, price, volume, b[0], b[1], out);
        }
    }

    @Override
    public void volumeChanged(long from, long to) {
        Series price = priceRef.found(keyspace);
        if (price == null || SeriesInternals.priceHook(price) != this || from > price.lastTimestampOr(Long.MIN_VALUE)) return;
        SeriesInternals.updateBars(price, out -> {
            // The usual late volume is the quantity of the tick just appended: the running bars take it.
            Series volume = volumeSeries();
            for (RunningBar r : running) {
                if (!r.quantityOfLastTick(from, to, volume)) r.invalidate(from, to);
            }
            recomputeTicksIn(price, from, to, out);
        });
    }

    /** Recomputes every closed bar holding a price tick in {@code [from, to]} (the open bar is computed on read). */
    private void recomputeTicksIn(Series price, long from, long to, BarWrites out) {
        Series volume = volumeSeries();
        long last = price.lastTimestampOr(Long.MIN_VALUE);
        long[] b = new long[2];
        long[] open = new long[2];
        for (int i = 0; i < tfs.length; i++) {
            boolean hasOpen = last != Long.MIN_VALUE && bar(i, last, open);
            long done = Long.MIN_VALUE;
            SampleCursor c = SeriesInternals.rawRange(price, from, to);
            while (c.next()) {
                long ts = c.timestamp();
                if (ts <= done || !bar(i, ts, b)) continue;
                done = b[1];
                if (!(hasOpen && open[0] == b[0])) store(i, price, volume, b[0], b[1], out);
            }
        }
    }

    /** Writes every closed bar of the price history (a family created on existing ticks). */
    void backfill(Series price, BarWrites out) {
        long last = price.lastTimestampOr(Long.MIN_VALUE);
        if (last == Long.MIN_VALUE) return;
        for (RunningBar r : running) r.invalidate();
        recomputeTicksIn(price, Long.MIN_VALUE, last, out);
    }

    private void store(int i, Series price, Series volume, long start, long end, BarWrites out) {
        Bar bar = running[i].holds(start) ? running[i].bar() : compute(tfs[i], price, volume, start, end);
        Key[] keys = barKeys[i];
        if (bar == null) {
            for (Key k : keys) out.deleteRange(k, start, start);
            return;
        }
        SeriesRef[] refs = barRefs[i];
        long now = keyspace.clockMs();
        for (BarField f : BarField.ALL) {
            int at = f.ordinal();
            Series known = refs[at].hint(keyspace, now);
            if (known != null) out.upsert(keys[at], known, start, bar.field(f)); // absent or expired: nothing to keep
        }
    }

    // ------------------------------------------------------------------ reads

    /**
     * Where the still-open bar of timeframe {@code tf} starts, without computing it (a range that
     * ends before it needs only stored bars), or {@link Long#MIN_VALUE} when there is none.
     */
    public long openBarStart(Timeframe tf) {
        Series price = priceSeries();
        if (price == null) return Long.MIN_VALUE;
        long last = price.lastTimestampOr(Long.MIN_VALUE);
        long[] b = new long[2];
        if (last == Long.MIN_VALUE || !spec.calendar().bar(last, tf, b)) return Long.MIN_VALUE;
        return b[0];
    }

    /** The still-open bar of timeframe {@code tf} (the one holding the last price tick), or null. */
    public Bar openBar(Timeframe tf) {
        Series price = priceSeries();
        if (price == null) return null;
        long last = price.lastTimestampOr(Long.MIN_VALUE);
        long[] b = new long[2];
        if (last == Long.MIN_VALUE || !spec.calendar().bar(last, tf, b)) return null;
        return compute(tf, price, volumeSeries(), b[0], b[1]);
    }

    /** A daily bar spans the whole day: only the ticks inside its sessions count. */
    private Bar compute(Timeframe tf, Series price, Series volume, long start, long end) {
        long[] windows = tf.daily() ? spec.calendar().sessionWindows(start) : null;
        return BarComputer.compute(price, volume, start, end, windows);
    }

    public Key barKey(Timeframe tf, BarField f) {
        return spec.barKey(tf, f);
    }

    /**
     * The seven bar series of {@code tf} in {@link BarField} order, or null when one is missing
     * (a user deleted it).
     */
    Series[] barSeries(Timeframe tf) {
        int i = spec.timeframes().indexOf(tf);
        return i < 0 ? null : barSeries(i);
    }

    private Series[] barSeries(int i) {
        SeriesRef[] refs = barRefs[i];
        Series[] found = new Series[refs.length];
        for (int f = 0; f < found.length; f++) {
            found[f] = refs[f].get(keyspace, keyspace.clockMs());
            if (found[f] == null) return null;
        }
        return found;
    }

    private Series volumeSeries() {
        return volumeRef == null ? null : volumeRef.get(keyspace, keyspace.clockMs());
    }

    private Series priceSeries() {
        return priceRef.get(keyspace, keyspace.clockMs());
    }

    /** The bar of timeframe {@code i} holding {@code ts} into {@code out}; false outside the sessions. Cached. */
    private boolean bar(int i, long ts, long[] out) {
        long[] c = cache[i];
        if (ts >= c[2] && ts <= c[3]) {
            out[0] = c[0];
            out[1] = c[1];
            return true;
        }
        if (!spec.calendar().bar(ts, tfs[i], c)) {
            c[2] = Long.MAX_VALUE;
            c[3] = Long.MIN_VALUE;
            return false;
        }
        out[0] = c[0];
        out[1] = c[1];
        return true;
    }
}
