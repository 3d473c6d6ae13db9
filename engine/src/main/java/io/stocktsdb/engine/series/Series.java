package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.aggregate.Buckets;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.chunk.UpsertResult;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.rules.CompactionRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One time series: metadata, an in-memory index of its chunks, the head chunk (where appends go)
 * and the chunks changed since the last checkpoint. Sealed, clean chunks live only on disk.
 *
 * <p>Thread safety: every operation takes the series lock, so callers on several threads see
 * each operation atomically. Mutations are applied to memory, then appended to the op log under
 * the same lock, so per series the log order is the apply order.
 *
 * <p>Compaction rules (docs/timeseries.md, "Behaviour: compaction rules"): a source series runs its rules' state machines
 * ({@link LiveRules}) inside {@link #add} and {@link #deleteRange}. When they produce destination
 * writes, the source (still holding its lock) locks each destination, applies the writes in
 * memory, then logs the destinations' ops and its own op in one op-log group, so a crash never
 * keeps one without the other. Lock order is always source before destination (a destination is
 * never a source: no chains). Replay feeds the rules too, dropping their writes (the
 * destinations' logged ops carry them), so the rules' persisted state plus replay is exact.
 *
 * <p>Public API for commands: {@link #add}, {@link #deleteRange}, {@link #range},
 * {@link #last}, {@link #alter}, {@link #info}, and the getters. Methods documented "engine
 * internal" are for the keyspace, checkpoint, recovery and compaction code.
 */
public final class Series {
    private static final long STRUCT_OVERHEAD = 176;
    private static final long CHUNK_STRUCT_OVERHEAD = 48;

    private final long id;
    private final SeriesHost host;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Key key;
    private volatile Business business;
    private volatile SeriesOptions options;

    // Everything below is guarded by lock.
    private final TreeMap<Long, ChunkSlot> sealed = new TreeMap<>();
    private ChunkSlot head;
    private long totalSamples;
    private boolean hasLast;
    private long lastTs;
    private long lastValueBits;
    private byte[] lastBlob;
    private int lastQuality;
    /** Sequence number of the last op applied to this series. */
    private long lastSeq;
    private boolean removed;
    private boolean queued;
    /** The running compaction rules, aligned with options.rules(); null when there are none. */
    private LiveRules live;
    /** The K-line family this series feeds as its price, or its volume; null when none. */
    private volatile TickHook priceHook;
    private volatile TickHook volumeHook;
    private RawSamples rawSamples;
    private final ArrayList<ChunkSlot> dirtySlots = new ArrayList<>();
    /** Disk timestamps of chunks to delete at the next checkpoint. */
    private long[] deletedDiskTs = new long[4];
    private int deletedCount;
    // Captured by the checkpoint snapshot, confirmed by checkpointWritten.
    private ChunkSlot[] snapSlots = new ChunkSlot[0];
    private long[] snapVersions = new long[0];
    private long[] snapOldDiskTs = new long[0];
    private int snapCount;
    /** Leading entries of deletedDiskTs the snapshot emitted; dropped once it is written. */
    private int snapDeleted;

    /**
     * Engine internal: a series with an empty head chunk ({@code fresh}), or one to be filled by
     * {@link #restoreChunk} and {@link #finishRestore}.
     */
    public Series(long id, Key key, Business business, SeriesOptions options, SeriesHost host, long lastSeq, boolean fresh) {
        this.id = id;
        this.key = key;
        this.business = business;
        this.options = options;
        this.host = host;
        this.lastSeq = lastSeq;
        this.live = LiveRules.of(options.rules());
        if (fresh) this.head = newHeadSlot();
    }

    public long id() { return id; }

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
            if (removed) return AddResult.REMOVED;
            SeriesOptions o = options;
            long retention = o.retentionMs();
            if (hasLast && retention > 0 && ts < lastTs && Long.compareUnsigned(lastTs - ts, retention) > 0) {
                return AddResult.TOO_OLD;
            }
            DuplicatePolicy policy = policyOverride != null ? policyOverride
                    : o.duplicatePolicy() != null ? o.duplicatePolicy() : host.defaultDuplicatePolicy();
            if (ignored(ts, valueBits, blob, policy)) return AddResult.IGNORED;
            TickHook hook = priceHook;
            if (hook != null) hook.check(ts);
            if (live != null || hook != null) return addFeedingRules(ts, valueBits, blob, quality, policy, hook);
            AddResult r = apply(ts, valueBits, blob, quality, policy);
            if (r == AddResult.ADDED || r == AddResult.UPDATED) {
                long seq = host.logAdd(key, ts, valueBits, blob, quality, policy);
                mutated(seq);
                business.stats().write();
            }
            return r;
        } finally {
            lock.unlock();
        }
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
            if (lr != null) checkCompactionDelete(from);
            long n = applyDeleteRange(from, to);
            if (n > 0) {
                long seq;
                if (lr == null && hook == null) {
                    seq = host.logDeleteRange(key, from, to);
                } else {
                    if (lr != null) {
                        lr.writes.reset(false);
                        lr.deleted(from, to, hasLast ? lastTs : -1, raw());
                    }
                    BarWrites bars = null;
                    if (hook != null) {
                        bars = new BarWrites();
                        hook.deleted(this, from, to, bars);
                    }
                    seq = logWithRuleWrites(lr, bars, false, from, to, null, 0, null);
                }
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
            if (!oldLabels.equals(options.labels())) host.labelsChanged(this, oldLabels);
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
            return new SeriesCursor(this, retentionFloor(from), to, ascending, options.valueType());
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
        return snapshot(from, to, Integer.MAX_VALUE, true);
    }

    /**
     * {@link #snapshot(long, long)} of the first {@code maxChunks} chunks of the range only, for
     * readers that page through a long range ({@code countRead} on the first page only).
     */
    public RangeSnapshot snapshot(long from, long to, int maxChunks, boolean countRead) {
        lock.lock();
        try {
            if (countRead) business.stats().read();
            from = retentionFloor(from);
            List<Chunk> chunks = new ArrayList<>();
            if (from <= to) {
                Long start = sealed.floorKey(from);
                for (ChunkSlot s : sealed.tailMap(start == null ? Long.MIN_VALUE : start, true).values()) {
                    if (s.firstTs > to || chunks.size() == maxChunks) break;
                    if (s.count > 0 && s.lastTs >= from) chunks.add(immutableChunk(s));
                }
                if (head.count > 0 && head.lastTs >= from && head.firstTs <= to && chunks.size() < maxChunks) chunks.add(immutableChunk(head));
            }
            return new RangeSnapshot(chunks.toArray(new Chunk[0]), from, to);
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
            from = retentionFloor(from);
            if (from > to) return 0;
            long n = 0;
            Long start = sealed.floorKey(from);
            for (ChunkSlot s : sealed.tailMap(start == null ? Long.MIN_VALUE : start, true).values()) {
                if (s.firstTs > to) break;
                if (s.lastTs >= from) n += s.count;
            }
            if (head.count > 0 && head.lastTs >= from && head.firstTs <= to) n += head.count;
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** {@code from} raised to {@code lastTimestamp - retention} when retention is set. Under the lock. */
    private long retentionFloor(long from) {
        long retention = options.retentionMs();
        if (hasLast && retention > 0) {
            long cutoff = lastTs - retention;
            if (cutoff <= lastTs && cutoff > from) return cutoff; // cutoff > lastTs means it underflowed
        }
        return from;
    }

    /** The slot's chunk in a form no writer changes: the shared disk copy, or a private copy of the in-memory one. */
    private Chunk immutableChunk(ChunkSlot s) {
        if (s.chunk == null) return chunkOf(s);
        byte[] encoded = host.chunkFormat().encode(s.chunk);
        return host.chunkFormat().decode(encoded, 0, encoded.length);
    }

    /** The newest sample, or null when the series is empty. */
    public Sample last() {
        lock.lock();
        try {
            business.stats().read();
            return hasLast ? new Sample(lastTs, lastValueBits, lastBlob, lastQuality) : null;
        } finally {
            lock.unlock();
        }
    }

    public boolean isEmpty() {
        lock.lock();
        try {
            return !hasLast;
        } finally {
            lock.unlock();
        }
    }

    /** lastTimestamp, or 0 when empty (as TS.INFO). */
    public long lastTimestamp() {
        lock.lock();
        try {
            return hasLast ? lastTs : 0;
        } finally {
            lock.unlock();
        }
    }

    /** TS.INFO figures; {@code withChunks} adds the per-chunk list of TS.INFO DEBUG. */
    public SeriesInfo info(boolean withChunks) {
        lock.lock();
        try {
            SeriesOptions o = options;
            long total = totalSamples;
            long first = 0;
            if (hasLast) {
                long cutoff = o.retentionMs() > 0 ? lastTs - o.retentionMs() : Long.MIN_VALUE;
                if (cutoff > lastTs) cutoff = Long.MIN_VALUE;
                boolean found = false;
                for (ChunkSlot s : orderedSlots()) {
                    if (s.count == 0) continue;
                    if (s.lastTs < cutoff) {
                        total -= s.count;
                        continue;
                    }
                    if (s.firstTs >= cutoff) {
                        first = s.firstTs;
                    } else {
                        SampleCursor c = chunkOf(s).cursor(cutoff, Long.MAX_VALUE);
                        int kept = 0;
                        while (c.next()) {
                            if (kept == 0) first = c.timestamp();
                            kept++;
                        }
                        total -= s.count - kept;
                    }
                    found = true;
                    break;
                }
                if (!found) first = 0;
            }
            long memory = STRUCT_OVERHEAD + (o.encoding() == ChunkEncoding.COMPRESSED ? 32 : 0);
            for (Map.Entry<String, String> e : o.labels().entrySet()) memory += 32 + e.getKey().length() + e.getValue().length();
            memory += 64L * o.rules().size();
            List<ChunkInfo> chunks = withChunks ? new ArrayList<>() : List.of();
            int chunkCount = 0;
            for (ChunkSlot s : orderedSlots()) {
                chunkCount++;
                memory += CHUNK_STRUCT_OVERHEAD + Math.max(s.byteSize, s == head ? o.chunkSizeBytes() : 0);
                if (withChunks) {
                    chunks.add(s.count == 0 ? new ChunkInfo(-1, -1, 0, s.byteSize) : new ChunkInfo(s.firstTs, s.lastTs, s.count, s.byteSize));
                }
            }
            return new SeriesInfo(total, memory, first, hasLast ? lastTs : 0, chunkCount, o, chunks);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ apply (live and replay)

    /** RTS's IGNORE filter (docs/timeseries.md, "Behaviour: writes"); only for the effective policy LAST. */
    private boolean ignored(long ts, long valueBits, byte[] blob, DuplicatePolicy policy) {
        SeriesOptions o = options;
        return policy == DuplicatePolicy.LAST && hasLast && ts >= lastTs
                && Long.compareUnsigned(ts - lastTs, o.ignoreMaxTimeDiff()) <= 0
                && withinIgnoredValueDiff(valueBits, blob, o.ignoreMaxValDiff());
    }

    private AddResult apply(long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) {
        if (!hasLast || ts > lastTs) {
            append(ts, valueBits, blob, quality);
            return AddResult.ADDED;
        }
        ChunkSlot slot = slotFor(ts);
        Chunk c = memoryChunk(slot);
        long oldFirst = slot.firstTs;
        int oldCount = slot.count;
        UpsertResult u = c.upsert(ts, valueBits, blob, quality, policy);
        if (u == UpsertResult.BLOCKED) return AddResult.BLOCKED;
        slot.refresh();
        rekeyIfNeeded(slot, oldFirst, oldCount);
        markDirty(slot);
        if (u == UpsertResult.ADDED) {
            totalSamples++;
            business.stats().samplesChanged(1);
        }
        if (ts == lastTs) {
            SampleCursor cur = c.cursor(ts, ts);
            if (cur.next()) setLast(cur.timestamp(), cur.valueBits(), copyOf(cur.blob()), cur.quality());
        }
        splitIfNeeded(slot);
        return u == UpsertResult.ADDED ? AddResult.ADDED : AddResult.UPDATED;
    }

    private void append(long ts, long valueBits, byte[] blob, int quality) {
        if (!head.chunk.append(ts, valueBits, blob, quality)) {
            if (head.count == 0) {
                throw new IllegalStateException("an empty chunk refused a sample (series " + key + ")");
            }
            sealHead();
            trimRetention();
            head = newHeadSlot();
            if (!head.chunk.append(ts, valueBits, blob, quality)) {
                throw new IllegalStateException("an empty chunk refused a sample (series " + key + ")");
            }
        }
        if (head.count == 0) head.firstTs = ts;
        head.lastTs = ts;
        head.count++;
        head.byteSize = head.chunk.byteSize();
        markDirty(head);
        totalSamples++;
        business.stats().samplesChanged(1);
        setLast(ts, valueBits, blob, quality);
    }

    private void setLast(long ts, long valueBits, byte[] blob, int quality) {
        hasLast = true;
        lastTs = ts;
        lastValueBits = valueBits;
        lastBlob = blob;
        lastQuality = quality;
    }

    private long applyDeleteRange(long from, long to) {
        long n = 0;
        // Sealed chunks overlapping [from, to].
        Map.Entry<Long, ChunkSlot> e = sealed.floorEntry(from);
        Long start = e != null ? e.getKey() : (sealed.isEmpty() ? null : sealed.firstKey());
        if (start != null) {
            List<ChunkSlot> overlapping = new ArrayList<>();
            for (ChunkSlot s : sealed.tailMap(start, true).values()) {
                if (s.firstTs > to) break;
                if (s.lastTs >= from) overlapping.add(s);
            }
            for (ChunkSlot s : overlapping) {
                if (from <= s.firstTs && s.lastTs <= to) {
                    n += s.count;
                    dropSealed(s);
                } else {
                    Chunk c = memoryChunk(s);
                    long oldFirst = s.firstTs;
                    int oldCount = s.count;
                    int d = c.deleteRange(from, to);
                    if (d == 0) continue;
                    n += d;
                    s.refresh();
                    if (s.count == 0) {
                        dropSealed(s);
                    } else {
                        rekeyIfNeeded(s, oldFirst, oldCount);
                        markDirty(s);
                    }
                }
            }
        }
        if (head.count > 0 && head.firstTs <= to && head.lastTs >= from) {
            int d = head.chunk.deleteRange(from, to);
            if (d > 0) {
                n += d;
                head.refresh();
                markDirty(head);
            }
        }
        if (n > 0) {
            totalSamples -= n;
            business.stats().samplesChanged(-n);
            if (lastTs >= from && lastTs <= to) recomputeLast();
        }
        return n;
    }

    private Map<String, String> applyAlter(SeriesOptions newOptions) {
        Map<String, String> oldLabels = options.labels();
        options = newOptions.keepingImmutableOf(options);
        return oldLabels;
    }

    private void recomputeLast() {
        ChunkSlot s = head.count > 0 ? head : (sealed.isEmpty() ? null : sealed.lastEntry().getValue());
        if (s == null || s.count == 0) {
            hasLast = false;
            lastBlob = null;
            return;
        }
        SampleCursor c = chunkOf(s).reverseCursor(Long.MIN_VALUE, Long.MAX_VALUE);
        if (!c.next()) throw new IllegalStateException("chunk index says " + s.count + " samples, chunk has none");
        setLast(c.timestamp(), c.valueBits(), copyOf(c.blob()), c.quality());
    }

    private static byte[] copyOf(byte[] b) {
        return b == null ? null : b.clone();
    }

    /** The chunk that holds, or should hold, an upsert at {@code ts <= lastTs}. */
    private ChunkSlot slotFor(long ts) {
        if (head.count > 0 && ts >= head.firstTs) return head;
        Map.Entry<Long, ChunkSlot> e = sealed.floorEntry(ts);
        if (e != null) return e.getValue();
        return sealed.isEmpty() ? head : sealed.firstEntry().getValue();
    }

    private void rekeyIfNeeded(ChunkSlot s, long oldFirst, int oldCount) {
        if (s == head || oldCount == 0 || s.firstTs == oldFirst) return;
        sealed.remove(oldFirst);
        sealed.put(s.firstTs, s);
    }

    /** Replaces a chunk that outgrew 1.2 x its budget by its two halves (both dirty). */
    private void splitIfNeeded(ChunkSlot s) {
        Chunk[] halves = host.chunkFormat().splitIfOversized(s.chunk);
        if (halves == null) return;
        long oldFirst = s.firstTs;
        s.chunk = halves[0];
        s.refresh();
        ChunkSlot upper = new ChunkSlot(halves[1]);
        markDirty(s);
        markDirty(upper);
        if (s == head) {
            sealed.put(s.firstTs, s);
            head = upper;
        } else {
            if (oldFirst != s.firstTs) {
                sealed.remove(oldFirst);
                sealed.put(s.firstTs, s);
            }
            sealed.put(upper.firstTs, upper);
        }
    }

    private void sealHead() {
        sealed.put(head.firstTs, head);
    }

    /** RTS SeriesTrim: when a new chunk starts, drop whole chunks older than lastTs - retention. */
    private void trimRetention() {
        long retention = options.retentionMs();
        if (retention <= 0 || !hasLast) return;
        long cutoff = lastTs - retention;
        if (cutoff > lastTs) return;
        while (!sealed.isEmpty()) {
            ChunkSlot s = sealed.firstEntry().getValue();
            if (s.lastTs >= cutoff) break;
            totalSamples -= s.count;
            business.stats().samplesChanged(-s.count);
            dropSealed(s);
        }
    }

    private void dropSealed(ChunkSlot s) {
        sealed.remove(s.firstTs);
        s.dropped = true;
        s.version++;
        s.chunk = null;
        if (s.diskTs != ChunkSlot.NOT_ON_DISK) {
            if (deletedCount == deletedDiskTs.length) deletedDiskTs = Arrays.copyOf(deletedDiskTs, deletedCount * 2);
            deletedDiskTs[deletedCount++] = s.diskTs;
            s.diskTs = ChunkSlot.NOT_ON_DISK;
        }
        queue();
    }

    private ChunkSlot newHeadSlot() {
        SeriesOptions o = options;
        return new ChunkSlot(host.chunkFormat().newChunk(o.valueType(), o.encoding(), o.chunkSizeBytes()));
    }

    /** The slot's chunk kept in memory (loaded from disk if needed), ready to be modified. */
    private Chunk memoryChunk(ChunkSlot s) {
        if (s.chunk == null) s.chunk = host.loadChunk(business, key.slot(), id, s.diskTs);
        return s.chunk;
    }

    /**
     * The slot's chunk for reading: in memory if there, else the decoded disk copy that readers
     * share (see {@link ChunkSlot#readCache}), loading it when it is missing or stale. Caller
     * holds the series lock.
     */
    Chunk chunkOf(ChunkSlot s) {
        if (s.chunk != null) return s.chunk;
        java.lang.ref.SoftReference<Chunk> ref = s.readCache;
        Chunk c = ref != null && s.readCacheVersion == s.version ? ref.get() : null;
        if (c == null) {
            c = host.loadChunk(business, key.slot(), id, s.diskTs);
            s.readCache = new java.lang.ref.SoftReference<>(c);
            s.readCacheVersion = s.version;
        }
        return c;
    }

    private void markDirty(ChunkSlot s) {
        s.version++;
        if (!s.dirty) {
            s.dirty = true;
            dirtySlots.add(s);
        }
        queue();
    }

    private void queue() {
        if (!queued) {
            queued = true;
            host.queueForCheckpoint(this);
        }
    }

    private void mutated(long seq) {
        lastSeq = seq;
        queue();
    }

    private List<ChunkSlot> orderedSlots() {
        List<ChunkSlot> all = new ArrayList<>(sealed.size() + 1);
        all.addAll(sealed.values());
        all.add(head);
        return all;
    }

    private boolean withinIgnoredValueDiff(long valueBits, byte[] blob, double maxDiff) {
        switch (options.valueType()) {
            case DOUBLE:
                return Math.abs(Double.longBitsToDouble(valueBits) - Double.longBitsToDouble(lastValueBits)) <= maxDiff;
            case INT:
                return Math.abs((double) valueBits - (double) lastValueBits) <= maxDiff;
            default:
                return Arrays.equals(blob, lastBlob);
        }
    }

    // ------------------------------------------------------------------ compaction (under the lock)

    /**
     * {@link #add} of a rule source or a K-line price series: the rules see the sample, the
     * family collects its bar writes, then the destinations get their writes.
     */
    private AddResult addFeedingRules(long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy, TickHook hook) {
        LiveRules lr = live;
        boolean append = !hasLast || ts > lastTs;
        long prevLast = hasLast ? lastTs : Long.MIN_VALUE;
        if (lr != null) {
            lr.writes.reset(false);
            // An append cannot fail once past the checks above, so the rules may see it first; a
            // closing twa bucket needs the new sample as its right neighbour anyway.
            if (append) lr.appended(ts, numeric(valueBits));
        }
        AddResult r = apply(ts, valueBits, blob, quality, policy);
        if (r != AddResult.ADDED && r != AddResult.UPDATED) return r;
        if (lr != null && !append) lr.upserted(ts, raw());
        BarWrites bars = null;
        if (hook != null) {
            bars = new BarWrites();
            hook.written(this, ts, prevLast, bars);
        }
        mutated(logWithRuleWrites(lr, bars, true, ts, valueBits, blob, quality, policy));
        business.stats().write();
        return r;
    }

    /**
     * Applies the buffered rule and bar writes (each destination locked, source before
     * destination) and logs them followed by this series' own op (an ADD, or a DEL_RANGE
     * {@code [a, b]}) in one op-log group; returns the own op's seq. Either buffer may be null.
     */
    private long logWithRuleWrites(LiveRules lr, BarWrites bars, boolean add, long a, long b, byte[] blob, int quality, DuplicatePolicy policy) {
        RuleWrites w = lr == null ? null : lr.writes;
        boolean noRules = w == null || w.isEmpty();
        boolean noBars = bars == null || bars.isEmpty();
        if (noRules && noBars) return add ? host.logAdd(key, a, b, blob, quality, policy) : host.logDeleteRange(key, a, b);
        Series[] dests = new Series[lr == null ? 0 : lr.size()];
        Map<Key, Series> barDests = new java.util.HashMap<>();
        try {
            if (!noRules) applyRuleWrites(w, dests);
            boolean[] barApplied = noBars ? null : applyBarWrites(bars, barDests);
            host.beginLogGroup();
            try {
                if (!noRules) logRuleWrites(w, dests);
                if (!noBars) logBarWrites(bars, barApplied, barDests);
                return add ? host.logAdd(key, a, b, blob, quality, policy) : host.logDeleteRange(key, a, b);
            } finally {
                host.endLogGroup();
            }
        } finally {
            for (Series d : dests) if (d != null && d != this) d.lock.unlock();
            for (Series d : barDests.values()) if (d != null) d.lock.unlock();
        }
    }

    /** Applies bar writes in memory, locking each bar series once; a missing bar series is skipped. */
    private boolean[] applyBarWrites(BarWrites bars, Map<Key, Series> locked) {
        List<BarWrites.Write> list = bars.writes();
        boolean[] applied = new boolean[list.size()];
        for (int i = 0; i < list.size(); i++) {
            BarWrites.Write bw = list.get(i);
            Series d = locked.computeIfAbsent(bw.dest(), this::lockBarSeries);
            if (d == null) continue;
            if (bw.delete()) {
                applied[i] = d.applyDeleteRange(bw.from(), bw.to()) > 0;
            } else {
                AddResult r = d.apply(bw.from(), Double.doubleToRawLongBits(bw.value()), null, 100, DuplicatePolicy.LAST);
                applied[i] = r == AddResult.ADDED || r == AddResult.UPDATED;
            }
        }
        return applied;
    }

    private void logBarWrites(BarWrites bars, boolean[] applied, Map<Key, Series> locked) {
        List<BarWrites.Write> list = bars.writes();
        for (int i = 0; i < list.size(); i++) {
            if (!applied[i]) continue;
            BarWrites.Write bw = list.get(i);
            Series d = locked.get(bw.dest());
            long seq = bw.delete()
                    ? host.logDeleteRange(d.key, bw.from(), bw.to())
                    : host.logAdd(d.key, bw.from(), Double.doubleToRawLongBits(bw.value()), null, 100, DuplicatePolicy.LAST);
            d.mutated(seq);
            d.business.stats().write();
        }
    }

    /** The live double series at {@code k}, locked; null when it is gone (a user deleted a bar series). */
    private Series lockBarSeries(Key k) {
        Series d = host.seriesAt(k);
        if (d == null || d == this) return null;
        d.lock.lock();
        if (d.removed || !d.key.equals(k) || d.valueType() != ValueType.DOUBLE) {
            d.lock.unlock();
            return null;
        }
        return d;
    }

    /** Applies the writes in memory; {@code dests[rule]} receives each locked destination ({@code this} marks "none"). */
    private void applyRuleWrites(RuleWrites w, Series[] dests) {
        List<RuleSpec> specs = options.rules();
        for (int i = 0; i < w.size(); i++) {
            int r = w.rule(i);
            if (dests[r] == null) {
                Series d = lockDestination(specs.get(r).destKey());
                dests[r] = d == null ? this : d;
            }
            if (dests[r] != this && dests[r].applyRuleWrite(w, i)) w.markApplied(i);
        }
    }

    private void logRuleWrites(RuleWrites w, Series[] dests) {
        for (int i = 0; i < w.size(); i++) {
            if (!w.applied(i)) continue;
            Series d = dests[w.rule(i)];
            long seq = w.kind(i) == RuleWrites.DELETE
                    ? host.logDeleteRange(d.key, w.from(i), w.to(i))
                    : host.logAdd(d.key, w.from(i), Double.doubleToRawLongBits(w.value(i)), null, 100, DuplicatePolicy.LAST);
            d.mutated(seq);
            d.business.stats().write();
        }
    }

    /**
     * The destination at {@code destKey}, locked, when it is still this series' destination (key
     * operations change links only with both series locked, so this holds unless it was removed
     * in between); null otherwise.
     */
    private Series lockDestination(Key destKey) {
        Series d = host.seriesAt(destKey);
        if (d == null || d == this) return null;
        d.lock.lock();
        if (d.removed || !d.key.equals(destKey) || !key.equals(d.options.sourceKey()) || d.valueType() != ValueType.DOUBLE) {
            d.lock.unlock();
            return null;
        }
        return d;
    }

    /** On a destination (locked): applies write {@code i} in memory; true when it changed something. */
    private boolean applyRuleWrite(RuleWrites w, int i) {
        long ts = w.from(i);
        long bits = Double.doubleToRawLongBits(w.value(i));
        switch (w.kind(i)) {
            case RuleWrites.CLOSE: {
                // RTS writes a closed bucket through TS.ADD's path with LAST: retention and IGNORE apply.
                long retention = options.retentionMs();
                if (hasLast && retention > 0 && ts < lastTs && Long.compareUnsigned(lastTs - ts, retention) > 0) return false;
                if (ignored(ts, bits, null, DuplicatePolicy.LAST)) return false;
                AddResult r = apply(ts, bits, null, 100, DuplicatePolicy.LAST);
                return r == AddResult.ADDED || r == AddResult.UPDATED;
            }
            case RuleWrites.UPSERT: {
                AddResult r = apply(ts, bits, null, 100, DuplicatePolicy.LAST);
                return r == AddResult.ADDED || r == AddResult.UPDATED;
            }
            default:
                return applyDeleteRange(ts, w.to(i)) > 0;
        }
    }

    /** RTS verify_compaction_del_possible: no deletes reaching before the retention window. */
    private void checkCompactionDelete(long from) {
        long retention = options.retentionMs();
        if (retention <= 0) return;
        long last = hasLast ? lastTs : 0;
        boolean obsolete = obsolete(from, last, retention);
        for (RuleSpec r : options.rules()) {
            long start = Buckets.normalize(Buckets.start(from, r.bucketDuration(), r.alignTimestamp()));
            obsolete |= obsolete(start, last, retention);
        }
        if (obsolete) throw new TsdbException(TsdbError.DELETE_BEYOND_RETENTION);
    }

    private static boolean obsolete(long ts, long lastTs, long retention) {
        return lastTs > retention && ts < lastTs - retention;
    }

    private double numeric(long valueBits) {
        return options.valueType() == ValueType.INT ? (double) valueBits : Double.longBitsToDouble(valueBits);
    }

    private RawSamples raw() {
        if (rawSamples == null) rawSamples = new RawSamples(this);
        return rawSamples;
    }

    /** As {@link #range} without read statistics, for the rules' recomputations (under the lock). */
    SampleCursor rawCursor(long from, long to, boolean ascending) {
        long retention = options.retentionMs();
        if (hasLast && retention > 0) {
            long cutoff = lastTs - retention;
            if (cutoff <= lastTs && cutoff > from) from = cutoff;
        }
        return new SeriesCursor(this, from, to, ascending, options.valueType());
    }

    /** Engine internal: the options with each rule's current state, as the op log, checkpoints and DUMP store them. */
    public SeriesOptions persistedOptions() {
        LiveRules lr = live;
        return lr == null ? options : options.withRules(lr.withState(options.rules()));
    }

    /** Publishes new rules (their state in the specs) and logs the ALTER. */
    private void setRules(List<RuleSpec> specsWithState) {
        options = options.withRules(specsWithState);
        live = LiveRules.of(specsWithState);
        mutated(host.logAlter(key, options));
    }

    // ------------------------------------------------------------------ K-line families (engine internal)

    /** Engine internal: this series feeds a K-line family as its price (null detaches). */
    public void setPriceHook(TickHook hook) {
        priceHook = hook;
    }

    /** Engine internal: this series feeds a K-line family as its volume (null detaches). */
    public void setVolumeHook(TickHook hook) {
        volumeHook = hook;
    }

    public TickHook priceHook() { return priceHook; }

    public TickHook volumeHook() { return volumeHook; }

    /** The last timestamp, or {@code none} when the series is empty. */
    public long lastTimestampOr(long none) {
        lock.lock();
        try {
            return hasLast ? lastTs : none;
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal: samples in {@code [from, to]} ascending, retention applied, without read statistics. */
    public SampleCursor rawRange(long from, long to) {
        lock.lock();
        try {
            return rawCursor(from, to, true);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Engine internal: runs {@code work} under this series' lock (a K-line family reads its bars'
     * inputs consistently), then applies and logs the bar writes it collected in one op-log group.
     */
    public void updateBars(java.util.function.Consumer<BarWrites> work) {
        lock.lock();
        try {
            if (removed) return;
            BarWrites bars = new BarWrites();
            work.accept(bars);
            if (bars.isEmpty()) return;
            Map<Key, Series> barDests = new java.util.HashMap<>();
            try {
                boolean[] applied = applyBarWrites(bars, barDests);
                host.beginLogGroup();
                try {
                    logBarWrites(bars, applied, barDests);
                } finally {
                    host.endLogGroup();
                }
            } finally {
                for (Series d : barDests.values()) if (d != null) d.lock.unlock();
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ compaction (engine internal)

    /**
     * Engine internal (LATEST): the open bucket of this source's rule into {@code destKey} as
     * {@code (bucketStart, value)}, or null when there is no such rule or its bucket is empty.
     */
    public Sample openBucket(Key destKey) {
        lock.lock();
        try {
            LiveRules lr = live;
            if (lr == null) return null;
            List<RuleSpec> specs = options.rules();
            for (int i = 0; i < specs.size(); i++) {
                if (!specs.get(i).destKey().equals(destKey)) continue;
                CompactionRule r = lr.rule(i);
                if (!r.hasOpenBucket()) return null;
                return new Sample(r.openBucketStart(), Double.doubleToRawLongBits(r.openBucketValue()), null, 100);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Engine internal (TS.CREATERULE, both series locked by the caller, links validated): adds
     * the rule into {@code dest} and links {@code dest} back. With {@code backfill} the rule is
     * first fed this series' existing samples (retention applied): closed buckets are written
     * into {@code dest}, the last stays open. Everything is logged in one op-log group.
     */
    public void addRule(Series dest, RuleSpec spec, boolean backfill) {
        lock.lock();
        try {
            CompactionRule rule = LiveRules.fresh(spec);
            int index = options.rules().size();
            RuleWrites w = new RuleWrites();
            if (backfill && hasLast) {
                SampleCursor c = rawCursor(Long.MIN_VALUE, Long.MAX_VALUE, true);
                while (c.next()) {
                    if (rule.onAppend(c.timestamp(), c.doubleValue())) w.close(index, rule.closedBucketStart(), rule.closedBucketValue());
                }
                for (int i = 0; i < w.size(); i++) if (dest.applyRuleWrite(w, i)) w.markApplied(i);
            }
            List<RuleSpec> specs = new ArrayList<>(persistedOptions().rules());
            specs.add(new RuleSpec(spec.destKey(), spec.aggregatorCode(), spec.bucketDuration(), spec.alignTimestamp(), rule.toBytes()));
            Series[] dests = new Series[index + 1];
            dests[index] = dest;
            host.beginLogGroup();
            try {
                logRuleWrites(w, dests);
                dest.setSourceLink(key);
                setRules(specs);
            } finally {
                host.endLogGroup();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Engine internal (TS.DELETERULE, key removal and RENAME, under the caller's locks and op-log
     * group): drops this source's rule into {@code destKey}; false when there is none.
     */
    public boolean removeRule(Key destKey) {
        lock.lock();
        try {
            List<RuleSpec> specs = persistedOptions().rules();
            List<RuleSpec> kept = new ArrayList<>(specs.size());
            for (RuleSpec r : specs) if (!r.destKey().equals(destKey)) kept.add(r);
            if (kept.size() == specs.size()) return false;
            setRules(kept);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal (RENAME of a destination): this source's rule into {@code oldKey} now goes to {@code newKey}. */
    public boolean renameRuleDest(Key oldKey, Key newKey) {
        lock.lock();
        try {
            List<RuleSpec> specs = new ArrayList<>(persistedOptions().rules());
            boolean changed = false;
            for (int i = 0; i < specs.size(); i++) {
                RuleSpec r = specs.get(i);
                if (!r.destKey().equals(oldKey)) continue;
                specs.set(i, new RuleSpec(newKey, r.aggregatorCode(), r.bucketDuration(), r.alignTimestamp(), r.state()));
                changed = true;
            }
            if (changed) setRules(specs);
            return changed;
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal: sets (or, with null, clears) this destination's source link and logs the ALTER. */
    public void setSourceLink(Key source) {
        lock.lock();
        try {
            if (java.util.Objects.equals(options.sourceKey(), source)) return;
            options = options.withSourceKey(source);
            mutated(host.logAlter(key, persistedOptions()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Engine internal (RESTORE of a destination, this series locked): {@code spec} with the state
     * of a rule that had been running all along, its open bucket rebuilt from this series'
     * samples of the bucket holding the last sample. Attach it with {@link #attachRule}.
     */
    public RuleSpec resumedRule(RuleSpec spec) {
        lock.lock();
        try {
            CompactionRule rule = LiveRules.fresh(spec);
            if (hasLast) rule.resume(lastTs, raw());
            return new RuleSpec(spec.destKey(), spec.aggregatorCode(), spec.bucketDuration(), spec.alignTimestamp(), rule.toBytes());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Engine internal (both series locked, inside the caller's op-log group): adds a rule with
     * its state into {@code dest} and links {@code dest} back; nothing is written into {@code dest}.
     */
    public void attachRule(Series dest, RuleSpec specWithState) {
        lock.lock();
        try {
            List<RuleSpec> specs = new ArrayList<>(persistedOptions().rules());
            specs.add(specWithState);
            dest.setSourceLink(key);
            setRules(specs);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Engine internal (RESTORE, before the series is published): sets the links that were kept,
     * rules with their restored state. Not logged: the restore op carries the options.
     */
    public void restoreLinks(List<RuleSpec> rulesWithState, Key source) {
        lock.lock();
        try {
            options = options.withRules(rulesWithState).withSourceKey(source);
            live = LiveRules.of(options.rules());
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal (DUMP): the options with rule state and every chunk, read atomically. */
    public SeriesImage image(RuleSpec sourceRule) {
        lock.lock();
        try {
            List<byte[]> chunks = new ArrayList<>(sealed.size() + 1);
            for (ChunkSlot s : orderedSlots()) {
                if (s.count > 0) chunks.add(host.chunkFormat().encode(chunkOf(s)));
            }
            return new SeriesImage(persistedOptions(), sourceRule, chunks);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Engine internal (RESTORE, before the series is published): appends every sample of the
     * encoded chunks, which must hold this series' value type in ascending timestamp order; the
     * rules are not fed. Throws IllegalArgumentException when they do not.
     */
    public void fillFromChunks(List<byte[]> chunks) {
        lock.lock();
        try {
            for (byte[] bytes : chunks) {
                Chunk c;
                try {
                    c = host.chunkFormat().decode(bytes, 0, bytes.length);
                } catch (RuntimeException corrupt) {
                    throw new IllegalArgumentException("corrupt chunk: " + corrupt.getMessage(), corrupt);
                }
                if (c.valueType() != options.valueType()) throw new IllegalArgumentException("chunk of " + c.valueType() + " values");
                SampleCursor cur = c.cursor(Long.MIN_VALUE, Long.MAX_VALUE);
                while (cur.next()) {
                    if (hasLast && cur.timestamp() <= lastTs) throw new IllegalArgumentException("samples out of order");
                    append(cur.timestamp(), cur.valueBits(), copyOf(cur.blob()), cur.quality());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ cursor support (under lock)

    ReentrantLock lock() { return lock; }

    ChunkSlot headSlot() { return head; }

    TreeMap<Long, ChunkSlot> sealedSlots() { return sealed; }

    // ------------------------------------------------------------------ engine internal: replay

    /**
     * Engine internal: replays a logged ADD (no retention or IGNORE check: the log holds only
     * applied adds). The rules see it as they did live; their destination writes are dropped.
     */
    public void replayAdd(long seq, long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) {
        lock.lock();
        try {
            if (seq <= lastSeq) return;
            LiveRules lr = live;
            if (lr == null) {
                apply(ts, valueBits, blob, quality, policy);
            } else {
                boolean append = !hasLast || ts > lastTs;
                lr.writes.reset(true);
                if (append) lr.appended(ts, numeric(valueBits));
                AddResult r = apply(ts, valueBits, blob, quality, policy);
                if (!append && (r == AddResult.ADDED || r == AddResult.UPDATED)) lr.upserted(ts, raw());
            }
            mutated(seq);
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal: replays a logged DEL_RANGE (the rules recompute as they did live). */
    public void replayDeleteRange(long seq, long from, long to) {
        lock.lock();
        try {
            if (seq <= lastSeq) return;
            long n = applyDeleteRange(from, to);
            LiveRules lr = live;
            if (n > 0 && lr != null) {
                lr.writes.reset(true);
                lr.deleted(from, to, hasLast ? lastTs : -1, raw());
            }
            mutated(seq);
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal: replays a logged ALTER (rules restart from the state the record carries). */
    public void replayAlter(long seq, SeriesOptions newOptions) {
        lock.lock();
        try {
            if (seq <= lastSeq) return;
            Map<String, String> oldLabels = applyAlter(newOptions);
            live = LiveRules.of(options.rules());
            mutated(seq);
            if (!oldLabels.equals(options.labels())) host.labelsChanged(this, oldLabels);
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal: the last op seq applied to this series. */
    public long lastSeq() {
        lock.lock();
        try {
            return lastSeq;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ engine internal: keyspace

    /**
     * Engine internal: the key is being deleted or overwritten. Afterwards every write returns
     * {@link AddResult#REMOVED}; the chunks are deleted by the keyspace (range delete).
     */
    public void markRemoved() {
        lock.lock();
        try {
            removed = true;
            business.stats().samplesChanged(-totalSamples);
        } finally {
            lock.unlock();
        }
    }

    public boolean isRemoved() {
        lock.lock();
        try {
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Engine internal (RENAME, under {@link #lockStructural}): the series moves to {@code newKey},
     * possibly another slot and business. Every chunk is loaded into memory and marked dirty, so
     * the next checkpoint writes them all under the new location; the keyspace range-deletes the
     * old location in that same checkpoint.
     */
    public void moveTo(Key newKey, Business newBusiness) {
        lock.lock();
        try {
            for (ChunkSlot s : sealed.values()) {
                memoryChunk(s);
                s.diskTs = ChunkSlot.NOT_ON_DISK;
                markDirty(s);
            }
            memoryChunk(head);
            head.diskTs = ChunkSlot.NOT_ON_DISK;
            markDirty(head);
            deletedCount = 0; // the keyspace's range delete covers them
            snapDeleted = 0;
            if (newBusiness != business) {
                business.stats().samplesChanged(-totalSamples);
                newBusiness.stats().samplesChanged(totalSamples);
            }
            key = newKey;
            business = newBusiness;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Engine internal: holds the series lock across a structural change and its op-log append,
     * so no sample op of another thread is logged between them. Pair with {@link #unlockStructural}.
     */
    public void lockStructural() {
        lock.lock();
    }

    public void unlockStructural() {
        lock.unlock();
    }

    /** Engine internal: {@link #lockStructural} giving up after about {@code timeoutMs} (false). */
    public boolean tryLockStructural(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!lock.tryLock()) {
            if (System.nanoTime() - deadline > 0) return false;
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
        return true;
    }

    /** Engine internal: a structural op with this seq (create, rename) was applied to the series. */
    public void applied(long seq) {
        lock.lock();
        try {
            mutated(seq);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ engine internal: recovery

    /** Engine internal (recovery): a chunk found on disk, in ascending order of first timestamp. */
    public void restoreChunk(long firstTs, long lastTs, int count, int byteSize) {
        lock.lock();
        try {
            sealed.put(firstTs, new ChunkSlot(firstTs, lastTs, count, byteSize, firstTs));
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal (recovery): makes the last restored chunk the head and derives the totals. */
    public void finishRestore() {
        lock.lock();
        try {
            long total = 0;
            for (ChunkSlot s : sealed.values()) total += s.count;
            totalSamples = total;
            if (sealed.isEmpty()) {
                head = newHeadSlot();
            } else {
                head = sealed.pollLastEntry().getValue();
                memoryChunk(head);
                head.refresh();
            }
            recomputeLast();
            business.stats().samplesChanged(totalSamples);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ engine internal: checkpoint

    /** Where a checkpoint snapshot writes. Called under the series lock. */
    public interface CheckpointSink {
        void putChunk(Business business, int slot, long seriesId, long firstTs, int count, long lastTs, byte[] encoded);

        void deleteChunk(Business business, int slot, long seriesId, long firstTs);

        void putSeries(Series series, Key key, Business business, SeriesOptions options, long persistedSeq);
    }

    /**
     * Engine internal: writes this series' pending changes into {@code sink} (dirty chunks with
     * their re-keying deletes, dropped chunks, metadata with persistedSeq). Returns false, writing
     * nothing, when the series was removed. Must be followed by {@link #checkpointWritten} once
     * the batch is durable in RocksDB.
     */
    public boolean checkpointSnapshot(CheckpointSink sink) {
        lock.lock();
        try {
            queued = false;
            snapCount = 0;
            if (removed) return false;
            Business b = business;
            int slot = key.slot();
            for (int i = 0; i < deletedCount; i++) sink.deleteChunk(b, slot, id, deletedDiskTs[i]);
            snapDeleted = deletedCount;
            if (snapSlots.length < dirtySlots.size()) {
                snapSlots = new ChunkSlot[dirtySlots.size()];
                snapVersions = new long[dirtySlots.size()];
                snapOldDiskTs = new long[dirtySlots.size()];
            }
            for (ChunkSlot s : dirtySlots) {
                if (s.dropped) continue;
                snapOldDiskTs[snapCount] = s.diskTs;
                if (s.count == 0) {
                    // An empty head is never stored; if an older version is on disk, delete it.
                    if (s.diskTs != ChunkSlot.NOT_ON_DISK) {
                        sink.deleteChunk(b, slot, id, s.diskTs);
                        s.diskTs = ChunkSlot.NOT_ON_DISK;
                    }
                } else {
                    if (s.diskTs != ChunkSlot.NOT_ON_DISK && s.diskTs != s.firstTs) sink.deleteChunk(b, slot, id, s.diskTs);
                    sink.putChunk(b, slot, id, s.firstTs, s.count, s.lastTs, host.chunkFormat().encode(s.chunk));
                    s.diskTs = s.firstTs;
                }
                snapSlots[snapCount] = s;
                snapVersions[snapCount] = s.version;
                snapCount++;
            }
            sink.putSeries(this, key, b, persistedOptions(), lastSeq);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal: the snapshot's batch is written; chunks unchanged since are clean now. */
    public void checkpointWritten() {
        lock.lock();
        try {
            System.arraycopy(deletedDiskTs, snapDeleted, deletedDiskTs, 0, deletedCount - snapDeleted);
            deletedCount -= snapDeleted;
            snapDeleted = 0;
            for (int i = 0; i < snapCount; i++) {
                ChunkSlot s = snapSlots[i];
                snapSlots[i] = null;
                if (s.version != snapVersions[i] || s.dropped) continue;
                s.dirty = false;
                if (s != head && s.count > 0) s.chunk = null;
            }
            snapCount = 0;
            dirtySlots.removeIf(s -> !s.dirty || s.dropped);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Engine internal: the snapshot's batch was not written (a full disk). Everything it claimed
     * is undone and the series queued again, so the next checkpoint writes it all.
     */
    public void checkpointFailed() {
        lock.lock();
        try {
            for (int i = 0; i < snapCount; i++) {
                snapSlots[i].diskTs = snapOldDiskTs[i];
                snapSlots[i] = null;
            }
            snapCount = 0;
            snapDeleted = 0;
            queued = false; // a duplicate in the queue is harmless; a series missing from it is lost
            if (!removed) queue();
        } finally {
            lock.unlock();
        }
    }
}
