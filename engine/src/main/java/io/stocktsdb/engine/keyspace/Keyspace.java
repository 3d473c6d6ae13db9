package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.common.GlobMatcher;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.business.BusinessRouter;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.MultiAdd;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesImage;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.storage.Op;
import io.stocktsdb.engine.storage.SeriesStore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Every key, in memory: strings (value + expiry) and time series. The single entry point for
 * key-level commands (TYPE, EXISTS, DEL, RENAME, KEYS, SCAN, DBSIZE, FLUSHALL, GET/SET family) and
 * for finding or creating series.
 *
 * <p>Errors: a string operation on a series (or {@link #getSeries} on a string) throws the
 * shared {@link WrongTypeException#INSTANCE}; INCRBY parse/overflow errors throw
 * shared {@link io.stocktsdb.engine.error.TsdbException}s (NOT_INTEGER, OVERFLOW). Other outcomes are return
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
    private final KeyTable t;
    private final StringOps strings;
    private final SeriesRestore restores;
    private final KeyspaceReplay replay;

    /** Engine internal: built by the engine at open. */
    public Keyspace(SeriesStore store, BusinessRouter router, long nextSeriesId, LongSupplier clockMs) {
        this.t = new KeyTable(store, router, nextSeriesId, clockMs);
        this.strings = new StringOps(t);
        this.restores = new SeriesRestore(t);
        this.replay = new KeyspaceReplay(t);
        store.setKeyLookup(t.map::get);
        store.onLabelsChanged((series, oldLabels) -> t.listener.labelsChanged(series, oldLabels));
    }

    /** Adds a mirror of the series (the label index, notifications); see {@link KeyspaceListener}. */
    public synchronized void addListener(KeyspaceListener added) {
        KeyspaceListener cur = t.listener;
        t.listener = cur == KeyTable.NO_LISTENER ? added : KeyspaceListener.both(cur, added);
    }

    /** Told of every change to a key as a whole (WATCH). */
    public void setChangeListener(KeyChangeListener listener) {
        t.changeListener = listener;
    }

    /**
     * A reload replaced {@code old} with this keyspace (recovered from the same store): the
     * listeners the server installed and the expired-keys count carry over, and watchers of the
     * keys that existed hear of them as after FLUSHALL (Redis's DEBUG RELOAD empties the data set).
     */
    void takeOverFrom(Keyspace old) {
        old.t.signalFlushing();
        t.changeListener = old.t.changeListener;
        t.expiryListener = old.t.expiryListener;
        t.expiries.addExpiredCount(old.t.expiries.expiredCount());
    }

    /** Whether the key exists but its deadline passed (it is deleted at its next access or by the active cycle). */
    public boolean isExpired(Key key) {
        return t.map.containsKey(key) && t.expiries.due(key, t.clock.getAsLong());
    }

    /** Told of every key deleted because its deadline passed (after the deletion, under the key's lock). */
    public void setExpiryListener(ExpiryListener listener) {
        t.expiryListener = listener;
    }

    // ------------------------------------------------------------------ generic

    public KeyType type(Key key) {
        Object v = t.live(key);
        if (v == null) return KeyType.NONE;
        return v instanceof Series ? KeyType.TIMESERIES : KeyType.STRING;
    }

    public boolean exists(Key key) {
        return t.live(key) != null;
    }

    /** Number of keys (DBSIZE); like Redis it may count expired keys not yet swept. */
    public int size() {
        return t.map.size();
    }

    /** DEL / UNLINK of one key of any type; false when absent. A series' chunks go at the next checkpoint. */
    public boolean delete(Key key) {
        return t.delete(key);
    }

    /** RENAME; false when {@code src} does not exist. {@code dst} is overwritten whatever its type. */
    public boolean rename(Key src, Key dst) {
        t.lock2(src, dst);
        try {
            Object cur = t.current(src);
            if (cur == null) return false;
            if (src.equals(dst)) return true;
            Object target = t.current(dst);
            long deadline = t.expiries.deadline(src);
            if (cur instanceof Series s) {
                // Locks the compaction partners of both the moved and the overwritten series.
                LinkedLocks locks = LinkedLocks.lock(t.map::get, s, target instanceof Series ts ? ts : null);
                try {
                    if (target != null) t.removeEntry(dst, target);
                    t.moveSeries(s, src, dst, deadline);
                    t.logGroup(() -> {
                        SeriesInternals.applied(s, t.store.log(new Op.Rename(src, dst)));
                        if (target instanceof Series ts) locks.unlinkRemoved(ts, dst);
                        locks.relinkRenamed(s, src, dst);
                    });
                    t.listener.seriesRenamed(s, src);
                } finally {
                    locks.unlock();
                }
            } else if (target instanceof Series ts) {
                StringValue sv = (StringValue) cur;
                LinkedLocks locks = LinkedLocks.lock(t.map::get, ts);
                try {
                    t.removeEntry(dst, target);
                    t.removeEntry(src, sv);
                    t.putEntry(dst, sv, deadline);
                    t.logGroup(() -> {
                        t.store.log(new Op.Rename(src, dst));
                        locks.unlinkRemoved(ts, dst);
                    });
                } finally {
                    locks.unlock();
                }
            } else {
                StringValue sv = (StringValue) cur;
                if (target != null) t.removeEntry(dst, target);
                t.removeEntry(src, sv);
                t.putEntry(dst, sv, deadline);
                t.store.log(new Op.Rename(src, dst));
            }
            return true;
        } finally {
            t.unlock2(src, dst);
        }
    }

    /** RENAMENX: {@link RenameOutcome#NO_SOURCE}, {@link RenameOutcome#TARGET_EXISTS} (also src == dst) or RENAMED. */
    public RenameOutcome renameIfAbsent(Key src, Key dst) {
        t.lock2(src, dst);
        try {
            if (t.current(src) == null) return RenameOutcome.NO_SOURCE;
            if (src.equals(dst) || t.current(dst) != null) return RenameOutcome.TARGET_EXISTS;
            rename(src, dst);
            return RenameOutcome.RENAMED;
        } finally {
            t.unlock2(src, dst);
        }
    }

    /** KEYS pattern (Redis glob); unordered. */
    public List<Key> keys(byte[] glob) {
        GlobMatcher m = new GlobMatcher(glob);
        long now = t.clock.getAsLong();
        List<Key> out = new ArrayList<>();
        for (Key k : t.map.keySet()) {
            if (t.expiries.due(k, now)) continue;
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
        long now = t.clock.getAsLong();
        List<Key> out = new ArrayList<>();
        long next = t.scanIndex.scan(cursor, count, k -> {
            Object v = t.map.get(k);
            if (v == null || t.expiries.due(k, now)) return;
            if (type != null && type != (v instanceof Series ? KeyType.TIMESERIES : KeyType.STRING)) return;
            if (m == null || m.matches(k.bytes())) out.add(k);
        });
        return new ScanResult(next, out);
    }

    /** RANDOMKEY: a live key picked at random (by scan order), or null when there is none. */
    public Key randomKey() {
        return t.scanIndex.random(k -> t.live(k) != null);
    }

    /** FLUSHALL / FLUSHDB. */
    public void flushAll() {
        t.structure.writeLock().lock();
        try {
            t.wipe();
            t.store.log(new Op.FlushAll());
        } finally {
            t.structure.writeLock().unlock();
        }
    }

    // ------------------------------------------------------------------ strings (see StringOps)

    /** GET: the value, or null when absent; throws {@link WrongTypeException} on a series. */
    public byte[] getString(Key key) {
        return strings.get(key);
    }

    /**
     * SET. {@code expireAtMs} is absolute (-1 = none); {@code keepTtl} keeps the current expiry.
     * With {@code get}, the previous string is returned in the outcome and a series at the key
     * throws {@link WrongTypeException}; without it, SET replaces a series like Redis does. The
     * value array is kept: the caller must not modify it afterwards.
     */
    public SetOutcome setString(Key key, byte[] value, long expireAtMs, SetMode mode, boolean keepTtl, boolean get) {
        return strings.set(key, value, expireAtMs, mode, keepTtl, get);
    }

    /** SET of a value received in parts (a huge argument): a big value is kept in its parts, never joined. */
    public SetOutcome setString(Key key, byte[][] parts, long expireAtMs, SetMode mode, boolean keepTtl, boolean get) {
        return strings.set(key, parts, expireAtMs, mode, keepTtl, get);
    }

    /** INCRBY/DECRBY/INCR/DECR: the new value; keeps the expiry. */
    public long incrBy(Key key, long delta) {
        return strings.incrBy(key, delta);
    }

    /** APPEND: the new length; keeps the expiry. */
    public long append(Key key, byte[] suffix) {
        return strings.append(key, suffix);
    }

    /**
     * Atomic read-modify-write of a string that keeps its deadline (SETRANGE, SETBIT,
     * INCRBYFLOAT): {@code update} gets the current value (null when absent) and returns the new
     * one, or null to leave the key untouched. Returns the value the key holds afterwards (null
     * when absent). WRONGTYPE on a series; a TsdbException thrown by {@code update} aborts.
     */
    public byte[] updateString(Key key, UnaryOperator<byte[]> update) {
        return strings.update(key, update);
    }

    /** GETDEL: the string, deleted; null when absent. WRONGTYPE (and no deletion) on a series. */
    public byte[] getAndDelete(Key key) {
        return strings.getAndDelete(key);
    }

    /** MSETNX: sets every pair (no deadline) only when none of the keys exists; atomic for all of them. */
    public boolean setAllIfNoneExists(List<Key> keys, List<byte[]> values) {
        return strings.setAllIfNoneExists(keys, values);
    }

    /** STRLEN: 0 when absent. */
    public long strlen(Key key) {
        return strings.length(key);
    }

    /**
     * GET of a value that may be huge: its parts as held (one for an ordinary value, several of
     * at most a few MB for a big one received in parts), never joined; null when absent. The
     * arrays must not be modified.
     */
    public byte[][] getStringParts(Key key) {
        return strings.getParts(key);
    }

    // ------------------------------------------------------------------ deadlines (see StringOps)

    /** The key's deadline (absolute Unix ms): -1 when it has none, -2 when the key does not exist. */
    public long expireAtMs(Key key) {
        return strings.expireAtMs(key);
    }

    /**
     * EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT with the deadline already absolute: checks the
     * condition as Redis does (no deadline counts as infinite), then sets the deadline, or
     * deletes the key when the deadline is not in the future.
     */
    public ExpireOutcome expire(Key key, long atMs, ExpireCondition condition) {
        return strings.expire(key, atMs, condition);
    }

    /** PERSIST: true when the key had a deadline and no longer has one. */
    public boolean persist(Key key) {
        return strings.persist(key);
    }

    /**
     * GETEX: the string (null when absent; WRONGTYPE on a series) and, when it exists, its new
     * deadline: {@code atMs} >= 0 sets it (a past one deletes the key), {@code persist} removes it.
     */
    public GetExOutcome getEx(Key key, long atMs, boolean persist) {
        return strings.getEx(key, atMs, persist);
    }

    /** Deletes up to {@code max} keys whose deadline passed; returns how many. The active expiry cycle. */
    public int sweepExpired(int max) {
        long now = t.clock.getAsLong();
        int n = 0;
        for (Key k : t.expiries.keys()) {
            if (n >= max) break;
            if (t.expiries.due(k, now) && strings.expireNow(k)) n++;
        }
        return n;
    }

    /** Time series among the keys (the rest are strings). */
    public int seriesCount() {
        return t.byId.size();
    }

    /** Keys that carry an expiry (INFO keyspace {@code expires}). */
    public int expiringCount() {
        return t.expiries.count();
    }

    /**
     * Mean remaining time to live in ms of up to {@code sample} expiring keys, as Redis's
     * {@code avg_ttl} estimates it from a sample; 0 when no key expires.
     */
    public long averageTtlMs(int sample) {
        return t.expiries.averageTtlMs(sample, t.clock.getAsLong());
    }

    /** Keys deleted because their time to live passed (INFO stats {@code expired_keys}). */
    public long expiredKeys() {
        return t.expiries.expiredCount();
    }

    /** CONFIG RESETSTAT. */
    public void resetExpiredKeys() {
        t.expiries.resetExpiredCount();
    }

    // ------------------------------------------------------------------ series

    /** The series at {@code key}, or null when absent; throws {@link WrongTypeException} on a string. */
    /** OBJECT IDLETIME: seconds since a command last read or wrote the key (this look does not count), -1 when absent. */
    public long idleSeconds(Key key) {
        Object v = t.map.get(key);
        long now = t.clock.getAsLong();
        if (v == null || t.expiries.due(key, now)) return -1;
        return KeyTable.idleSeconds(v, now);
    }

    public Series getSeries(Key key) {
        return getSeries(key, t.clock.getAsLong());
    }

    /** As {@link #getSeries(Key)} at the clock reading {@code nowMs} (read once per command by multi-key writes). */
    public Series getSeries(Key key, long nowMs) {
        Object v = t.live(key, nowMs);
        if (v == null) return null;
        if (v instanceof Series s) return s;
        throw WrongTypeException.INSTANCE;
    }

    /**
     * The series at {@code key} for a caller that may hold a series lock (a K-line family's tick
     * hook and bar writes): null when absent, not a series, or past its deadline at
     * {@code nowMs}. Unlike {@link #getSeries} it deletes nothing, since deleting takes key locks
     * that must not be taken under a series lock (an expired key goes at its next lookup or in
     * the active expiry cycle), and it notes no access.
     */
    public Series liveSeriesWithoutDeleting(Key key, long nowMs) {
        return t.map.get(key) instanceof Series s && !t.expiries.due(key, nowMs) ? s : null;
    }

    /** The clock commands read (ms): deadlines and OBJECT IDLETIME are measured against it. */
    public long clockMs() {
        return t.clock.getAsLong();
    }

    /** Whether {@code key}'s deadline has passed at {@code nowMs}; lock-free, deletes nothing. */
    public boolean expiredAt(Key key, long nowMs) {
        return t.expiries.due(key, nowMs);
    }

    /**
     * As {@link #getSeries(Key, long)} for the key held in {@code buf[off, off + len)}, allocating
     * nothing when {@code hint} (the series an earlier call returned for the same position of a
     * similar command, or null) still is the live series at that key: it is this keyspace's, its
     * key has these bytes, it is not removed, and no key has a deadline (expiry is then checked the usual way). A stale
     * answer cannot slip through: a series that is removed meanwhile refuses adds (REMOVED).
     * Takes no lock while {@code run} is open (it is paused first when a lookup might).
     */
    public Series getSeries(byte[] buf, int off, int len, long nowMs, Series hint, MultiAdd run) {
        boolean deadlines = t.expiries.count() != 0;
        if (hint != null && !deadlines && !hint.removedHint() && SeriesInternals.hostedBy(hint, t.store)) {
            byte[] k = hint.key().bytes();
            if (java.util.Arrays.equals(k, 0, k.length, buf, off, off + len)) {
                KeyTable.touch(hint, nowMs);
                return hint;
            }
        }
        if (deadlines) run.pause(); // an expired key is deleted on the way, which locks and logs
        return getSeries(Key.of(buf, off, len), nowMs);
    }

    /** Adds of one command to many series, logged as runs (TS.MADD): see {@link MultiAdd}. */
    public MultiAdd multiAdd() {
        return SeriesInternals.multiAdd(t.store);
    }

    /** TS.CREATE: a new series, or null when the key exists (any type). */
    public Series createSeries(Key key, SeriesOptions options) {
        t.lockKey(key);
        try {
            if (t.current(key) != null) return null;
            return create(key, options);
        } finally {
            t.unlockKey(key);
        }
    }

    /** The series at {@code key}, created with {@code options} when absent; WRONGTYPE on a string. */
    public Series getOrCreateSeries(Key key, SeriesOptions options) {
        Series s = getSeries(key);
        if (s != null) return s;
        t.lockKey(key);
        try {
            Object cur = t.current(key);
            if (cur instanceof Series existing) return existing;
            if (cur != null) throw WrongTypeException.INSTANCE;
            return create(key, options);
        } finally {
            t.unlockKey(key);
        }
    }

    /** Under the key's lock: a new series at an absent key, logged. */
    private Series create(Key key, SeriesOptions options) {
        long id = t.nextSeriesId.getAndIncrement();
        Business business = t.router.route(key);
        Series s = t.mapNewSeries(key, id, business, options);
        try {
            SeriesInternals.applied(s, t.store.log(new Op.CreateSeries(key, id, business.name(), options)));
            t.listener.seriesCreated(s);
        } finally {
            SeriesInternals.unlockStructural(s);
        }
        return s;
    }

    /**
     * Whether {@code s} (found through the label index) is still the live series at its key; one
     * past its deadline is deleted on the way, as any access would.
     */
    public boolean isLive(Series s) {
        return t.live(s.key()) == s;
    }

    /** The series with this id, or null. */
    public Series seriesById(long id) {
        return t.byId.get(id);
    }

    /** Visits every series (label index build at start). */
    public void forEachSeries(Consumer<Series> visitor) {
        for (Series s : t.byId.values()) visitor.accept(s);
    }

    /** The business a new key would go to. */
    public Business businessOf(Key key) {
        return t.router.route(key);
    }

    // ------------------------------------------------------------------ RESTORE

    /**
     * RESTORE of a string: false (nothing changed) when the key exists and {@code replace} is
     * false. An {@code expireAtMs} already in the past only deletes the old key (with replace),
     * as Redis does.
     */
    public boolean restoreString(Key key, byte[] value, long expireAtMs, boolean replace) {
        return strings.restore(key, value, expireAtMs, replace);
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
        return restores.restore(key, image, replace, expireAtMs);
    }

    // ------------------------------------------------------------------ engine internal

    /**
     * Engine internal (compaction rule changes): holds both keys' stripe locks, as a key-level
     * mutation of two keys does, so neither key is deleted, renamed or overwritten meanwhile.
     */
    void lockKeys(Key a, Key b) {
        t.lock2(a, b);
    }

    void unlockKeys(Key a, Key b) {
        t.unlock2(a, b);
    }

    /** Engine internal: runs {@code logging} as one op-log group (see OpLog#beginGroup). */
    void logGroup(Runnable logging) {
        t.logGroup(logging);
    }

    /** Engine internal: the checkpoint holds this exclusively while it snapshots. */
    ReentrantReadWriteLock structureLock() {
        return t.structure;
    }

    /** Engine internal: the raw entry (StringValue or Series) for the checkpoint, expired or not. */
    Object rawEntry(Key key) {
        return t.map.get(key);
    }

    /** Engine internal: a string record's value and expiry, for the checkpoint; null when {@code entry} is not a string. */
    static byte[] stringValueOf(Object entry) {
        return entry instanceof StringValue s ? s.bytes() : null;
    }

    /** Engine internal: a string entry's length (a big value is not joined); -1 when not a string. */
    static long stringLengthOf(Object entry) {
        return entry instanceof StringValue s ? s.length() : -1;
    }

    /** Engine internal: the id of a string entry's value stored in parts, 0 when it is stored inline (or not a string). */
    static long bigValueIdOf(Object entry) {
        return entry instanceof StringValue s ? s.valueId : 0;
    }

    /** Engine internal (checkpoint, structure lock held exclusively): big values nothing refers to any more. */
    long[] unreferencedBigValues() {
        return t.bigRefs.unreferenced();
    }

    /** Engine internal: their parts are deleted. */
    void forgetBigValues(long[] ids) {
        t.bigRefs.forget(ids);
    }

    /** Engine internal (recovery): whether a record met during recovery names this big value. */
    boolean knowsBigValue(long id) {
        return t.bigRefs.known(id);
    }

    /** Engine internal: a key's deadline as stored (-1 = none), expired or not, for the checkpoint. */
    long deadlineOf(Key key) {
        return t.expiries.deadline(key);
    }

    public long nextSeriesId() {
        return t.nextSeriesId.get();
    }

    /** Engine internal (recovery): a string from its metadata record. */
    void recoverString(Key key, byte[][] parts, long valueId, long expireAtMs) {
        StringValue sv = parts.length == 1 ? new StringValue(parts[0], valueId) : new StringValue(parts, valueId);
        Object old = t.map.put(key, sv);
        t.left(old);
        t.entered(sv);
        if (old == null) {
            t.scanIndex.add(key);
            t.router.route(key).stats().keyAdded();
        }
        t.expiries.set(key, expireAtMs);
    }

    /** Engine internal (recovery): a series from its metadata record, chunks restored by the caller. */
    void recoverSeries(Series s, long expireAtMs) {
        t.map.put(s.key(), s);
        t.scanIndex.add(s.key());
        t.expiries.set(s.key(), expireAtMs);
        t.byId.put(s.id(), s);
        s.business().stats().keyAdded();
        t.idSeen(s.id());
    }

    /** Engine internal (recovery): applies a structural op read from the log with its original seq; see {@link KeyspaceReplay}. */
    void replay(Op op, long seq) {
        replay.apply(op, seq);
    }
}
