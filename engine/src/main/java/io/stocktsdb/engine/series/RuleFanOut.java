package io.stocktsdb.engine.series;

import io.stocktsdb.engine.aggregate.Buckets;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.key.Key;

import java.util.List;
import java.util.function.Consumer;

/**
 * A source series' writes into other series: its compaction rules' destinations and the bar
 * series of the K-line family it feeds. The source (holding its lock) locks each destination —
 * always source before destination, and a destination is never a source, so there are no chains
 * and no lock cycles — applies the writes in memory, then logs the destinations' ops and its own
 * op in one op-log group, so a crash never keeps one without the other.
 */
final class RuleFanOut {
    private final Series source;
    private final SeriesHost host;
    /** The K-line bar writes of the current operation, reused (guarded by the source's lock). */
    private BarWrites barWrites;

    RuleFanOut(Series source, SeriesHost host) {
        this.source = source;
        this.host = host;
    }

    /**
     * {@link Series#add} of a rule source or a K-line price series (source locked, checks done):
     * the rules see the sample, the family collects its bar writes, then the destinations get
     * their writes.
     */
    AddResult add(long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy, TickHook hook) {
        SeriesChunks chunks = source.chunks;
        LiveRules lr = source.live;
        boolean append = !chunks.hasLast || ts > chunks.lastTs;
        long prevLast = chunks.hasLast ? chunks.lastTs : Long.MIN_VALUE;
        if (lr != null) {
            lr.writes.reset(false);
            // An append cannot fail once past the checks above, so the rules may see it first; a
            // closing twa bucket needs the new sample as its right neighbour anyway.
            if (append) lr.appended(ts, source.numeric(valueBits));
        }
        AddResult r = chunks.apply(ts, valueBits, blob, quality, policy);
        if (r != AddResult.ADDED && r != AddResult.UPDATED) return r;
        if (lr != null && !append) lr.upserted(ts, source.raw());
        BarWrites bars = null;
        if (hook != null) {
            bars = barBuffer();
            hook.written(source, ts, prevLast, bars);
        }
        source.mutated(log(lr, bars, true, ts, valueBits, blob, quality, policy));
        source.business().stats().write();
        return r;
    }

    /** {@link Series#deleteRange} after {@code [from, to]} was applied: the rules and the family recompute; returns the op's seq. */
    long deleted(long from, long to, LiveRules lr, TickHook hook) {
        SeriesChunks chunks = source.chunks;
        if (lr != null) {
            lr.writes.reset(false);
            lr.deleted(from, to, chunks.hasLast ? chunks.lastTs : -1, source.raw());
        }
        BarWrites bars = null;
        if (hook != null) {
            bars = barBuffer();
            hook.deleted(source, from, to, bars);
        }
        return log(lr, bars, false, from, to, null, 0, null);
    }

    /**
     * Applies the buffered rule and bar writes (each destination locked, source before
     * destination) and logs them followed by the source's own op (an ADD, or a DEL_RANGE
     * {@code [a, b]}) in one op-log group; returns the own op's seq. Either buffer may be null.
     */
    private long log(LiveRules lr, BarWrites bars, boolean add, long a, long b, byte[] blob, int quality, DuplicatePolicy policy) {
        RuleWrites w = lr == null ? null : lr.writes;
        boolean noRules = w == null || w.isEmpty();
        boolean noBars = bars == null || bars.isEmpty();
        Key key = source.key();
        if (noRules && noBars) return add ? host.logAdd(key, a, b, blob, quality, policy) : host.logDeleteRange(key, a, b);
        Series[] dests = new Series[lr == null ? 0 : lr.size()];
        try {
            if (!noRules) applyRuleWrites(w, dests);
            if (!noBars) applyBarWrites(bars);
            host.beginLogGroup();
            try {
                if (!noRules) logRuleWrites(w, dests);
                if (!noBars) logBarWrites(bars);
                return add ? host.logAdd(key, a, b, blob, quality, policy) : host.logDeleteRange(key, a, b);
            } finally {
                host.endLogGroup();
            }
        } finally {
            for (Series d : dests) if (d != null && d != source) d.lock.unlock();
            if (bars != null) bars.release();
        }
    }

