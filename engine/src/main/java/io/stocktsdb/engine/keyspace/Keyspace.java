package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.business.BusinessRouter;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesImage;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.series.ValueType;
import io.stocktsdb.engine.storage.DirtyTracker;
import io.stocktsdb.engine.storage.Op;
import io.stocktsdb.engine.storage.SeriesStore;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Every key, in memory: strings (value + expiry) and time series. The single entry point for
 * key-level commands (TYPE, EXISTS, DEL, RENAME, KEYS, SCAN, DBSIZE, FLUSHALL, GET/SET family) and
 * for finding or creating series.
 *
 * <p>Errors: a string operation on a series (or {@link #getSeries} on a string) throws the
 * shared {@link WrongTypeException#INSTANCE}; INCRBY parse/overflow errors throw
 * {@link StringOpException} constants carrying the exact Redis reply. Other outcomes are return
 * values.
 *
 * <p>Concurrency: reads are lock-free. Key-level mutations hold the structure lock shared (a
 * checkpoint holds it exclusively while it snapshots, FLUSHALL too) plus the key's stripe lock
 * (two stripes, in index order, for RENAME), and the series lock while they change a series and
 * append the op, so a series op of another thread is logged either before or after, never
 * between. Expired strings vanish lazily on access and by {@link #sweepExpired}.
 *
 * <p>SCAN: keys are ordered by a fixed 63-bit hash of their bytes ({@link Key#scanOrder()}); the
 * cursor is the hash to continue from. A key present during the whole scan is returned exactly
 * once; keys added or removed meanwhile may or may not be.
 */
public final class Keyspace {
    private static final int STRIPES = 256;
    /** Pass as replaySeq for a live operation (log it); a positive value replays that op. */
    private static final long LIVE = 0;

    private final ConcurrentHashMap<Key, Object> map = new ConcurrentHashMap<>();
    /** scanOrder -> Key, or Key[] on a (vanishingly rare) hash collision. */
    private final ConcurrentSkipListMap<Long, Object> scanIndex = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<Long, Series> byId = new ConcurrentHashMap<>();
    private final Map<Key, Boolean> expiring = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder expiredKeys = new java.util.concurrent.atomic.LongAdder();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final ReentrantReadWriteLock structure = new ReentrantReadWriteLock();
    private final SeriesStore store;
    private final DirtyTracker dirty;
    private final BusinessRouter router;
    private final AtomicLong nextSeriesId;
    private final LongSupplier clock;

    /** Engine internal: built by the engine at open. */
    public Keyspace(SeriesStore store, BusinessRouter router, long nextSeriesId, LongSupplier clockMs) {
        this.store = store;
        this.dirty = store.dirty();
        this.router = router;
        this.nextSeriesId = new AtomicLong(nextSeriesId);
        this.clock = clockMs;
        for (int i = 0; i < STRIPES; i++) stripes[i] = new ReentrantLock();
        store.setKeyLookup(map::get);
    }

    /** Adds a mirror of the series (the label index, notifications); see {@link KeyspaceListener}. */
    public void addListener(KeyspaceListener listener) {
        store.addListener(listener);
    }

    // ------------------------------------------------------------------ generic

    public KeyType type(Key key) {
        Object v = live(key);
        if (v == null) return KeyType.NONE;
        return v instanceof Series ? KeyType.TIMESERIES : KeyType.STRING;
    }

    public boolean exists(Key key) {
        return live(key) != null;
    }

    /** Number of keys (DBSIZE); like Redis it may count expired keys not yet swept. */
    public int size() {
        return map.size();
    }

    /** DEL / UNLINK of one key of any type; false when absent. A series' chunks go at the next checkpoint. */
    public boolean delete(Key key) {
        return delete(key, LIVE);
    }

    /** RENAME; false when {@code src} does not exist. {@code dst} is overwritten whatever its type. */
    public boolean rename(Key src, Key dst) {
        return rename(src, dst, LIVE);
    }

    /** KEYS pattern (Redis glob); unordered. */
    public List<Key> keys(byte[] glob) {
        GlobMatcher m = new GlobMatcher(glob);
        long now = clock.getAsLong();
        List<Key> out = new ArrayList<>();
        for (Map.Entry<Key, Object> e : map.entrySet()) {
            if (e.getValue() instanceof StringValue s && s.expiredAt(now)) continue;
            if (m.matches(e.getKey().bytes())) out.add(e.getKey());
        }
        return out;
    }

    /**
     * One SCAN step visiting about {@code count} keys from {@code cursor} (0 = start); the
     * returned keys match {@code glob} (null = all) and {@code type} (null = any).
     */
    public ScanResult scan(long cursor, int count, byte[] glob, KeyType type) {
        GlobMatcher m = glob == null ? null : new GlobMatcher(glob);
        long now = clock.getAsLong();
        List<Key> out = new ArrayList<>();
        ConcurrentNavigableMap<Long, Object> tail = scanIndex.tailMap(Math.max(cursor, 0), true);
        int visited = 0;
        Iterator<Map.Entry<Long, Object>> it = tail.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Object> e = it.next();
            if (e.getValue() instanceof Key k) {
                visitForScan(k, m, type, now, out);
                visited++;
            } else {
                for (Key k : (Key[]) e.getValue()) visitForScan(k, m, type, now, out);
                visited++;
            }
            if (visited >= Math.max(1, count)) {
                Long next = scanIndex.higherKey(e.getKey());
                return new ScanResult(next == null ? 0 : next, out);
            }
        }
        return new ScanResult(0, out);
    }

    private void visitForScan(Key k, GlobMatcher m, KeyType type, long now, List<Key> out) {
        Object v = map.get(k);
        if (v == null || (v instanceof StringValue s && s.expiredAt(now))) return;
        if (type != null && type != (v instanceof Series ? KeyType.TIMESERIES : KeyType.STRING)) return;
        if (m == null || m.matches(k.bytes())) out.add(k);
    }

    /** FLUSHALL / FLUSHDB. */
    public void flushAll() {
        flushAll(LIVE);
    }

    // ------------------------------------------------------------------ strings

    /** GET: the value, or null when absent; throws {@link WrongTypeException} on a series. */
    public byte[] getString(Key key) {
        Object v = live(key);
        if (v == null) return null;
        if (v instanceof Series) throw WrongTypeException.INSTANCE;
        return ((StringValue) v).value;
    }

    /**
     * SET. {@code expireAtMs} is absolute (-1 = none); {@code keepTtl} keeps the current expiry.
     * With {@code get}, the previous string is returned in the outcome and a series at the key
     * throws {@link WrongTypeException}; without it, SET replaces a series like Redis does. The
     * value array is kept: the caller must not modify it afterwards.
     */
    public SetOutcome setString(Key key, byte[] value, long expireAtMs, SetMode mode, boolean keepTtl, boolean get) {
        lockKey(key);
        try {
            Object cur = current(key);
            if (get && cur instanceof Series) throw WrongTypeException.INSTANCE;
            byte[] previous = cur instanceof StringValue s ? s.value : null;
            boolean exists = cur != null;
            if ((mode == SetMode.NX && exists) || (mode == SetMode.XX && !exists)) {
                return get ? new SetOutcome(false, previous) : SetOutcome.NOT_WRITTEN;
            }
            long expireAt = keepTtl && cur instanceof StringValue s ? s.expireAtMs : expireAtMs;
            putString(key, value, expireAt, LIVE);
            return get ? new SetOutcome(true, previous) : SetOutcome.WRITTEN;
        } finally {
            unlockKey(key);
        }
    }

    /** INCRBY/DECRBY/INCR/DECR: the new value; keeps the expiry. */
    public long incrBy(Key key, long delta) {
        lockKey(key);
        try {
            Object cur = current(key);
            if (cur instanceof Series) throw WrongTypeException.INSTANCE;
            StringValue s = (StringValue) cur;
            long old = 0;
            if (s != null) {
                old = parseRedisLong(s.value);
            }
            if ((delta < 0 && old < 0 && delta < Long.MIN_VALUE - old) || (delta > 0 && old > 0 && delta > Long.MAX_VALUE - old)) {
                throw StringOpException.OVERFLOW;
            }
            long result = old + delta;
            putString(key, Long.toString(result).getBytes(java.nio.charset.StandardCharsets.US_ASCII), s == null ? -1 : s.expireAtMs, LIVE);
            return result;
        } finally {
            unlockKey(key);
        }
    }

    /** APPEND: the new length; keeps the expiry. */
    public long append(Key key, byte[] suffix) {
        lockKey(key);
        try {
            Object cur = current(key);
            if (cur instanceof Series) throw WrongTypeException.INSTANCE;
            StringValue s = (StringValue) cur;
            byte[] old = s == null ? new byte[0] : s.value;
            byte[] joined = new byte[old.length + suffix.length];
            System.arraycopy(old, 0, joined, 0, old.length);
            System.arraycopy(suffix, 0, joined, old.length, suffix.length);
            putString(key, joined, s == null ? -1 : s.expireAtMs, LIVE);
            return joined.length;
        } finally {
            unlockKey(key);
        }
    }

    /** STRLEN: 0 when absent. */
    public long strlen(Key key) {
        byte[] v = getString(key);
        return v == null ? 0 : v.length;
    }

    /** The absolute expiry of a string in ms: -1 no expiry (or a series), -2 absent. */
    public long expireAtMs(Key key) {
        Object v = live(key);
        if (v == null) return -2;
        return v instanceof StringValue s ? s.expireAtMs : -1;
    }

    /** Deletes up to {@code max} expired strings; returns how many. Run by the engine's background thread. */
    public int sweepExpired(int max) {
        long now = clock.getAsLong();
        int n = 0;
        for (Key k : expiring.keySet()) {
            if (n >= max) break;
            if (map.get(k) instanceof StringValue s && s.expiredAt(now)) {
                if (expire(k, s)) n++;
            }
        }
        return n;
    }

    /** Time series among the keys (the rest are strings). */
    public int seriesCount() {
        return byId.size();
    }

    /** Keys that carry an expiry (INFO keyspace {@code expires}). */
    public int expiringCount() {
        return expiring.size();
    }

    /**
     * Mean remaining time to live in ms of up to {@code sample} expiring keys, as Redis's
     * {@code avg_ttl} estimates it from a sample; 0 when no key expires.
     */
    public long averageTtlMs(int sample) {
        long now = clock.getAsLong();
        long sum = 0;
        int n = 0;
        for (Key k : expiring.keySet()) {
            if (n >= sample) break;
            if (map.get(k) instanceof StringValue s && s.expireAtMs >= 0) {
                sum += Math.max(0, s.expireAtMs - now);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Keys deleted because their time to live passed (INFO stats {@code expired_keys}). */
    public long expiredKeys() {
        return expiredKeys.sum();
    }

    /** CONFIG RESETSTAT. */
    public void resetExpiredKeys() {
        expiredKeys.reset();
    }

    // ------------------------------------------------------------------ series

    /** The series at {@code key}, or null when absent; throws {@link WrongTypeException} on a string. */
    public Series getSeries(Key key) {
        Object v = live(key);
        if (v == null) return null;
        if (v instanceof Series s) return s;
        throw WrongTypeException.INSTANCE;
    }

    /** TS.CREATE: a new series, or null when the key exists (any type). */
    public Series createSeries(Key key, SeriesOptions options) {
        lockKey(key);
        try {
            if (current(key) != null) return null;
            return create(key, nextSeriesId.getAndIncrement(), router.route(key), options, LIVE);
        } finally {
            unlockKey(key);
        }
    }

    /** The series at {@code key}, created with {@code options} when absent; WRONGTYPE on a string. */
    public Series getOrCreateSeries(Key key, SeriesOptions options) {
        Series s = getSeries(key);
        if (s != null) return s;
        lockKey(key);
        try {
            Object cur = current(key);
            if (cur instanceof Series existing) return existing;
            if (cur != null) throw WrongTypeException.INSTANCE;
            return create(key, nextSeriesId.getAndIncrement(), router.route(key), options, LIVE);
        } finally {
            unlockKey(key);
        }
    }

    /** The series with this id, or null. */
    public Series seriesById(long id) {
        return byId.get(id);
    }

    /** Visits every series (label index build at start). */
    public void forEachSeries(Consumer<Series> visitor) {
        for (Series s : byId.values()) visitor.accept(s);
    }

    /** The business a new key would go to. */
    public Business businessOf(Key key) {
        return router.route(key);
    }

    // ------------------------------------------------------------------ RESTORE

    /**
     * RESTORE of a string: false (nothing changed) when the key exists and {@code replace} is
     * false. An {@code expireAtMs} already in the past only deletes the old key (with replace),
     * as Redis does.
     */
    public boolean restoreString(Key key, byte[] value, long expireAtMs, boolean replace) {
        lockKey(key);
        try {
            Object cur = current(key);
            if (cur != null && !replace) return false;
            if (expireAtMs >= 0 && expireAtMs <= clock.getAsLong()) {
                if (cur != null) delete(key, LIVE);
                return true;
            }
            putString(key, value, expireAtMs, LIVE);
            return true;
        } finally {
            unlockKey(key);
        }
    }

    /**
     * RESTORE of a series: false (nothing changed) when the key exists and {@code replace} is
     * false. Throws IllegalArgumentException when the image's samples cannot be loaded.
     *
     * <p>Compaction links come back when they are consistent at this moment (docs/timeseries.md, "Behaviour: compaction rules"):
     * each rule whose destination exists, holds doubles, has no rules and no other source; the
     * source link when that source exists, is numeric, is not a destination and has no rule into
     * this key yet, and the key is the one the rule went into at DUMP time: the rule is then
     * attached again with its open bucket rebuilt from the source's samples. Other links are
     * dropped. The old key's removal, the new series and
     * every partner's change are logged in one op-log group.
     */
    public boolean restoreSeries(Key key, SeriesImage image, boolean replace) {
        if (!replace && exists(key)) return false;
        Business business = router.route(key);
        Series x = new Series(nextSeriesId.getAndIncrement(), key, business,
                image.options().withRules(List.of()).withSourceKey(null), store, 0, true);
        boolean published = false;
        try {
            x.fillFromChunks(image.chunks());
            x.restoreLinks(image.options().rules(), null); // fails on corrupt rule state before anything changes
            published = restoreLocked(key, x, image, replace);
            return published;
        } finally {
            if (!published) x.markRemoved(); // undoes its sample counts; it was never visible
        }
    }

    private boolean restoreLocked(Key key, Series x, SeriesImage image, boolean replace) {
        Business business = x.business();
        lockKey(key);
        try {
            Object cur = current(key);
            if (cur != null && !replace) return false;
            Series old = cur instanceof Series s ? s : null;
            // A destination gets its rule back only under the name the rule had (not as a copy).
            RuleSpec def = image.sourceRule();
            Key sourceKey = def == null || !def.destKey().equals(key) || key.equals(image.options().sourceKey())
                    ? null : image.options().sourceKey();
            List<Series> roots = new ArrayList<>();
            roots.add(old);
            if (sourceKey != null && map.get(sourceKey) instanceof Series src) roots.add(src);
            for (RuleSpec r : image.options().rules()) {
                if (!r.destKey().equals(key) && map.get(r.destKey()) instanceof Series d) roots.add(d);
            }
            LinkedLocks locks = LinkedLocks.lock(map::get, roots.toArray(new Series[0]));
            x.lockStructural();
            try {
                List<RuleSpec> rules = new ArrayList<>();
                List<Series> dests = new ArrayList<>();
                for (RuleSpec r : x.valueType().isNumeric() ? image.options().rules() : List.<RuleSpec>of()) {
                    Series d = r.destKey().equals(key) ? null : locks.at(r.destKey());
                    if (d != null && !dests.contains(d) && linkableDestination(d, old, key)) {
                        rules.add(r);
                        dests.add(d);
                    }
                }
                Series source = sourceKey == null || x.valueType() != ValueType.DOUBLE ? null : locks.at(sourceKey);
                RuleSpec resumed = null;
                if (source != null && linkableSource(source, old, key, sourceKey)) {
                    resumed = source.resumedRule(new RuleSpec(key, def.aggregatorCode(), def.bucketDuration(), def.alignTimestamp(), null));
                }
                if (cur != null) removeEntry(key, cur);
                x.restoreLinks(rules, resumed == null ? null : sourceKey);
                RuleSpec attach = resumed;
                logGroup(() -> {
                    if (cur != null) {
                        store.log(new Op.DeleteKey(key));
                        if (old != null) locks.unlinkRemoved(old, key);
                    }
                    publish(x, store.log(new Op.RestoreSeries(key, x.id(), business.name(), x.persistedOptions(), image.chunks())));
                    for (Series d : dests) d.setSourceLink(key);
                    if (attach != null) source.attachRule(x, attach);
                });
                return true;
            } finally {
                x.unlockStructural();
                locks.unlock();
            }
        } finally {
            unlockKey(key);
        }
    }

    /** A restored rule may write into {@code d}: a live double series that is free (or was {@code old}'s). */
    private boolean linkableDestination(Series d, Series old, Key key) {
        if (d == old || d.isRemoved() || map.get(d.key()) != d || d.valueType() != ValueType.DOUBLE) return false;
        if (!d.options().rules().isEmpty()) return false;
        Key src = d.options().sourceKey();
        return src == null || (old != null && src.equals(key));
    }

    /** The restored series may be fed by {@code s}: a live numeric non-destination without a rule into the key (but old's). */
    private boolean linkableSource(Series s, Series old, Key key, Key sourceKey) {
        if (s == old || s.isRemoved() || map.get(sourceKey) != s || !s.valueType().isNumeric()) return false;
        if (s.options().sourceKey() != null) return false;
        boolean hasRule = s.options().rules().stream().anyMatch(r -> r.destKey().equals(key));
        return !hasRule || (old != null && sourceKey.equals(old.options().sourceKey()));
    }

    /** Makes a restored series visible under its key (its op is already logged as {@code seq}). */
    private void publish(Series x, long seq) {
        Key key = x.key();
        map.put(key, x);
        scanIndexAdd(key);
        byId.put(x.id(), x);
        x.business().stats().keyAdded();
        dirty.keyChanged(key);
        x.applied(seq);
        store.listener().seriesCreated(x);
    }

    // ------------------------------------------------------------------ engine internal

    /**
     * Engine internal (compaction rule changes): holds both keys' stripe locks, as a key-level
     * mutation of two keys does, so neither key is deleted, renamed or overwritten meanwhile.
     */
    public void lockKeys(Key a, Key b) {
        lock2(a, b);
    }

    public void unlockKeys(Key a, Key b) {
        unlock2(a, b);
    }

    /** Engine internal: runs {@code logging} as one op-log group (see OpLog#beginGroup). */
    public void logGroup(Runnable logging) {
        store.beginLogGroup();
        try {
            logging.run();
        } finally {
            store.endLogGroup();
        }
    }

    /** Engine internal: the checkpoint holds this exclusively while it snapshots. */
    public ReentrantReadWriteLock structureLock() {
        return structure;
    }

    /** Engine internal: the raw entry (StringValue or Series) for the checkpoint, expired or not. */
    public Object rawEntry(Key key) {
        return map.get(key);
    }

    /** Engine internal: a string record's value and expiry, for the checkpoint; null when {@code entry} is not a string. */
    public static byte[] stringValueOf(Object entry) {
        return entry instanceof StringValue s ? s.value : null;
    }

    public static long stringExpiryOf(Object entry) {
        return entry instanceof StringValue s ? s.expireAtMs : -1;
    }

    public long nextSeriesId() {
        return nextSeriesId.get();
    }

    /** Engine internal (recovery): a string from its metadata record. */
    public void restoreString(Key key, byte[] value, long expireAtMs) {
        Object old = map.put(key, new StringValue(value, expireAtMs));
        if (old == null) {
            scanIndexAdd(key);
            router.route(key).stats().keyAdded();
        }
        if (expireAtMs >= 0) expiring.put(key, Boolean.TRUE);
    }

    /** Engine internal (recovery): a series from its metadata record, chunks restored by the caller. */
    public void restoreSeries(Series s) {
        map.put(s.key(), s);
        scanIndexAdd(s.key());
        byId.put(s.id(), s);
        s.business().stats().keyAdded();
        if (s.id() >= nextSeriesId.get()) nextSeriesId.set(s.id() + 1);
    }

    /** Engine internal (recovery): applies a structural op read from the log with its original seq. */
    public void replay(Op op, long seq) {
        if (op instanceof Op.CreateSeries c) {
            lockKey(c.key());
            try {
                Object cur = map.get(c.key());
                if (cur != null) removeEntry(c.key(), cur);
                Business b = router.byName(c.business());
                if (b == null) b = router.route(c.key());
                create(c.key(), c.seriesId(), b, c.options(), seq);
                if (c.seriesId() >= nextSeriesId.get()) nextSeriesId.set(c.seriesId() + 1);
            } finally {
                unlockKey(c.key());
            }
        } else if (op instanceof Op.DeleteKey d) {
            delete(d.key(), seq);
        } else if (op instanceof Op.Rename r) {
            rename(r.src(), r.dst(), seq);
        } else if (op instanceof Op.SetString s) {
            lockKey(s.key());
            try {
                putString(s.key(), s.value(), s.expireAtMs(), seq);
            } finally {
                unlockKey(s.key());
            }
        } else if (op instanceof Op.RestoreSeries r) {
            lockKey(r.key());
            try {
                Object cur = map.get(r.key());
                if (cur != null) removeEntry(r.key(), cur);
                Business b = router.byName(r.business());
                if (b == null) b = router.route(r.key());
                Series x = new Series(r.seriesId(), r.key(), b, r.options(), store, 0, true);
                x.fillFromChunks(r.chunks());
                publish(x, seq);
                if (r.seriesId() >= nextSeriesId.get()) nextSeriesId.set(r.seriesId() + 1);
            } finally {
                unlockKey(r.key());
            }
        } else if (op instanceof Op.FlushAll) {
            flushAll(seq);
        } else {
            throw new IllegalArgumentException("not a structural op: " + op.code());
        }
    }

    // ------------------------------------------------------------------ internals

    /** The live entry: null when absent or expired (an expired string is deleted on the way). */
    private Object live(Key key) {
        Object v = map.get(key);
        if (v instanceof StringValue s && s.expiredAt(clock.getAsLong())) {
            expire(key, s);
            return null;
        }
        return v;
    }

    /** Under the key's lock: the entry, with an expired string deleted (and logged) first. */
    private Object current(Key key) {
        Object v = map.get(key);
        if (v instanceof StringValue s && s.expiredAt(clock.getAsLong())) {
            removeEntry(key, v);
            store.log(new Op.DeleteKey(key));
            expiredKeys.increment();
            return null;
        }
        return v;
    }

    private boolean expire(Key key, StringValue s) {
        lockKey(key);
        try {
            if (map.get(key) != s) return false;
            removeEntry(key, s);
            store.log(new Op.DeleteKey(key));
            expiredKeys.increment();
            return true;
        } finally {
            unlockKey(key);
        }
    }

    private boolean delete(Key key, long replaySeq) {
        lockKey(key);
        try {
            Object cur = replaySeq == LIVE ? current(key) : map.get(key);
            if (cur == null) return false;
            if (cur instanceof Series s && replaySeq == LIVE) {
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
            } else if (cur instanceof Series s) {
                s.lockStructural();
                try {
                    removeEntry(key, cur);
                } finally {
                    s.unlockStructural();
                }
            } else {
                removeEntry(key, cur);
                if (replaySeq == LIVE) store.log(new Op.DeleteKey(key));
            }
            return true;
        } finally {
            unlockKey(key);
        }
    }

    private boolean rename(Key src, Key dst, long replaySeq) {
        lock2(src, dst);
        try {
            Object cur = replaySeq == LIVE ? current(src) : map.get(src);
            if (cur == null) return false;
            if (src.equals(dst)) return true;
            Object target = replaySeq == LIVE ? current(dst) : map.get(dst);
            if (cur instanceof Series s) {
                // A live rename locks the compaction partners of both the moved and the overwritten series.
                LinkedLocks locks = replaySeq == LIVE ? LinkedLocks.lock(map::get, s, target instanceof Series t ? t : null) : null;
                if (locks == null) s.lockStructural();
                try {
                    if (target != null) removeEntry(dst, target);
                    Business oldBusiness = s.business();
                    unmap(src);
                    dirty.rangeDelete(oldBusiness, src.slot(), s.id());
                    Business nb = router.route(dst);
                    s.moveTo(dst, nb);
                    if (nb != oldBusiness) {
                        oldBusiness.stats().keyRemoved();
                        nb.stats().keyAdded();
                    }
                    map.put(dst, s);
                    scanIndexAdd(dst);
                    dirty.keyChanged(dst);
                    if (locks == null) {
                        s.applied(replaySeq);
                    } else {
                        logGroup(() -> {
                            s.applied(store.log(new Op.Rename(src, dst)));
                            if (target instanceof Series t) locks.unlinkRemoved(t, dst);
                            locks.relinkRenamed(s, src, dst);
                        });
                    }
                    store.listener().seriesRenamed(s, src);
                } finally {
                    if (locks == null) s.unlockStructural();
                    else locks.unlock();
                }
            } else if (target instanceof Series t && replaySeq == LIVE) {
                StringValue sv = (StringValue) cur;
                LinkedLocks locks = LinkedLocks.lock(map::get, t);
                try {
                    removeEntry(dst, target);
                    removeEntry(src, sv);
                    putEntry(dst, sv);
                    logGroup(() -> {
                        store.log(new Op.Rename(src, dst));
                        locks.unlinkRemoved(t, dst);
                    });
                } finally {
                    locks.unlock();
                }
            } else {
                StringValue sv = (StringValue) cur;
                if (target != null) removeEntry(dst, target);
                removeEntry(src, sv);
                putEntry(dst, sv);
                if (replaySeq == LIVE) store.log(new Op.Rename(src, dst));
            }
            return true;
        } finally {
            unlock2(src, dst);
        }
    }

    private void flushAll(long replaySeq) {
        structure.writeLock().lock();
        try {
            for (Object v : map.values()) {
                if (v instanceof Series s) {
                    s.markRemoved();
                    store.listener().seriesRemoved(s);
                }
            }
            for (Business b : router.all()) b.stats().clearState();
            map.clear();
            scanIndex.clear();
            byId.clear();
            expiring.clear();
            dirty.wipeAll();
            if (replaySeq == LIVE) store.log(new Op.FlushAll());
        } finally {
            structure.writeLock().unlock();
        }
    }

    private Series create(Key key, long id, Business business, SeriesOptions options, long replaySeq) {
        Series s = new Series(id, key, business, options, store, 0, true);
        s.lockStructural();
        try {
            map.put(key, s);
            scanIndexAdd(key);
            byId.put(id, s);
            business.stats().keyAdded();
            dirty.keyChanged(key);
            s.applied(replaySeq == LIVE ? store.log(new Op.CreateSeries(key, id, business.name(), options)) : replaySeq);
            store.listener().seriesCreated(s);
        } finally {
            s.unlockStructural();
        }
        return s;
    }

    /** Under the key's lock: writes a string over whatever the key holds. */
    private void putString(Key key, byte[] value, long expireAtMs, long replaySeq) {
        Object cur = map.get(key);
        StringValue sv = new StringValue(value, expireAtMs);
        if (cur instanceof Series s) {
            LinkedLocks locks = replaySeq == LIVE ? LinkedLocks.lock(map::get, s) : null;
            if (locks == null) s.lockStructural();
            try {
                removeEntry(key, cur);
                putEntry(key, sv);
                if (locks != null) {
                    logGroup(() -> {
                        store.log(new Op.SetString(key, value, expireAtMs));
                        locks.unlinkRemoved(s, key);
                    });
                }
            } finally {
                if (locks == null) s.unlockStructural();
                else locks.unlock();
            }
            return;
        }
        if (cur == null) {
            putEntry(key, sv);
        } else {
            map.put(key, sv);
            if (expireAtMs >= 0) expiring.put(key, Boolean.TRUE);
            else expiring.remove(key);
            dirty.keyChanged(key);
        }
        if (replaySeq == LIVE) store.log(new Op.SetString(key, value, expireAtMs));
    }

    private void putEntry(Key key, StringValue sv) {
        map.put(key, sv);
        scanIndexAdd(key);
        if (sv.expireAtMs >= 0) expiring.put(key, Boolean.TRUE);
        router.route(key).stats().keyAdded();
        dirty.keyChanged(key);
    }

    /** Removes any entry; for a series also schedules its chunks for deletion and notifies. */
    private void removeEntry(Key key, Object cur) {
        unmap(key);
        if (cur instanceof Series s) {
            s.markRemoved();
            byId.remove(s.id());
            s.business().stats().keyRemoved();
            dirty.rangeDelete(s.business(), key.slot(), s.id());
            store.listener().seriesRemoved(s);
        } else {
            router.route(key).stats().keyRemoved();
        }
    }

    private void unmap(Key key) {
        map.remove(key);
        expiring.remove(key);
        scanIndexRemove(key);
        dirty.keyChanged(key);
    }

    private void scanIndexAdd(Key key) {
        scanIndex.compute(key.scanOrder(), (h, v) -> {
            if (v == null) return key;
            if (v instanceof Key k) return k.equals(key) ? k : new Key[] {k, key};
            Key[] arr = (Key[]) v;
            for (Key k : arr) if (k.equals(key)) return arr;
            Key[] bigger = java.util.Arrays.copyOf(arr, arr.length + 1);
            bigger[arr.length] = key;
            return bigger;
        });
    }

    private void scanIndexRemove(Key key) {
        scanIndex.computeIfPresent(key.scanOrder(), (h, v) -> {
            if (v instanceof Key k) return k.equals(key) ? null : k;
            List<Key> rest = new ArrayList<>();
            for (Key k : (Key[]) v) if (!k.equals(key)) rest.add(k);
            return rest.size() == 1 ? rest.get(0) : rest.toArray(new Key[0]);
        });
    }

    private void lockKey(Key key) {
        structure.readLock().lock();
        stripes[stripe(key)].lock();
    }

    private void unlockKey(Key key) {
        stripes[stripe(key)].unlock();
        structure.readLock().unlock();
    }

    private void lock2(Key a, Key b) {
        structure.readLock().lock();
        int i = stripe(a);
        int j = stripe(b);
        stripes[Math.min(i, j)].lock();
        if (i != j) stripes[Math.max(i, j)].lock();
    }

    private void unlock2(Key a, Key b) {
        int i = stripe(a);
        int j = stripe(b);
        if (i != j) stripes[Math.max(i, j)].unlock();
        stripes[Math.min(i, j)].unlock();
        structure.readLock().unlock();
    }

    private static int stripe(Key key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    /** Redis string2ll: optional '-', no '+', no leading zeros or spaces, fits in 64 bits. */
    static long parseRedisLong(byte[] s) {
        int n = s.length;
        if (n == 0 || n > 20) throw StringOpException.NOT_INTEGER;
        if (n == 1 && s[0] == '0') return 0;
        int i = 0;
        boolean negative = false;
        if (s[0] == '-') {
            negative = true;
            i = 1;
            if (n == 1) throw StringOpException.NOT_INTEGER;
        }
        if (s[i] < '1' || s[i] > '9') throw StringOpException.NOT_INTEGER;
        long v = 0; // accumulated negatively so that Long.MIN_VALUE fits
        for (; i < n; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) throw StringOpException.NOT_INTEGER;
            if (v < (Long.MIN_VALUE + d) / 10) throw StringOpException.NOT_INTEGER;
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) throw StringOpException.NOT_INTEGER;
            return -v;
        }
        return v;
    }
}
