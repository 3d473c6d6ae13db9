package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.chunk.UpsertResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples of one series: the in-memory index of its chunks, the head chunk (where appends
 * go), the newest sample, the totals, and what changed since the last checkpoint (dirty chunks,
 * chunks to delete). Applies adds and deletes in memory, the same way live and in replay; the op
 * log is the caller's business. Every method runs under the series lock.
 */
final class SeriesChunks {
    private static final long STRUCT_OVERHEAD = 176;
    private static final long CHUNK_STRUCT_OVERHEAD = 48;

    private final Series series;
    private final SeriesHost host;

    final TreeMap<Long, ChunkSlot> sealed = new TreeMap<>();
    ChunkSlot head;
    long totalSamples;
    boolean hasLast;
    long lastTs;
    private long lastValueBits;
    private byte[] lastBlob;
    private int lastQuality;
    final ArrayList<ChunkSlot> dirtySlots = new ArrayList<>();
    /** Disk timestamps of chunks to delete at the next checkpoint. */
    long[] deletedDiskTs = new long[4];
    int deletedCount;

    SeriesChunks(Series series, SeriesHost host) {
        this.series = series;
        this.host = host;
    }

    /** Starts with an empty head chunk (a new series; a recovered one gets {@link #finishRestore}). */
    void startEmpty() {
        head = newHeadSlot();
    }

    // ------------------------------------------------------------------ reads

    /** {@code from} raised to {@code lastTimestamp - retention} when retention is set. */
    long retentionFloor(long from) {
        long retention = series.options().retentionMs();
        if (hasLast && retention > 0) {
            long cutoff = lastTs - retention;
            if (cutoff <= lastTs && cutoff > from) return cutoff; // cutoff > lastTs means it underflowed
        }
        return from;
    }

    /** A cursor over {@code [from, to]}, retention applied, without read statistics. */
    SampleCursor cursor(long from, long to, boolean ascending) {
        return new SeriesCursor(series, retentionFloor(from), to, ascending, series.options().valueType());
    }

    /**
     * The first {@code maxChunks} chunks of the range (readers page through long ranges); with
     * {@code indexed}, private copies carry their in-memory chunk's index (see {@link RangeSnapshot#indexed}).
     */
    RangeSnapshot snapshot(long from, long to, int maxChunks, boolean indexed) {
        from = retentionFloor(from);
        List<Chunk> chunks = new ArrayList<>();
        java.util.BitSet withIndex = new java.util.BitSet();
        if (from <= to) {
            Long start = sealed.floorKey(from);
            for (ChunkSlot s : sealed.tailMap(start == null ? Long.MIN_VALUE : start, true).values()) {
                if (s.firstTs > to || chunks.size() == maxChunks) break;
                if (s.count > 0 && s.lastTs >= from) addToSnapshot(s, chunks, withIndex, indexed);
            }
            if (head.count > 0 && head.lastTs >= from && head.firstTs <= to && chunks.size() < maxChunks) {
                addToSnapshot(head, chunks, withIndex, indexed);
            }
        }
        return new RangeSnapshot(chunks.toArray(new Chunk[0]), withIndex, from, to);
    }

    /** The slot's chunk as {@link #immutableChunk} gives it, noting whether it may build or carries an index. */
    private void addToSnapshot(ChunkSlot s, List<Chunk> chunks, java.util.BitSet withIndex, boolean indexed) {
        Chunk c = immutableChunk(s);
        if (s.chunk == null || (indexed && s.chunk.shareIndexWith(c))) withIndex.set(chunks.size());
        chunks.add(c);
    }

    long samplesAtMost(long from, long to) {
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
    }

    /** The slot's chunk in a form no writer changes: the shared disk copy, or a private copy of the in-memory one. */
    private Chunk immutableChunk(ChunkSlot s) {
        if (s.chunk == null) return chunkOf(s);
        Chunk copy = s.chunk.readerCopy();
        if (copy != null) return copy;
        byte[] encoded = host.chunkFormat().encode(s.chunk);
        return host.chunkFormat().decode(encoded, 0, encoded.length);
    }

