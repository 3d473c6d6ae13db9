package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the next checkpoint must persist: series with unpersisted changes, keys whose metadata
 * record changed (created, deleted, renamed, string writes), whole series to range-delete, and
 * whether everything was flushed. Drained by the checkpoint while structural changes are paused.
 */
public final class DirtyTracker {
    /** The chunks of series {@code seriesId} under {@code slot} in {@code business} are garbage. */
    public record RangeDelete(Business business, int slot, long seriesId) {}

    private final ConcurrentLinkedQueue<Series> series = new ConcurrentLinkedQueue<>();
    private final Set<Key> keys = ConcurrentHashMap.newKeySet();
    private final List<RangeDelete> rangeDeletes = new ArrayList<>();
    private volatile boolean wipe;

    public void seriesChanged(Series s) {
        series.add(s);
    }

    public void keyChanged(Key key) {
        keys.add(key);
    }

    public void rangeDelete(Business business, int slot, long seriesId) {
        synchronized (rangeDeletes) {
            rangeDeletes.add(new RangeDelete(business, slot, seriesId));
        }
    }

    /** FLUSHALL: the next checkpoint first deletes every stored key. */
    public void wipeAll() {
        synchronized (rangeDeletes) {
            rangeDeletes.clear();
            keys.clear();
            wipe = true;
        }
    }

    public boolean takeWipe() {
        synchronized (rangeDeletes) {
            boolean w = wipe;
            wipe = false;
            return w;
        }
    }

    public List<RangeDelete> takeRangeDeletes() {
        synchronized (rangeDeletes) {
            List<RangeDelete> out = new ArrayList<>(rangeDeletes);
            rangeDeletes.clear();
            return out;
        }
    }

    public List<Key> takeKeys() {
        List<Key> out = new ArrayList<>(keys);
        keys.removeAll(out);
        return out;
    }

    public List<Series> takeSeries() {
        List<Series> out = new ArrayList<>();
        Series s;
        while ((s = series.poll()) != null) out.add(s);
        return out;
    }

    /** A checkpoint that was not written gives back what it took (its series re-queue themselves). */
    public void restore(boolean wiped, List<RangeDelete> deletes, List<Key> changedKeys) {
        synchronized (rangeDeletes) {
            if (wiped) wipe = true;
            rangeDeletes.addAll(0, deletes);
        }
        keys.addAll(changedKeys);
    }

    public boolean isEmpty() {
        return series.isEmpty() && keys.isEmpty() && !wipe && rangeDeletes.isEmpty();
    }
}
