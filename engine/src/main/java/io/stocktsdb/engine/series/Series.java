package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.chunk.UpsertResult;
import io.stocktsdb.engine.keyspace.Key;

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
 * <p>Public API for commands: {@link #add}, {@link #deleteRange}, {@link #range},
 * {@link #last}, {@link #alter}, {@link #info}, and the getters. Methods documented "engine
 * internal" are for the keyspace, checkpoint and recovery code.
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
    private final ArrayList<ChunkSlot> dirtySlots = new ArrayList<>();
    /** Disk timestamps of chunks to delete at the next checkpoint. */
    private long[] deletedDiskTs = new long[4];
    private int deletedCount;
    // Captured by the checkpoint snapshot, confirmed by checkpointWritten.
    private ChunkSlot[] snapSlots = new ChunkSlot[0];
    private long[] snapVersions = new long[0];
    private int snapCount;

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
            if (policy == DuplicatePolicy.LAST && hasLast && ts >= lastTs
                    && Long.compareUnsigned(ts - lastTs, o.ignoreMaxTimeDiff()) <= 0
                    && withinIgnoredValueDiff(valueBits, blob, o.ignoreMaxValDiff())) {
                return AddResult.IGNORED;
            }
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

    /** Removes samples with {@code from <= ts <= to} (inclusive); returns how many were removed. */
    public long deleteRange(long from, long to) {
        lock.lock();
        try {
            if (removed || from > to) return 0;
            long n = applyDeleteRange(from, to);
            if (n > 0) {
                mutated(host.logDeleteRange(key, from, to));
                business.stats().write();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the options (TS.ALTER and rule changes). The value type and encoding never change:
     * they are kept from the current options. Returns false when the series was removed.
     */
    public boolean alter(SeriesOptions newOptions) {
        lock.lock();
        try {
            if (removed) return false;
            Map<String, String> oldLabels = applyAlter(newOptions);
            mutated(host.logAlter(key, options));
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
            long retention = options.retentionMs();
            if (hasLast && retention > 0) {
                long cutoff = lastTs - retention;
                if (cutoff <= lastTs && cutoff > from) from = cutoff; // cutoff > lastTs means it underflowed
            }
            return new SeriesCursor(this, from, to, ascending, options.valueType());
        } finally {
            lock.unlock();
        }
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

    /** The slot's chunk for reading: in memory if there, else a private copy decoded from disk. */
    Chunk chunkOf(ChunkSlot s) {
        return s.chunk != null ? s.chunk : host.loadChunk(business, key.slot(), id, s.diskTs);
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

    // ------------------------------------------------------------------ cursor support (under lock)

    ReentrantLock lock() { return lock; }

    ChunkSlot headSlot() { return head; }

    TreeMap<Long, ChunkSlot> sealedSlots() { return sealed; }

    // ------------------------------------------------------------------ engine internal: replay

    /** Engine internal: replays a logged ADD (no retention or IGNORE check: the log holds only applied adds). */
    public void replayAdd(long seq, long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) {
        lock.lock();
        try {
            if (seq <= lastSeq) return;
            apply(ts, valueBits, blob, quality, policy);
            mutated(seq);
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal: replays a logged DEL_RANGE. */
    public void replayDeleteRange(long seq, long from, long to) {
        lock.lock();
        try {
            if (seq <= lastSeq) return;
            applyDeleteRange(from, to);
            mutated(seq);
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal: replays a logged ALTER. */
    public void replayAlter(long seq, SeriesOptions newOptions) {
        lock.lock();
        try {
            if (seq <= lastSeq) return;
            Map<String, String> oldLabels = applyAlter(newOptions);
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
            deletedCount = 0;
            if (snapSlots.length < dirtySlots.size()) {
                snapSlots = new ChunkSlot[dirtySlots.size()];
                snapVersions = new long[dirtySlots.size()];
            }
            for (ChunkSlot s : dirtySlots) {
                if (s.dropped) continue;
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
            sink.putSeries(this, key, b, options, lastSeq);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Engine internal: the snapshot's batch is written; chunks unchanged since are clean now. */
    public void checkpointWritten() {
        lock.lock();
        try {
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
}