    /** The newest sample's raw value bits (valid when {@link #hasLast}). */
    long lastValueBits() {
        return lastValueBits;
    }

    Sample lastSample() {
        return hasLast ? new Sample(lastTs, lastValueBits, lastBlob, lastQuality) : null;
    }

    SeriesInfo info(SeriesOptions o, boolean withChunks) {
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
    }

    /** Every non-empty chunk encoded, oldest first (DUMP). */
    List<byte[]> encodedChunks() {
        List<byte[]> chunks = new ArrayList<>(sealed.size() + 1);
        for (ChunkSlot s : orderedSlots()) {
            if (s.count > 0) chunks.add(host.chunkFormat().encode(chunkOf(s)));
        }
        return chunks;
    }

    // ------------------------------------------------------------------ writes

    /** Outside retention: older than {@code lastTimestamp - retention}. */
    boolean tooOld(long ts, long retention) {
        return hasLast && retention > 0 && ts < lastTs && Long.compareUnsigned(lastTs - ts, retention) > 0;
    }

    /** RTS's IGNORE filter (docs/timeseries.md, "Behaviour: writes"); only for the effective policy LAST. */
    boolean ignored(long ts, long valueBits, byte[] blob, DuplicatePolicy policy) {
        SeriesOptions o = series.options();
        return policy == DuplicatePolicy.LAST && hasLast && ts >= lastTs
                && Long.compareUnsigned(ts - lastTs, o.ignoreMaxTimeDiff()) <= 0
                && withinIgnoredValueDiff(valueBits, blob, o.ignoreMaxValDiff());
    }

