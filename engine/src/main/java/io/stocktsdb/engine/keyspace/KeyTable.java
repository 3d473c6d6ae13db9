package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.business.BusinessRouter;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.storage.BigValueStore;
import io.stocktsdb.engine.storage.DirtyTracker;
import io.stocktsdb.engine.storage.Op;
import io.stocktsdb.engine.storage.SeriesStore;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * The keyspace's state and the steps every key operation is built from: the key map (a
 * {@link StringValue} or a {@link Series} per key), the scan index, series by id, deadlines, the
 * key locks (the structure lock plus 256 stripes), and entering or leaving the map with the
 * statistics, dirty tracking and listeners that go with it. Live operations and replay
 * ({@link KeyspaceReplay}) both use these steps; only live ones log.
 */
final class KeyTable {
    static final KeyspaceListener NO_LISTENER = new KeyspaceListener() {};
    private static final int STRIPES = 256;

    final ConcurrentHashMap<Key, Object> map = new ConcurrentHashMap<>();
    final ScanIndex scanIndex = new ScanIndex();
    final ConcurrentHashMap<Long, Series> byId = new ConcurrentHashMap<>();
    final Expiries expiries = new Expiries();
    final BigValueRefs bigRefs = new BigValueRefs();
    volatile ExpiryListener expiryListener = key -> { };
    volatile KeyChangeListener changeListener = KeyChangeListener.NONE;
    volatile KeyspaceListener listener = NO_LISTENER;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    final ReentrantReadWriteLock structure = new ReentrantReadWriteLock();
    final SeriesStore store;
    final DirtyTracker dirty;
    final BusinessRouter router;
    final AtomicLong nextSeriesId;
    final LongSupplier clock;

    KeyTable(SeriesStore store, BusinessRouter router, long nextSeriesId, LongSupplier clockMs) {
        this.store = store;
        this.dirty = store.dirty();
        this.router = router;
        this.nextSeriesId = new AtomicLong(nextSeriesId);
        this.clock = clockMs;
        for (int i = 0; i < STRIPES; i++) stripes[i] = new ReentrantLock();
    }

    // ------------------------------------------------------------------ lookups

    /** The live entry: null when absent or expired (an expired key is deleted on the way). */
    Object live(Key key) {
        return live(key, clock.getAsLong());
    }

    /** As {@link #live(Key)} with the clock already read (a command touching many keys reads it once). */
    Object live(Key key, long now) {
        Object v = map.get(key);
        if (v != null && expiries.due(key, now)) {
            lockKey(key);
            try {
                return current(key);
            } finally {
                unlockKey(key);
            }
        }
        touch(v, now);
        return v;
    }

    /** Notes a command's access to an entry (OBJECT IDLETIME), to the second as Redis's LRU clock. */
    static void touch(Object entry, long nowMs) {
        if (entry instanceof Series s) s.accessed(nowMs);
        else if (entry instanceof StringValue sv) sv.accessed(nowMs);
    }

    /** Seconds since a command last read or wrote the entry. */
    static long idleSeconds(Object entry, long nowMs) {
        long accessed = entry instanceof Series s ? s.accessedSecond() : ((StringValue) entry).accessedSecond;
        return Math.max(0, nowMs / 1000 - accessed);
    }

    /** Under the key's lock: the entry, with an expired key deleted (and logged) first. */
    Object current(Key key) {
        Object v = map.get(key);
        long now = clock.getAsLong();
        if (v != null && expiries.due(key, now)) {
            deleteLive(key, v);
            expiries.countExpired();
            expiryListener.expired(key);
            return null;
        }
        touch(v, now);
        return v;
    }

    // ------------------------------------------------------------------ live deletion

    /** DEL of one key: false when absent. */
    boolean delete(Key key) {
        lockKey(key);
        try {
            Object cur = current(key);
            if (cur == null) return false;
            deleteLive(key, cur);
            return true;
        } finally {
            unlockKey(key);
        }
    }

