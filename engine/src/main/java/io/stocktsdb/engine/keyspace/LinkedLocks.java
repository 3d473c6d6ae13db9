package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Series locked together with their compaction partners (their source and their destinations),
 * for key operations that change links on both sides: deleting, overwriting or renaming a
 * source or destination. Callers hold the roots' key stripes, so the roots stay where they are;
 * partners may change until they are locked, so the partner set is read again under the locks
 * and everything is retried when it moved.
 *
 * <p>Locks are taken sources first (the order writers use: a source locks its destinations),
 * the first one blocking, the others with a short timeout; a timeout releases everything and
 * retries, so no wait cycle can form even when links changed between reading and locking.
 */
final class LinkedLocks {
    private static final long TRY_MS = 20;

    private final List<Series> locked = new ArrayList<>();
    /** Partners by key as they were when locked (before the caller changes anything). */
    private final Map<Key, Series> byKey = new HashMap<>();

    private LinkedLocks() {}

    /** Locks {@code roots} (nulls ignored) and every current partner of them. */
    static LinkedLocks lock(Function<Key, Object> lookup, Series... roots) {
        while (true) {
            Map<Series, Boolean> want = collect(lookup, roots);
            List<Series> order = new ArrayList<>(want.keySet());
            order.sort(Comparator.comparing((Series s) -> s.options().rules().isEmpty()).thenComparingLong(Series::id));
            LinkedLocks l = new LinkedLocks();
            if (l.lockAll(order)) {
                if (collect(lookup, roots).keySet().equals(want.keySet())) {
                    for (Series s : order) if (!s.isRemoved()) l.byKey.put(s.key(), s);
                    return l;
                }
                l.unlock();
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50 + (long) (Math.random() * 500)));
        }
    }

    private static Map<Series, Boolean> collect(Function<Key, Object> lookup, Series... roots) {
        Map<Series, Boolean> out = new IdentityHashMap<>();
        for (Series r : roots) {
            if (r == null) continue;
            out.put(r, Boolean.TRUE);
            SeriesOptions o = r.options();
            if (o.sourceKey() != null && lookup.apply(o.sourceKey()) instanceof Series s) out.put(s, Boolean.TRUE);
            for (RuleSpec rule : o.rules()) {
                if (lookup.apply(rule.destKey()) instanceof Series d) out.put(d, Boolean.TRUE);
            }
        }
        return out;
    }

    private boolean lockAll(List<Series> order) {
        for (int i = 0; i < order.size(); i++) {
            Series s = order.get(i);
            if (i == 0) {
                SeriesInternals.lockStructural(s);
            } else if (!SeriesInternals.tryLockStructural(s, TRY_MS)) {
                unlock(); // a timeout gives back what this round took: the retry starts from nothing
                return false;
            }
            locked.add(s);
        }
        return true;
    }

    /** The locked partner that was at {@code key} when locked, or null. */
    Series at(Key key) {
        return key == null ? null : byKey.get(key);
    }

    boolean hasPartners() {
        return locked.size() > 1;
    }

    void unlock() {
        for (int i = locked.size() - 1; i >= 0; i--) SeriesInternals.unlockStructural(locked.get(i));
        locked.clear();
    }

    /**
     * Links after {@code gone} (formerly at {@code goneKey}) was removed: its source forgets the
     * rule into it, its destinations forget their source. Call inside the op-log group.
     */
    void unlinkRemoved(Series gone, Key goneKey) {
        SeriesOptions o = gone.options();
        Series source = at(o.sourceKey());
        if (source != null && source != gone && !source.isRemoved()) SeriesInternals.removeRule(source, goneKey);
        for (RuleSpec r : o.rules()) {
            Series d = at(r.destKey());
            if (d != null && d != gone && !d.isRemoved() && goneKey.equals(d.options().sourceKey())) SeriesInternals.setSourceLink(d, null);
        }
    }

    /**
     * Links after {@code moved} went from {@code from} to {@code to}: its source's rule follows
     * it, its destinations point at the new name. Call inside the op-log group, after
     * {@link #unlinkRemoved} of an overwritten target.
     */
    void relinkRenamed(Series moved, Key from, Key to) {
        SeriesOptions o = moved.options();
        if (o.sourceKey() != null) {
            Series source = at(o.sourceKey());
            if (source != null && source != moved && !source.isRemoved()) SeriesInternals.renameRuleDest(source, from, to);
        }
        for (RuleSpec r : o.rules()) {
            Series d = at(r.destKey());
            if (d != null && d != moved && !d.isRemoved() && from.equals(d.options().sourceKey())) SeriesInternals.setSourceLink(d, to);
        }
    }
}