    /**
     * Runs {@code work} (source locked, so a K-line family reads its bars' inputs consistently),
     * then applies and logs the bar writes it collected in one op-log group.
     */
    void updateBars(Consumer<BarWrites> work) {
        BarWrites bars = barBuffer();
        try {
            work.accept(bars);
            if (bars.isEmpty()) return;
            applyBarWrites(bars);
            host.beginLogGroup();
            try {
                logBarWrites(bars);
            } finally {
                host.endLogGroup();
            }
        } finally {
            bars.release();
        }
    }

    /** The reused bar-write buffer, empty. */
    private BarWrites barBuffer() {
        BarWrites b = barWrites;
        if (b == null) barWrites = b = new BarWrites();
        b.release(); // a hook that threw may have left writes behind
        return b;
    }

    /** Applies bar writes in memory, locking each bar series once; a missing bar series is skipped. */
    private void applyBarWrites(BarWrites bars) {
        for (int i = 0; i < bars.size(); i++) {
            if (bars.findDestination(i) < 0) bars.addDestination(i, lockBarSeries(bars.dest(i), bars.known(i)));
            Series d = bars.destination(i);
            if (d == null) continue;
            boolean changed;
            if (bars.isDelete(i)) {
                changed = d.chunks.deleteRange(bars.from(i), bars.to(i)) > 0;
            } else {
                AddResult r = d.chunks.apply(bars.from(i), Double.doubleToRawLongBits(bars.value(i)), null, 100, DuplicatePolicy.LAST);
                changed = r == AddResult.ADDED || r == AddResult.UPDATED;
            }
            if (changed) bars.markApplied(i);
        }
    }

    /**
     * Logs the applied bar writes in order: a range delete as a DEL_RANGE; the upserts of one bar
     * (consecutive, same timestamp, each into another series) as one BAR_ROW record shared by
     * their series, or an ADD when only one of them changed anything.
     */
    private void logBarWrites(BarWrites bars) {
        int n = bars.size();
        int i = 0;
        while (i < n) {
            if (!bars.applied(i)) {
                i++;
                continue;
            }
            if (bars.isDelete(i)) {
                Series d = bars.destination(i);
                wrote(d, host.logDeleteRange(d.key(), bars.from(i), bars.to(i)));
                i++;
                continue;
            }
            int end = rowEnd(bars, i);
            long[] rowIds = bars.rowIds;
            long[] rowBits = bars.rowBits;
            int count = 0;
            for (int j = i; j < end; j++) {
                if (!bars.applied(j)) continue;
                rowIds[count] = bars.destination(j).id();
                rowBits[count] = Double.doubleToRawLongBits(bars.value(j));
                count++;
            }
            if (count == 1) {
                Series d = bars.destination(i);
                wrote(d, host.logAdd(d.key(), bars.from(i), rowBits[0], null, 100, DuplicatePolicy.LAST));
            } else {
                long seq = host.logBarRow(bars.from(i), rowIds, rowBits, count, 100, DuplicatePolicy.LAST);
                for (int j = i; j < end; j++) if (bars.applied(j)) wrote(bars.destination(j), seq);
            }
            i = end;
        }
    }

    /**
     * The end (exclusive) of the row of upserts starting at applied upsert {@code i}: the
     * following upserts at the same timestamp into series not yet in the row (replay skips a
     * series' second op of one seq, so a series appears once per row).
     */
    private int rowEnd(BarWrites bars, int i) {
        int end = i + 1;
        while (end < bars.size() && end - i < bars.rowIds.length && !bars.isDelete(end) && bars.from(end) == bars.from(i)) {
            Series d = bars.destination(end);
            if (bars.applied(end)) {
                for (int j = i; j < end; j++) if (bars.applied(j) && bars.destination(j) == d) return end;
            }
            end++;
        }
        return end;
    }

    private static void wrote(Series d, long seq) {
        d.mutated(seq);
        d.business().stats().write();
    }

