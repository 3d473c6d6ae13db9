package io.stocktsdb.engine.series;

import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.key.Key;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One time series: its identity and options, its samples ({@link SeriesChunks}), and the command
 * API over them. Sealed, clean chunks live only on disk.
 *
 * <p>Thread safety: every operation takes the series lock, so callers on several threads see
 * each operation atomically. Mutations are applied to memory, then appended to the op log under
 * the same lock, so per series the log order is the apply order.
 *
 * <p>Collaborators, one job each, all under this series' lock: {@link SeriesChunks} (chunk index,
 * apply), {@link RuleFanOut} (writes into compaction destinations and K-line bar series, with the
 * lock order source before destination; docs/timeseries.md, "Behaviour: compaction rules"),
 * {@link RuleLinks} (the rule list and source link), {@link SeriesReplay} (recovery) and
 * {@link SeriesCheckpoint} (what a checkpoint wrote).
 *
 * <p>Public API for commands: {@link #add}, {@link #deleteRange}, {@link #range},
 * {@link #last}, {@link #alter}, {@link #info}, and the getters. Methods documented "engine
 * internal" are for the keyspace, checkpoint, recovery and compaction code.
 */
public final class Series {
    private final long id;
    private final SeriesHost host;
    final ReentrantLock lock = new ReentrantLock();
    private volatile Key key;
    private volatile Business business;
    private volatile SeriesOptions options;

    // Everything below is guarded by lock.
    final SeriesChunks chunks;
    final RuleFanOut fanOut;
    final RuleLinks links;
    private final SeriesReplay replay;
    private final SeriesCheckpoint checkpoint;
    /** Sequence number of the last op applied to this series. */
    long lastSeq;
    /** Written under the lock; volatile so that {@link #isRemoved} needs no lock (K-line families ask per tick) and lookups can drop a cached reference to a removed series. */
    volatile boolean removed;
    private boolean queued;
    /** The running compaction rules, aligned with options.rules(); null when there are none. */
    LiveRules live;
    /** The K-line family this series feeds as its price, or its volume; null when none. */
    private volatile TickHook priceHook;
    private volatile TickHook volumeHook;
    private RawSamples rawSamples;
    /** The options instance {@link #encodedOptions} encodes (a checkpoint's cache; guarded by lock). */
    private SeriesOptions encodedOptionsOf;
    private byte[] encodedOptions;

    /**
     * Engine internal: a series with an empty head chunk ({@code fresh}), or one to be filled by
     * {@link #restoreChunk} and {@link #finishRestore}.
     */
    Series(long id, Key key, Business business, SeriesOptions options, SeriesHost host, long lastSeq, boolean fresh) {
        this.id = id;
        this.key = key;
        this.business = business;
        this.options = options;
        this.host = host;
        this.lastSeq = lastSeq;
        this.live = LiveRules.of(options.rules());
        this.chunks = new SeriesChunks(this, host);
        this.fanOut = new RuleFanOut(this, host);
        this.links = new RuleLinks(this, host);
        this.replay = new SeriesReplay(this);
        this.checkpoint = new SeriesCheckpoint(chunks, host);
        if (fresh) chunks.startEmpty();
    }

    public long id() { return id; }

    /** Second a command last read or wrote this series (OBJECT IDLETIME); plain field, see StringValue. */
    private long accessedSecond = System.currentTimeMillis() / 1000;

    public void accessed(long nowMs) {
        long s = nowMs / 1000;
        if (s != accessedSecond) accessedSecond = s;
    }

    public long accessedSecond() { return accessedSecond; }

    public Key key() { return key; }

    public Business business() { return business; }

    public SeriesOptions options() { return options; }

    public ValueType valueType() { return options.valueType(); }

    // ------------------------------------------------------------------ writes

    /**
     * Adds one sample with RedisTimeSeries semantics: retention check against lastTimestamp, the
     * IGNORE filter (effective policy LAST only), append when {@code ts > lastTimestamp}, else an
     * upsert with the effective duplicate policy ({@code policyOverride}, else the series', else
     * the default). Only ADDED and UPDATED change anything and reach the op log.
     *
     * @param valueBits raw double bits (DOUBLE) or the integer (INT); ignored for STRING/HASH
     * @param blob      the value of a STRING/HASH sample; null for numeric series
     * @param quality   0..100
     */
    public AddResult add(long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policyOverride) {
        AddResult r = addLocked(ts, valueBits, blob, quality, policyOverride);
        TickHook v = volumeHook;
        if (v != null && (r == AddResult.ADDED || r == AddResult.UPDATED)) v.volumeChanged(ts, ts);
        return r;
    }

    private AddResult addLocked(long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policyOverride) {
        lock.lock();
        try {
            return addHeld(ts, valueBits, blob, quality, policyOverride, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #add} without a policy override for a {@link MultiAdd} run (logged into the run's
     * one op-log record): null, having changed nothing, when this series cannot join the run
     * without blocking — its lock is busy, or it feeds compaction rules or a K-line family, whose
     * writes lock other series.
     */
    AddResult addInRun(long ts, long valueBits, int quality) {
        if (volumeHook != null || !lock.tryLock()) return null;
        try {
            return addHeld(ts, valueBits, null, quality, null, true);
        } finally {
            lock.unlock();
        }
    }

    private AddResult addHeld(long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policyOverride, boolean inRun) {
        if (removed) return AddResult.REMOVED;
        TickHook hook = priceHook;
        if (inRun && (live != null || hook != null)) return null;
        SeriesOptions o = options;
        if (chunks.tooOld(ts, o.retentionMs())) return AddResult.TOO_OLD;
        DuplicatePolicy policy = policyOverride != null ? policyOverride
                : o.duplicatePolicy() != null ? o.duplicatePolicy() : host.defaultDuplicatePolicy();
        if (chunks.ignored(ts, valueBits, blob, policy)) return AddResult.IGNORED;
        if (hook != null) hook.check(ts);
        if (live != null || hook != null) return fanOut.add(ts, valueBits, blob, quality, policy, hook);
        AddResult r = chunks.apply(ts, valueBits, blob, quality, policy);
        if (r == AddResult.ADDED || r == AddResult.UPDATED) {
            mutated(inRun ? host.logRunAdd(id, ts, valueBits, policy) : host.logAdd(key, ts, valueBits, blob, quality, policy));
            business.stats().write();
        }
        return r;
    }

    /**
     * Removes samples with {@code from <= ts <= to} (inclusive); returns how many were removed.
     * A compaction source recomputes the affected buckets of its destinations; when it has a
     * retention, deleting before {@code lastTimestamp - retention} (or in a bucket that starts
     * there) throws {@link TsdbException} ({@link io.stocktsdb.engine.error.TsdbError#DELETE_BEYOND_RETENTION}) and deletes nothing.
     */
    public long deleteRange(long from, long to) {
        long n = deleteRangeLocked(from, to);
        TickHook v = volumeHook;
        if (v != null && n > 0) v.volumeChanged(from, to);
        return n;
    }

    private long deleteRangeLocked(long from, long to) {
        lock.lock();
        try {
            if (removed || from > to) return 0;
            LiveRules lr = live;
            TickHook hook = priceHook;
            if (lr != null) fanOut.checkCompactionDelete(from);
            long n = chunks.deleteRange(from, to);
            if (n > 0) {
                long seq = lr == null && hook == null ? host.logDeleteRange(key, from, to) : fanOut.deleted(from, to, lr, hook);
                mutated(seq);
                business.stats().write();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the options (TS.ALTER). The value type and encoding never change, and neither do
     * the compaction links (rules, sourceKey), which only the compaction service changes: all
     * are kept from the current options. Returns false when the series was removed.
     */
    public boolean alter(SeriesOptions newOptions) {
        lock.lock();
        try {
            if (removed) return false;
            SeriesOptions cur = options;
            Map<String, String> oldLabels = applyAlter(newOptions.withRules(cur.rules()).withSourceKey(cur.sourceKey()));
            mutated(host.logAlter(key, persistedOptions()));
            if (!oldLabels.equals(options.labels())) labelsChanged(oldLabels);
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ reads

    /**
     * Samples with {@code from <= ts <= to}, ascending or descending, with {@code from} clamped
     * to {@code lastTimestamp - retention} when retention is set. The cursor reads one chunk at
     * a time under the series lock (sealed chunks from disk, by point lookups through the
     * in-memory index), so it stays valid and ordered while writers continue; each chunk is seen
     * atomically, the range as a whole is not a snapshot.
     */
    public SampleCursor range(long from, long to, boolean ascending) {
        lock.lock();
        try {
            business.stats().read();
            return chunks.cursor(from, to, ascending);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The samples with {@code from <= ts <= to} as of now (retention applied as in
     * {@link #range}), for readers that take long over them: see {@link RangeSnapshot}. Loads the
     * range's chunks from disk now; they stay compressed until read.
     */
    public RangeSnapshot snapshot(long from, long to) {
        return snapshot(from, to, Integer.MAX_VALUE, true, false);
    }

    /**
     * {@link #snapshot(long, long)} of the first {@code maxChunks} chunks of the range only, for
     * readers that page through a long range ({@code countRead} on the first page only).
     */
    public RangeSnapshot snapshot(long from, long to, int maxChunks, boolean countRead) {
        return snapshot(from, to, maxChunks, countRead, false);
    }

    /**
     * As {@link #snapshot(long, long, int, boolean)}; with {@code indexed} the private copies of
     * in-memory chunks carry the chunk's {@link io.stocktsdb.engine.chunk.ChunkIndex} (built or
     * extended on the in-memory chunk now), for readers that go block by block.
     */
    public RangeSnapshot snapshot(long from, long to, int maxChunks, boolean countRead, boolean indexed) {
        lock.lock();
        try {
            if (countRead) business.stats().read();
            return chunks.snapshot(from, to, maxChunks, indexed);
        } finally {
            lock.unlock();
        }
    }

    /**
     * At most how many samples {@code [from, to]} holds, from the chunk index alone (no I/O):
     * the counts of every chunk that overlaps it. Lets readers pick a path by reply size.
     */
    public long samplesAtMost(long from, long to) {
        lock.lock();
        try {
            return chunks.samplesAtMost(from, to);
        } finally {
            lock.unlock();
        }
    }

    /** The newest sample, or null when the series is empty. */
    public Sample last() {
        lock.lock();
        try {
            business.stats().read();
            return chunks.lastSample();
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the K-line families' running bars (no read statistics): the numeric value of the newest
     * sample when it is at {@code ts}, else NaN.
     */
    double newestValueAt(long ts) {
        lock.lock();
        try {
            return chunks.hasLast && chunks.lastTs == ts ? numeric(chunks.lastValueBits()) : Double.NaN;
        } finally {
            lock.unlock();
        }
    }

    public boolean isEmpty() {
        lock.lock();
        try {
            return !chunks.hasLast;
        } finally {
            lock.unlock();
        }
    }

    /** lastTimestamp, or 0 when empty (as TS.INFO). */
    public long lastTimestamp() {
        return lastTimestampOr(0);
    }

    /** The last timestamp, or {@code none} when the series is empty. */
    public long lastTimestampOr(long none) {
        lock.lock();
        try {
            return chunks.hasLast ? chunks.lastTs : none;
        } finally {
            lock.unlock();
        }
    }

    /** TS.INFO figures; {@code withChunks} adds the per-chunk list of TS.INFO DEBUG. */
    public SeriesInfo info(boolean withChunks) {
        lock.lock();
        try {
            return chunks.info(options, withChunks);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ shared with the collaborators (under the lock)

    Map<String, String> applyAlter(SeriesOptions newOptions) {
        Map<String, String> oldLabels = options.labels();
        options = newOptions.keepingImmutableOf(options);
        return oldLabels;
    }

    void setOptions(SeriesOptions o) {
        options = o;
    }

    void labelsChanged(Map<String, String> oldLabels) {
        host.labelsChanged(this, oldLabels);
    }

    void queue() {
        if (!queued) {
            queued = true;
            host.queueForCheckpoint(this);
        }
    }

    void mutated(long seq) {
        lastSeq = seq;
        queue();
    }

    double numeric(long valueBits) {
        return options.valueType() == ValueType.INT ? (double) valueBits : Double.longBitsToDouble(valueBits);
    }

    RawSamples raw() {
        if (rawSamples == null) rawSamples = new RawSamples(this);
        return rawSamples;
    }

    /** As {@link #range} without read statistics, for the rules' recomputations (under the lock). */
    SampleCursor rawCursor(long from, long to, boolean ascending) {
        return chunks.cursor(from, to, ascending);
    }

    // ------------------------------------------------------------------ cursor support (under lock)

    ReentrantLock lock() { return lock; }

    ChunkSlot headSlot() { return chunks.head; }

    java.util.TreeMap<Long, ChunkSlot> sealedSlots() { return chunks.sealed; }

    Chunk chunkOf(ChunkSlot s) { return chunks.chunkOf(s); }

    // ------------------------------------------------------------------ engine internal: keyspace

    void markRemoved() {
        lock.lock();
        try {
            removed = true;
            business.stats().samplesChanged(-chunks.totalSamples);
        } finally {
            lock.unlock();
        }
    }

    boolean hostedBy(SeriesHost h) {
        return host == h;
    }

    /** {@link #isRemoved} without the lock: may lag a concurrent removal (an add re-checks under the lock). */
    public boolean removedHint() {
        return removed;
    }

    public boolean isRemoved() {
        return removed;
    }

    void moveTo(Key newKey, Business newBusiness) {
        lock.lock();
        try {
            chunks.rewriteEverythingOnNextCheckpoint();
            checkpoint.forgetDeletes();
            if (newBusiness != business) {
                business.stats().samplesChanged(-chunks.totalSamples);
                newBusiness.stats().samplesChanged(chunks.totalSamples);
            }
            key = newKey;
            business = newBusiness;
        } finally {
            lock.unlock();
        }
    }

    void lockStructural() {
        lock.lock();
    }

    void unlockStructural() {
        lock.unlock();
    }

    boolean tryLockStructural(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!lock.tryLock()) {
            if (System.nanoTime() - deadline > 0) return false;
            LockSupport.parkNanos(20_000);
        }
        return true;
    }

    void applied(long seq) {
        lock.lock();
        try {
            mutated(seq);
        } finally {
            lock.unlock();
        }
    }

    long lastSeq() {
        lock.lock();
        try {
            return lastSeq;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ engine internal: replay and recovery

    void replayAdd(long seq, long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) {
        replay.add(seq, ts, valueBits, blob, quality, policy);
    }

    void replayDeleteRange(long seq, long from, long to) {
        replay.deleteRange(seq, from, to);
    }

    void replayAlter(long seq, SeriesOptions newOptions) {
        replay.alter(seq, newOptions);
    }

    void restoreChunk(long firstTs, long lastTs, int count, int byteSize) {
        lock.lock();
        try {
            chunks.restoreChunk(firstTs, lastTs, count, byteSize);
        } finally {
            lock.unlock();
        }
    }

    void finishRestore() {
        lock.lock();
        try {
            chunks.finishRestore();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ engine internal: DUMP and RESTORE

    SeriesImage image(RuleSpec sourceRule) {
        lock.lock();
        try {
            return new SeriesImage(persistedOptions(), sourceRule, chunks.encodedChunks());
        } finally {
            lock.unlock();
        }
    }

    void fillFromChunks(List<byte[]> encodedChunks) {
        lock.lock();
        try {
            chunks.fillFromChunks(encodedChunks);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ engine internal: checkpoint

    boolean checkpointSnapshot(CheckpointSink sink) {
        lock.lock();
        try {
            queued = false;
            if (removed) {
                checkpoint.nothingWritten();
                return false;
            }
            checkpoint.snapshot(sink, this, business, key.slot(), id);
            return true;
        } finally {
            lock.unlock();
        }
    }

    void checkpointWritten() {
        lock.lock();
        try {
            checkpoint.written();
        } finally {
            lock.unlock();
        }
    }

    void checkpointFailed() {
        lock.lock();
        try {
            checkpoint.failed();
            queued = false; // a duplicate in the queue is harmless; a series missing from it is lost
            if (!removed) queue();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ engine internal: compaction links

    SeriesOptions persistedOptions() {
        return links.persistedOptions();
    }

    /** Under the lock (a checkpoint snapshot): the encoding of {@code o}, recomputed only when the options changed. */
    byte[] encodedOptions(SeriesOptions o, java.util.function.Function<SeriesOptions, byte[]> encoder) {
        if (encodedOptionsOf != o) {
            encodedOptions = encoder.apply(o);
            encodedOptionsOf = o;
        }
        return encodedOptions;
    }

    // ------------------------------------------------------------------ engine internal: K-line families

    void setPriceHook(TickHook hook) {
        priceHook = hook;
    }

    void setVolumeHook(TickHook hook) {
        volumeHook = hook;
    }

    TickHook priceHook() { return priceHook; }

    TickHook volumeHook() { return volumeHook; }

    SampleCursor rawRange(long from, long to) {
        lock.lock();
        try {
            return chunks.cursor(from, to, true);
        } finally {
            lock.unlock();
        }
    }

    void updateBars(Consumer<BarWrites> work) {
        lock.lock();
        try {
            if (removed) return;
            fanOut.updateBars(work);
        } finally {
            lock.unlock();
        }
    }
}