    /** Under the key's lock: a live deletion as DEL does it (a series also loses its compaction links), logged. */
    void deleteLive(Key key, Object cur) {
        if (cur instanceof Series s) {
            LinkedLocks locks = LinkedLocks.lock(map::get, s);
            try {
                removeEntry(key, cur);
                logGroup(() -> {
                    store.log(new Op.DeleteKey(key));
                    locks.unlinkRemoved(s, key);
                });
            } finally {
                locks.unlock();
            }
        } else {
            removeEntry(key, cur);
            store.log(new Op.DeleteKey(key));
        }
    }

    /** Under the key's lock: sets or removes a live key's deadline and logs it. */
    void setDeadline(Key key, long atMs) {
        expiries.set(key, atMs);
        keyChanged(key);
        store.log(new Op.SetExpiry(key, atMs));
    }

    /** Runs {@code logging} as one op-log group (see OpLog#beginGroup). */
    void logGroup(Runnable logging) {
        store.beginLogGroup();
        try {
            logging.run();
        } finally {
            store.endLogGroup();
        }
    }

    // ------------------------------------------------------------------ entering and leaving the map

    /** Under the key's lock: a new series mapped at {@code key}, returned with its structural lock held. */
    Series mapNewSeries(Key key, long id, Business business, SeriesOptions options) {
        Series s = SeriesInternals.create(id, key, business, options, store, 0, true);
        SeriesInternals.lockStructural(s);
        left(map.put(key, s));
        scanIndex.add(key);
        byId.put(id, s);
        business.stats().keyAdded();
        keyChanged(key);
        return s;
    }

    /** Makes a restored series visible under its key (its op is already logged as {@code seq}). */
    void publish(Series x, long seq) {
        Key key = x.key();
        left(map.put(key, x));
        scanIndex.add(key);
        byId.put(x.id(), x);
        x.business().stats().keyAdded();
        keyChanged(key);
        SeriesInternals.applied(x, seq);
        listener.seriesCreated(x);
    }

    /**
     * Under both keys' locks and the series' lock: moves the series at {@code src} to {@code dst}
     * (whose old entry the caller removed), with its deadline; its chunks are rewritten under the
     * new location at the next checkpoint and the old location range-deleted.
     */
    void moveSeries(Series s, Key src, Key dst, long deadline) {
        Business oldBusiness = s.business();
        unmap(src);
        dirty.rangeDelete(oldBusiness, src.slot(), s.id());
        Business nb = router.route(dst);
        SeriesInternals.moveTo(s, dst, nb);
        if (nb != oldBusiness) {
            oldBusiness.stats().keyRemoved();
            nb.stats().keyAdded();
        }
        left(map.put(dst, s));
        scanIndex.add(dst);
        expiries.set(dst, deadline);
        keyChanged(dst);
    }

    /** Under the key's lock: writes a string over a string or nothing (not over a series). */
    void writeString(Key key, StringValue sv, long expireAtMs) {
        if (map.get(key) == null) {
            putEntry(key, sv, expireAtMs);
        } else {
            left(map.put(key, sv));
            entered(sv);
            expiries.set(key, expireAtMs);
            keyChanged(key);
        }
    }

    void putEntry(Key key, StringValue sv, long expireAtMs) {
        left(map.put(key, sv));
        entered(sv);
        scanIndex.add(key);
        expiries.set(key, expireAtMs);
        router.route(key).stats().keyAdded();
        keyChanged(key);
    }

    /** Removes any entry; for a series also schedules its chunks for deletion and notifies. */
    void removeEntry(Key key, Object cur) {
        unmap(key);
        if (cur instanceof Series s) {
            SeriesInternals.markRemoved(s);
            byId.remove(s.id());
            s.business().stats().keyRemoved();
            dirty.rangeDelete(s.business(), key.slot(), s.id());
            listener.seriesRemoved(s);
        } else {
            router.route(key).stats().keyRemoved();
        }
    }