    /**
     * The live double series at {@code k}, locked; null when it is gone (a user deleted a bar
     * series). {@code known} (the series the family found there before, or null) saves the lookup
     * while it is still the one at {@code k}.
     */
    private Series lockBarSeries(Key k, Series known) {
        if (known != null && known != source) {
            known.lock.lock();
            if (!known.removed && known.key().equals(k) && known.valueType() == ValueType.DOUBLE) return known;
            known.lock.unlock();
        }
        Series d = host.seriesAt(k);
        if (d == null || d == source) return null;
        d.lock.lock();
        if (d.removed || !d.key().equals(k) || d.valueType() != ValueType.DOUBLE) {
            d.lock.unlock();
            return null;
        }
        return d;
    }

    /** Applies the writes in memory; {@code dests[rule]} receives each locked destination ({@code source} marks "none"). */
    private void applyRuleWrites(RuleWrites w, Series[] dests) {
        List<RuleSpec> specs = source.options().rules();
        for (int i = 0; i < w.size(); i++) {
            int r = w.rule(i);
            if (dests[r] == null) {
                Series d = lockDestination(specs.get(r).destKey());
                dests[r] = d == null ? source : d;
            }
            if (dests[r] != source && applyRuleWrite(dests[r], w, i)) w.markApplied(i);
        }
    }

    /** Logs the applied writes of {@code w} into their destinations ({@code dests[rule]}, locked). */
    void logRuleWrites(RuleWrites w, Series[] dests) {
        for (int i = 0; i < w.size(); i++) {
            if (!w.applied(i)) continue;
            Series d = dests[w.rule(i)];
            long seq = w.kind(i) == RuleWrites.DELETE
                    ? host.logDeleteRange(d.key(), w.from(i), w.to(i))
                    : host.logAdd(d.key(), w.from(i), Double.doubleToRawLongBits(w.value(i)), null, 100, DuplicatePolicy.LAST);
            d.mutated(seq);
            d.business().stats().write();
        }
    }

    /**
     * The destination at {@code destKey}, locked, when it is still the source's destination (key
     * operations change links only with both series locked, so this holds unless it was removed
     * in between); null otherwise.
     */
    private Series lockDestination(Key destKey) {
        Series d = host.seriesAt(destKey);
        if (d == null || d == source) return null;
        d.lock.lock();
        if (d.removed || !d.key().equals(destKey) || !source.key().equals(d.options().sourceKey()) || d.valueType() != ValueType.DOUBLE) {
            d.lock.unlock();
            return null;
        }
        return d;
    }

    /** On a destination (locked): applies write {@code i} in memory; true when it changed something. */
    static boolean applyRuleWrite(Series dest, RuleWrites w, int i) {
        SeriesChunks chunks = dest.chunks;
        long ts = w.from(i);
        long bits = Double.doubleToRawLongBits(w.value(i));
        switch (w.kind(i)) {
            case RuleWrites.CLOSE: {
                // RTS writes a closed bucket through TS.ADD's path with LAST: retention and IGNORE apply.
                if (chunks.tooOld(ts, dest.options().retentionMs())) return false;
                if (chunks.ignored(ts, bits, null, DuplicatePolicy.LAST)) return false;
                AddResult r = chunks.apply(ts, bits, null, 100, DuplicatePolicy.LAST);
                return r == AddResult.ADDED || r == AddResult.UPDATED;
            }
            case RuleWrites.UPSERT: {
                AddResult r = chunks.apply(ts, bits, null, 100, DuplicatePolicy.LAST);
                return r == AddResult.ADDED || r == AddResult.UPDATED;
            }
            default:
                return chunks.deleteRange(ts, w.to(i)) > 0;
        }
    }

    /** RTS verify_compaction_del_possible: no deletes reaching before the retention window. */
    void checkCompactionDelete(long from) {
        SeriesOptions o = source.options();
        long retention = o.retentionMs();
        if (retention <= 0) return;
        long last = source.chunks.hasLast ? source.chunks.lastTs : 0;
        boolean obsolete = obsolete(from, last, retention);
        for (RuleSpec r : o.rules()) {
            long start = Buckets.normalize(Buckets.start(from, r.bucketDuration(), r.alignTimestamp()));
            obsolete |= obsolete(start, last, retention);
        }
        if (obsolete) throw new TsdbException(TsdbError.DELETE_BEYOND_RETENTION);
    }

    private static boolean obsolete(long ts, long lastTs, long retention) {
        return lastTs > retention && ts < lastTs - retention;
    }
}