    AddResult apply(long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) {
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
            series.business().stats().samplesChanged(1);
        }
        if (ts == lastTs) {
            SampleCursor cur = c.cursor(ts, ts);
            if (cur.next()) setLast(cur.timestamp(), cur.valueBits(), copyOf(cur.blob()), cur.quality());
        }
        splitIfNeeded(slot);
        return u == UpsertResult.ADDED ? AddResult.ADDED : AddResult.UPDATED;
    }

    void append(long ts, long valueBits, byte[] blob, int quality) {
        if (!head.chunk.append(ts, valueBits, blob, quality)) {
            if (head.count == 0) {
                throw new IllegalStateException("an empty chunk refused a sample (series " + series.key() + ")");
            }
            sealHead();
            trimRetention();
            head = newHeadSlot();
            if (!head.chunk.append(ts, valueBits, blob, quality)) {
                throw new IllegalStateException("an empty chunk refused a sample (series " + series.key() + ")");
            }
        }
        if (head.count == 0) head.firstTs = ts;
        head.lastTs = ts;
        head.count++;
        head.byteSize = head.chunk.byteSize();
        markDirty(head);
        totalSamples++;
        series.business().stats().samplesChanged(1);
        setLast(ts, valueBits, blob, quality);
    }

    private void setLast(long ts, long valueBits, byte[] blob, int quality) {
        hasLast = true;
        lastTs = ts;
        lastValueBits = valueBits;
        lastBlob = blob;
        lastQuality = quality;
    }

    long deleteRange(long from, long to) {
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
            series.business().stats().samplesChanged(-n);
            if (lastTs >= from && lastTs <= to) recomputeLast();
        }
        return n;
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

    static byte[] copyOf(byte[] b) {
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
        long retention = series.options().retentionMs();
        if (retention <= 0 || !hasLast) return;
        long cutoff = lastTs - retention;
        if (cutoff > lastTs) return;
        while (!sealed.isEmpty()) {
            ChunkSlot s = sealed.firstEntry().getValue();
            if (s.lastTs >= cutoff) break;
            totalSamples -= s.count;
            series.business().stats().samplesChanged(-s.count);
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
        series.queue();
    }

    private ChunkSlot newHeadSlot() {
        SeriesOptions o = series.options();
        return new ChunkSlot(host.chunkFormat().newChunk(o.valueType(), o.encoding(), o.chunkSizeBytes()));
    }

    /** The slot's chunk kept in memory (loaded from disk if needed), ready to be modified. */
    private Chunk memoryChunk(ChunkSlot s) {
        if (s.chunk == null) s.chunk = host.loadChunk(series.business(), series.key().slot(), series.id(), s.diskTs);
        return s.chunk;
    }

    /**
     * The slot's chunk for reading: in memory if there, else the decoded disk copy that readers
     * share (see {@link ChunkSlot#readCache}), loading it when it is missing or stale.
     */
    Chunk chunkOf(ChunkSlot s) {
        if (s.chunk != null) return s.chunk;
        java.lang.ref.SoftReference<Chunk> ref = s.readCache;
        Chunk c = ref != null && s.readCacheVersion == s.version ? ref.get() : null;
        if (c == null) {
            c = host.loadChunk(series.business(), series.key().slot(), series.id(), s.diskTs);
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
        series.queue();
    }

    private List<ChunkSlot> orderedSlots() {
        List<ChunkSlot> all = new ArrayList<>(sealed.size() + 1);
        all.addAll(sealed.values());
        all.add(head);
        return all;
    }

    private boolean withinIgnoredValueDiff(long valueBits, byte[] blob, double maxDiff) {
        switch (series.options().valueType()) {
            case DOUBLE:
                return Math.abs(Double.longBitsToDouble(valueBits) - Double.longBitsToDouble(lastValueBits)) <= maxDiff;
            case INT:
                return Math.abs((double) valueBits - (double) lastValueBits) <= maxDiff;
            default:
                return Arrays.equals(blob, lastBlob);
        }
    }

    // ------------------------------------------------------------------ moves and restores

    /**
     * RENAME: every chunk is loaded into memory and marked dirty, so the next checkpoint writes
     * them all under the new location; the keyspace range-deletes the old location.
     */
    void rewriteEverythingOnNextCheckpoint() {
        for (ChunkSlot s : sealed.values()) {
            memoryChunk(s);
            s.diskTs = ChunkSlot.NOT_ON_DISK;
            markDirty(s);
        }
        memoryChunk(head);
        head.diskTs = ChunkSlot.NOT_ON_DISK;
        markDirty(head);
        deletedCount = 0; // the keyspace's range delete covers them
    }

    /** Recovery: a chunk found on disk, in ascending order of first timestamp. */
    void restoreChunk(long firstTs, long lastTs, int count, int byteSize) {
        sealed.put(firstTs, new ChunkSlot(firstTs, lastTs, count, byteSize, firstTs));
    }

    /** Recovery: makes the last restored chunk the head and derives the totals. */
    void finishRestore() {
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
        series.business().stats().samplesChanged(totalSamples);
    }

    /** RESTORE: appends every sample of the encoded chunks (ascending, this series' value type). */
    void fillFromChunks(List<byte[]> chunks) {
        for (byte[] bytes : chunks) {
            Chunk c;
            try {
                c = host.chunkFormat().decode(bytes, 0, bytes.length);
            } catch (RuntimeException corrupt) {
                throw new IllegalArgumentException("corrupt chunk: " + corrupt.getMessage(), corrupt);
            }
            if (c.valueType() != series.options().valueType()) throw new IllegalArgumentException("chunk of " + c.valueType() + " values");
            SampleCursor cur = c.cursor(Long.MIN_VALUE, Long.MAX_VALUE);
            while (cur.next()) {
                if (hasLast && cur.timestamp() <= lastTs) throw new IllegalArgumentException("samples out of order");
                append(cur.timestamp(), cur.valueBits(), copyOf(cur.blob()), cur.quality());
            }
        }
    }
}