    /** Under the structure write lock: every key goes (FLUSHALL). */
    void wipe() {
        signalFlushing();
        for (Object v : map.values()) {
            if (v instanceof Series s) {
                SeriesInternals.markRemoved(s);
                listener.seriesRemoved(s);
            } else {
                left(v);
            }
        }
        for (Business b : router.all()) b.stats().clearState();
        map.clear();
        scanIndex.clear();
        byId.clear();
        expiries.clear();
        dirty.wipeAll();
    }

    /** Watchers of keys that exist now hear that every key goes (FLUSHALL, a reload). */
    void signalFlushing() {
        long now = clock.getAsLong();
        changeListener.flushing(k -> map.containsKey(k) && !expiries.due(k, now));
    }

    /** The key's metadata changed: the checkpoint must write it, and watchers hear of it. */
    void keyChanged(Key key) {
        dirty.keyChanged(key);
        changeListener.changed(key);
    }

    private void unmap(Key key) {
        left(map.remove(key));
        expiries.remove(key);
        scanIndex.remove(key);
        keyChanged(key);
    }

    // ------------------------------------------------------------------ big values

    /**
     * A string value for {@code key}: a big one is first stored in parts (outside any lock when
     * the caller holds none) and comes with a reference the caller gives back with
     * {@link #release} once the value is under its key or dropped.
     */
    StringValue newValue(byte[] value) {
        BigValueStore big = store.bigValues();
        if (big == null || !big.isBig(value.length)) return new StringValue(value);
        long id = big.write(new byte[][] {value});
        bigRefs.add(id);
        return new StringValue(value, id);
    }

    /** As {@link #newValue(byte[])} for a value received in parts: a big one stays in parts. */
    StringValue newValue(byte[][] parts) {
        BigValueStore big = store.bigValues();
        int length = StringValue.totalLength(parts);
        if (big == null || !big.isBig(length)) return new StringValue(parts.length == 1 ? parts[0] : StringValue.join(parts, length));
        long id = big.write(parts);
        bigRefs.add(id);
        return new StringValue(parts, id);
    }

    /** Gives back the reference {@link #newValue} took. */
    void release(StringValue sv) {
        if (sv.valueId != 0) bigRefs.remove(sv.valueId);
    }

    /** A string entered the map. */
    void entered(Object entry) {
        if (entry instanceof StringValue sv && sv.valueId != 0) bigRefs.add(sv.valueId);
    }

    /** An entry left the map (replaced or removed). */
    void left(Object entry) {
        if (entry instanceof StringValue sv && sv.valueId != 0) bigRefs.remove(sv.valueId);
    }

    /** Series ids stay above every id seen (recovery, replay). */
    void idSeen(long id) {
        if (id >= nextSeriesId.get()) nextSeriesId.set(id + 1);
    }

    // ------------------------------------------------------------------ key locks

    void lockKey(Key key) {
        structure.readLock().lock();
        stripes[stripe(key)].lock();
    }

    void unlockKey(Key key) {
        stripes[stripe(key)].unlock();
        structure.readLock().unlock();
    }

    void lock2(Key a, Key b) {
        structure.readLock().lock();
        int i = stripe(a);
        int j = stripe(b);
        stripes[Math.min(i, j)].lock();
        if (i != j) stripes[Math.max(i, j)].lock();
    }

    void unlock2(Key a, Key b) {
        int i = stripe(a);
        int j = stripe(b);
        if (i != j) stripes[Math.max(i, j)].unlock();
        stripes[Math.min(i, j)].unlock();
        structure.readLock().unlock();
    }

    /** Locks the stripes of all {@code keys} (in index order) under the structure lock; returns them for {@link #unlockStripes}. */
    int[] lockStripes(java.util.List<Key> keys) {
        int[] order = keys.stream().mapToInt(KeyTable::stripe).distinct().sorted().toArray();
        structure.readLock().lock();
        for (int i : order) stripes[i].lock();
        return order;
    }

    void unlockStripes(int[] order) {
        for (int i = order.length - 1; i >= 0; i--) stripes[order[i]].unlock();
        structure.readLock().unlock();
    }

    private static int stripe(Key key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
