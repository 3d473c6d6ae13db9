package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.business.BusinessRouter;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesImage;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;
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
 * between.
 *
 * <p>Expiry: any key may carry a deadline ({@link Expiries}). A key past it is deleted as DEL
 * deletes it (a series leaves the label index and its compaction links) lazily when accessed
 * and by {@link #sweepExpired}; until then no read sees it.
 *
 * <p>SCAN: keys are ordered by a fixed 63-bit hash of their bytes ({@link Key#scanOrder()}); the
 * cursor is the hash to continue from. A key present during the whole scan is returned exactly
 * once; keys added or removed meanwhile may or may not be.
 */
public final class Keyspace {
    private static final KeyspaceListener NO_LISTENER = new KeyspaceListener() {};
    private static final int STRIPES = 256;
    /** Pass as replaySeq for a live operation (log it); a positive value replays that op. */
    private static final long LIVE = 0;

    private final ConcurrentHashMap<Key, Object> map = new ConcurrentHashMap<>();
    /** scanOrder -> Key, or Key[] on a (vanishingly rare) hash collision. */
    private final ConcurrentSkipListMap<Long, Object> scanIndex = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<Long, Series> byId = new ConcurrentHashMap<>();
    private final Expiries expiries = new Expiries();
    private volatile ExpiryListener expiryListener = key -> { };
    private volatile KeyChangeListener changeListener = KeyChangeListener.NONE;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final ReentrantReadWriteLock structure = new ReentrantReadWriteLock();
    private final SeriesStore store;
    private final DirtyTracker dirty;
    private final BusinessRouter router;
    private final AtomicLong nextSeriesId;
    private final LongSupplier clock;
    private volatile KeyspaceListener listener = NO_LISTENER;

    /** Engine internal: built by the engine at open. */
    public Keyspace(SeriesStore store, BusinessRouter router, long nextSeriesId, LongSupplier clockMs) {
        this.store = store;
        this.dirty = store.dirty();
        this.router = router;
        this.nextSeriesId = new AtomicLong(nextSeriesId);
        this.clock = clockMs;
        for (int i = 0; i < STRIPES; i++) stripes[i] = new ReentrantLock();
        store.setKeyLookup(map::get);
        store.onLabelsChanged((series, oldLabels) -> listener.labelsChanged(series, oldLabels));
    }

    /** Adds a mirror of the series (the label index, notifications); see {@link KeyspaceListener}. */
    public synchronized void addListener(KeyspaceListener added) {
        listener = listener == NO_LISTENER ? added : KeyspaceListener.both(listener, added);
    }

    /** Told of every change to a key as a whole (WATCH). */
    public void setChangeListener(KeyChangeListener listener) {
        this.changeListener = listener;
    }

    /** Whether the key exists but its deadline passed (it is deleted at its next access or by the active cycle). */
    public boolean isExpired(Key key) {
        return map.containsKey(key) && expiries.due(key, clock.getAsLong());
    }

    /** Told of every key deleted because its deadline passed (after the deletion, under the key's lock). */
    public void setExpiryListener(ExpiryListener listener) {
        this.expiryListener = listener;
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
        for (Key k : map.keySet()) {
            if (expiries.due(k, now)) continue;
            if (m.matches(k.bytes())) out.add(k);
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
        if (v == null || expiries.due(k, now)) return;
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
            long expireAt = keepTtl && cur != null ? expiries.deadline(key) : expireAtMs;
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
            putString(key, Long.toString(result).getBytes(java.nio.charset.StandardCharsets.US_ASCII), expiries.deadline(key), LIVE);
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
            putString(key, joined, expiries.deadline(key), LIVE);
            return joined.length;
        } finally {
            unlockKey(key);
        }
    }

    /**
     * Atomic read-modify-write of a string that keeps its deadline (SETRANGE, SETBIT,
     * INCRBYFLOAT): {@code update} gets the current value (null when absent) and returns the new
     * one, or null to leave the key untouched. Returns the value the key holds afterwards (null
     * when absent). WRONGTYPE on a series; a StringOpException thrown by {@code update} aborts.
     */
    public byte[] updateString(Key key, java.util.function.UnaryOperator<byte[]> update) {
        lockKey(key);
        try {
            Object cur = current(key);
            if (cur instanceof Series) throw WrongTypeException.INSTANCE;
            byte[] old = cur == null ? null : ((StringValue) cur).value;
            byte[] next = update.apply(old);
            if (next == null) return old;
            putString(key, next, expiries.deadline(key), LIVE);
            return next;
        } finally {
            unlockKey(key);
        }
    }

    /** GETDEL: the string, deleted; null when absent. WRONGTYPE (and no deletion) on a series. */
    public byte[] getAndDelete(Key key) {
        lockKey(key);
        try {
            Object cur = current(key);
            if (cur == null) return null;
            if (cur instanceof Series) throw WrongTypeException.INSTANCE;
            deleteLive(key, cur);
            return ((StringValue) cur).value;
        } finally {
            unlockKey(key);
        }
    }

    /** MSETNX: sets every pair (no deadline) only when none of the keys exists; atomic for all of them. */
    public boolean setAllIfNoneExists(List<Key> keys, List<byte[]> values) {
        int[] order = keys.stream().mapToInt(Keyspace::stripe).distinct().sorted().toArray();
        structure.readLock().lock();
        for (int i : order) stripes[i].lock();
        try {
            for (Key k : keys) if (current(k) != null) return false;
            for (int i = 0; i < keys.size(); i++) putString(keys.get(i), values.get(i), Expiries.NONE, LIVE);
            return true;
        } finally {
            for (int i = order.length - 1; i >= 0; i--) stripes[order[i]].unlock();
            structure.readLock().unlock();
        }
    }

    /** RENAMENX: {@link RenameOutcome#NO_SOURCE}, {@link RenameOutcome#TARGET_EXISTS} (also src == dst) or RENAMED. */
    public RenameOutcome renameIfAbsent(Key src, Key dst) {
        lock2(src, dst);
        try {
            if (current(src) == null) return RenameOutcome.NO_SOURCE;
            if (src.equals(dst) || current(dst) != null) return RenameOutcome.TARGET_EXISTS;
            rename(src, dst, LIVE);
            return RenameOutcome.RENAMED;
        } finally {
            unlock2(src, dst);
        }
    }

    /** RANDOMKEY: a live key picked at random (by scan order), or null when there is none. */
    public Key randomKey() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100 && !scanIndex.isEmpty(); attempt++) {
            Map.Entry<Long, Object> e = scanIndex.ceilingEntry(r.nextLong(Long.MAX_VALUE));
            if (e == null) e = scanIndex.firstEntry();
            if (e == null) return null;
            Key k = e.getValue() instanceof Key one ? one : ((Key[]) e.getValue())[r.nextInt(((Key[]) e.getValue()).length)];
            if (live(k) != null) return k;
        }
        return null;
    }

    /** STRLEN: 0 when absent. */
    public long strlen(Key key) {
        byte[] v = getString(key);
        return v == null ? 0 : v.length;
    }

    /** The key's deadline (absolute Unix ms): -1 when it has none, -2 when the key does not exist. */
    public long expireAtMs(Key key) {
        if (live(key) == null) return -2;
        return expiries.deadline(key);
    }

    /**
     * EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT with the deadline already absolute: checks the
     * condition as Redis does (no deadline counts as infinite), then sets the deadline, or
     * deletes the key when the deadline is not in the future.
     */
    public ExpireOutcome expire(Key key, long atMs, ExpireCondition condition) {
        lockKey(key);
        try {
            Object cur = current(key);
            if (cur == null) return ExpireOutcome.NO_KEY;
            if (!condition.allows(expiries.deadline(key), atMs)) return ExpireOutcome.CONDITION_NOT_MET;
            if (atMs <= clock.getAsLong()) {
                deleteLive(key, cur);
                return ExpireOutcome.DELETED;
            }
            setDeadline(key, atMs);
            return ExpireOutcome.SET;
        } finally {
            unlockKey(key);
        }
    }

    /** PERSIST: true when the key had a deadline and no longer has one. */
    public boolean persist(Key key) {
        lockKey(key);
        try {
            if (current(key) == null || expiries.deadline(key) < 0) return false;
            setDeadline(key, Expiries.NONE);
            return true;
        } finally {
            unlockKey(key);
        }
    }

    /**
     * GETEX: the string (null when absent; WRONGTYPE on a series) and, when it exists, its new
     * deadline: {@code atMs} >= 0 sets it (a past one deletes the key), {@code persist} removes it.
     */
    public GetExOutcome getEx(Key key, long atMs, boolean persist) {
        lockKey(key);
        try {
            Object cur = current(key);
            if (cur == null) return GetExOutcome.ABSENT;
            if (cur instanceof Series) throw WrongTypeException.INSTANCE;
            byte[] value = ((StringValue) cur).value;
            if (atMs >= 0) {
                if (atMs <= clock.getAsLong()) {
                    deleteLive(key, cur);
                    return new GetExOutcome(value, GetExOutcome.Change.DELETED);
                }
                setDeadline(key, atMs);
                return new GetExOutcome(value, GetExOutcome.Change.EXPIRE);
            }
            if (persist && expiries.deadline(key) >= 0) {
                setDeadline(key, Expiries.NONE);
                return new GetExOutcome(value, GetExOutcome.Change.PERSIST);
            }
            return new GetExOutcome(value, GetExOutcome.Change.NONE);
        } finally {
            unlockKey(key);
        }
    }

    /** Deletes up to {@code max} keys whose deadline passed; returns how many. The active expiry cycle. */
    public int sweepExpired(int max) {
        long now = clock.getAsLong();
        int n = 0;
        for (Key k : expiries.keys()) {
            if (n >= max) break;
            if (expiries.due(k, now) && expireNow(k)) n++;
        }
        return n;
    }

    /** Time series among the keys (the rest are strings). */
    public int seriesCount() {
        return byId.size();
    }

    /** Keys that carry an expiry (INFO keyspace {@code expires}). */
    public int expiringCount() {
        return expiries.count();
    }

    /**
     * Mean remaining time to live in ms of up to {@code sample} expiring keys, as Redis's
     * {@code avg_ttl} estimates it from a sample; 0 when no key expires.
     */
    public long averageTtlMs(int sample) {
        return expiries.averageTtlMs(sample, clock.getAsLong());
    }

    /** Keys deleted because their time to live passed (INFO stats {@code expired_keys}). */
    public long expiredKeys() {
        return expiries.expiredCount();
    }

    /** CONFIG RESETSTAT. */
    public void resetExpiredKeys() {
        expiries.resetExpiredCount();
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

    /**
     * Whether {@code s} (found through the label index) is still the live series at its key; one
     * past its deadline is deleted on the way, as any access would.
     */
    public boolean isLive(Series s) {
        return live(s.key()) == s;
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
     * dropped. The old key's removal, the new series, its deadline ({@code expireAtMs}, -1 =
     * none; the caller handles one already past) and every partner's change are logged in one
     * op-log group.
     */
    public boolean restoreSeries(Key key, SeriesImage image, boolean replace, long expireAtMs) {
        if (!replace && exists(key)) return false;
        Business business = router.route(key);
        Series x = new Series(nextSeriesId.getAndIncrement(), key, business,
                image.options().withRules(List.of()).withSourceKey(null), store, 0, true);
        boolean published = false;
        try {
            x.fillFromChunks(image.chunks());
            x.restoreLinks(image.options().rules(), null); // fails on corrupt rule state before anything changes
            published = restoreLocked(key, x, image, replace, expireAtMs);
            return published;
        } finally {
            if (!published) x.markRemoved(); // undoes its sample counts; it was never visible
        }
    }

    private boolean restoreLocked(Key key, Series x, SeriesImage image, boolean replace, long expireAtMs) {
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
                    if (expireAtMs >= 0) setDeadline(key, expireAtMs);
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
        keyChanged(key);
        x.applied(seq);
        listener.seriesCreated(x);
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

    /** Engine internal: a key's deadline as stored (-1 = none), expired or not, for the checkpoint. */
    public long deadlineOf(Key key) {
        return expiries.deadline(key);
    }

    public long nextSeriesId() {
        return nextSeriesId.get();
    }

    /** Engine internal (recovery): a string from its metadata record. */
    public void restoreString(Key key, byte[] value, long expireAtMs) {
        Object old = map.put(key, new StringValue(value));
        if (old == null) {
            scanIndexAdd(key);
            router.route(key).stats().keyAdded();
        }
        expiries.set(key, expireAtMs);
    }

    /** Engine internal (recovery): a series from its metadata record, chunks restored by the caller. */
    public void restoreSeries(Series s, long expireAtMs) {
        map.put(s.key(), s);
        scanIndexAdd(s.key());
        expiries.set(s.key(), expireAtMs);
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
        } else if (op instanceof Op.SetExpiry x) {
            lockKey(x.key());
            try {
                if (map.containsKey(x.key())) {
                    expiries.set(x.key(), x.expireAtMs());
                    keyChanged(x.key());
                }
            } finally {
                unlockKey(x.key());
            }
        } else if (op instanceof Op.FlushAll) {
            flushAll(seq);
        } else {
            throw new IllegalArgumentException("not a structural op: " + op.code());
        }
    }

    // ------------------------------------------------------------------ internals

    /** The live entry: null when absent or expired (an expired key is deleted on the way). */
    private Object live(Key key) {
        Object v = map.get(key);
        if (v != null && expiries.due(key, clock.getAsLong())) {
            lockKey(key);
            try {
                return current(key);
            } finally {
                unlockKey(key);
            }
        }
        return v;
    }

    /** Under the key's lock: the entry, with an expired key deleted (and logged) first. */
    private Object current(Key key) {
        Object v = map.get(key);
        if (v != null && expiries.due(key, clock.getAsLong())) {
            deleteLive(key, v);
            expiries.countExpired();
            expiryListener.expired(key);
            return null;
        }
        return v;
    }

    /** Deletes {@code key} if its deadline passed; true when it did. */
    private boolean expireNow(Key key) {
        lockKey(key);
        try {
            return map.get(key) != null && expiries.due(key, clock.getAsLong()) && current(key) == null;
        } finally {
            unlockKey(key);
        }
    }

    /** Under the key's lock: sets or removes a live key's deadline and logs it. */
    private void setDeadline(Key key, long atMs) {
        expiries.set(key, atMs);
        keyChanged(key);
        store.log(new Op.SetExpiry(key, atMs));
    }

    /** Under the key's lock: a live deletion as DEL does it (a series also loses its compaction links), logged. */
    private void deleteLive(Key key, Object cur) {
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

    private boolean delete(Key key, long replaySeq) {
        lockKey(key);
        try {
            Object cur = replaySeq == LIVE ? current(key) : map.get(key);
            if (cur == null) return false;
            if (replaySeq == LIVE) {
                deleteLive(key, cur);
            } else if (cur instanceof Series s) {
                s.lockStructural();
                try {
                    removeEntry(key, cur);
                } finally {
                    s.unlockStructural();
                }
            } else {
                removeEntry(key, cur);
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
            long deadline = expiries.deadline(src);
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
                    expiries.set(dst, deadline);
                    keyChanged(dst);
                    if (locks == null) {
                        s.applied(replaySeq);
                    } else {
                        logGroup(() -> {
                            s.applied(store.log(new Op.Rename(src, dst)));
                            if (target instanceof Series t) locks.unlinkRemoved(t, dst);
                            locks.relinkRenamed(s, src, dst);
                        });
                    }
                    listener.seriesRenamed(s, src);
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
                    putEntry(dst, sv, deadline);
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
                putEntry(dst, sv, deadline);
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
            long now = clock.getAsLong();
            changeListener.flushing(k -> map.containsKey(k) && !expiries.due(k, now));
            for (Object v : map.values()) {
                if (v instanceof Series s) {
                    s.markRemoved();
                    listener.seriesRemoved(s);
                }
            }
            for (Business b : router.all()) b.stats().clearState();
            map.clear();
            scanIndex.clear();
            byId.clear();
            expiries.clear();
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
            keyChanged(key);
            s.applied(replaySeq == LIVE ? store.log(new Op.CreateSeries(key, id, business.name(), options)) : replaySeq);
            listener.seriesCreated(s);
        } finally {
            s.unlockStructural();
        }
        return s;
    }

    /** Under the key's lock: writes a string over whatever the key holds. */
    private void putString(Key key, byte[] value, long expireAtMs, long replaySeq) {
        Object cur = map.get(key);
        StringValue sv = new StringValue(value);
        if (cur instanceof Series s) {
            LinkedLocks locks = replaySeq == LIVE ? LinkedLocks.lock(map::get, s) : null;
            if (locks == null) s.lockStructural();
            try {
                removeEntry(key, cur);
                putEntry(key, sv, expireAtMs);
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
            putEntry(key, sv, expireAtMs);
        } else {
            map.put(key, sv);
            expiries.set(key, expireAtMs);
            keyChanged(key);
        }
        if (replaySeq == LIVE) store.log(new Op.SetString(key, value, expireAtMs));
    }

    private void putEntry(Key key, StringValue sv, long expireAtMs) {
        map.put(key, sv);
        scanIndexAdd(key);
        expiries.set(key, expireAtMs);
        router.route(key).stats().keyAdded();
        keyChanged(key);
    }

    /** Removes any entry; for a series also schedules its chunks for deletion and notifies. */
    private void removeEntry(Key key, Object cur) {
        unmap(key);
        if (cur instanceof Series s) {
            s.markRemoved();
            byId.remove(s.id());
            s.business().stats().keyRemoved();
            dirty.rangeDelete(s.business(), key.slot(), s.id());
            listener.seriesRemoved(s);
        } else {
            router.route(key).stats().keyRemoved();
        }
    }

    /** The key's metadata changed: the checkpoint must write it, and watchers hear of it. */
    private void keyChanged(Key key) {
        dirty.keyChanged(key);
        changeListener.changed(key);
    }

    private void unmap(Key key) {
        map.remove(key);
        expiries.remove(key);
        scanIndexRemove(key);
        keyChanged(key);
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
