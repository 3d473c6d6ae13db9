package io.stocktsdb.engine.chunk;


import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Numeric samples in parallel arrays: the in-memory working form (compressed chunks decode into it
 * to upsert or delete) and the chunk of ENCODING UNCOMPRESSED series. Arrays start tiny and grow,
 * so millions of sparse series stay cheap.
 *
 * <p>Encoded form (big-endian), {@value #HEADER_BYTES} + 17 bytes per sample:
 * <pre>
 *   u8 version | u8 kind=1 | u8 value type | u32 maxBytes | u32 count
 *   count x i64 timestamp | count x i64 value bits | count x u8 quality
 * </pre>
 */
public final class UncompressedChunk implements Chunk {
    static final int HEADER_BYTES = 11;
    static final int SAMPLE_BYTES = 17;
    private static final int INITIAL_CAPACITY = 4;

    private final ValueType type;
    private final int maxBytes;
    private long[] ts;
    private long[] values;
    private byte[] quality;
    private int count;
    /** Whether the last {@link #upsert} changed anything (FIRST, or a losing MIN/MAX, does not). */
    private boolean lastUpsertChanged;
    /** Computed on demand (no bit decoding here, one pass over the arrays); dropped by every change; volatile as in CompressedChunk. */
    private volatile ChunkSummary summary;

    public UncompressedChunk(ValueType type, int maxBytes) {
        this(type, maxBytes, INITIAL_CAPACITY);
    }

    UncompressedChunk(ValueType type, int maxBytes, int capacity) {
        if (!type.isNumeric()) throw new IllegalArgumentException("numeric chunk for " + type);
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes " + maxBytes);
        this.type = type;
        this.maxBytes = maxBytes;
        int c = Math.max(1, capacity);
        ts = new long[c];
        values = new long[c];
        quality = new byte[c];
    }

    @Override public ValueType valueType() { return type; }

    @Override public int count() { return count; }

    @Override public long firstTimestamp() { return ts[0]; }

    @Override public long lastTimestamp() { return ts[count - 1]; }

    @Override public int byteSize() { return HEADER_BYTES + SAMPLE_BYTES * count; }

    @Override public int maxBytes() { return maxBytes; }

    long timestampAt(int i) { return ts[i]; }

    long valueAt(int i) { return values[i]; }

    int qualityAt(int i) { return quality[i]; }

    boolean lastUpsertChanged() { return lastUpsertChanged; }

    @Override
    public ChunkSummary summary() {
        ChunkSummary s = summary;
        if (s == null) {
            s = new ChunkSummary();
            boolean isInt = type == ValueType.INT;
            for (int i = 0; i < count; i++) s.add(isInt ? (double) values[i] : Double.longBitsToDouble(values[i]));
            summary = s;
        }
        return s;
    }

    @Override
    public boolean append(long t, long valueBits, byte[] blob, int q) {
        checkQuality(q);
        if (count > 0 && byteSize() + SAMPLE_BYTES > maxBytes) return false;
        if (count > 0 && t <= ts[count - 1]) throw new IllegalArgumentException("append at " + t + " <= last " + ts[count - 1]);
        add(t, valueBits, q);
        return true;
    }

    /** Appends without the budget check (re-encoding, splitting, decoding). */
    void add(long t, long valueBits, int q) {
        summary = null;
        if (count == ts.length) grow(count + 1);
        ts[count] = t;
        values[count] = valueBits;
        quality[count] = (byte) q;
        count++;
    }

    @Override
    public UpsertResult upsert(long t, long valueBits, byte[] blob, int q, DuplicatePolicy policy) {
        checkQuality(q);
        summary = null;
        int i = indexOf(t);
        if (i < 0) {
            insertAt(-i - 1, t, valueBits, q);
            lastUpsertChanged = true;
            return UpsertResult.ADDED;
        }
        lastUpsertChanged = false;
        if (policy == DuplicatePolicy.BLOCK) return UpsertResult.BLOCKED;
        long old = values[i];
        if (policy == DuplicatePolicy.SUM) {
            long sum = DuplicateMerge.sum(type, old, valueBits);
            int minQ = Math.min(quality[i], q);
            lastUpsertChanged = sum != old || minQ != quality[i];
            values[i] = sum;
            quality[i] = (byte) minQ;
        } else if (DuplicateMerge.newWins(type, policy, old, valueBits)) {
            lastUpsertChanged = valueBits != old || q != quality[i];
            values[i] = valueBits;
            quality[i] = (byte) q;
        }
        return UpsertResult.UPDATED;
    }

    @Override
    public int deleteRange(long from, long to) {
        if (from > to || count == 0) return 0;
        int lo = lowerBound(from);
        int hi = upperBound(to);
        int removed = hi - lo;
        if (removed <= 0) return 0;
        summary = null;
        int tail = count - hi;
        System.arraycopy(ts, hi, ts, lo, tail);
        System.arraycopy(values, hi, values, lo, tail);
        System.arraycopy(quality, hi, quality, lo, tail);
        count -= removed;
        return removed;
    }

    @Override
    public SampleCursor cursor(long from, long to) {
        return new ArrayCursor(type, ts, values, null, quality, lowerBound(from), upperBound(to), false);
    }

    @Override
    public SampleCursor reverseCursor(long from, long to) {
        return new ArrayCursor(type, ts, values, null, quality, lowerBound(from), upperBound(to), true);
    }

    @Override
    public Chunk[] split() {
        if (count < 2) return new Chunk[] {this};
        int half = count / 2;
        return new Chunk[] {copyRange(0, half), copyRange(half, count)};
    }

    UncompressedChunk copyRange(int lo, int hi) {
        UncompressedChunk c = new UncompressedChunk(type, maxBytes, hi - lo);
        System.arraycopy(ts, lo, c.ts, 0, hi - lo);
        System.arraycopy(values, lo, c.values, 0, hi - lo);
        System.arraycopy(quality, lo, c.quality, 0, hi - lo);
        c.count = hi - lo;
        return c;
    }

    /** Index of {@code t}, or {@code -(insertion point) - 1}. */
    int indexOf(long t) {
        return Arrays.binarySearch(ts, 0, count, t);
    }

    /** First index with timestamp {@code >= t}. */
    int lowerBound(long t) {
        return SortedTimestamps.lowerBound(ts, count, t);
    }

    /** First index with timestamp {@code > t}. */
    int upperBound(long t) {
        return SortedTimestamps.upperBound(ts, count, t);
    }

    private void insertAt(int i, long t, long valueBits, int q) {
        if (count == ts.length) grow(count + 1);
        int tail = count - i;
        System.arraycopy(ts, i, ts, i + 1, tail);
        System.arraycopy(values, i, values, i + 1, tail);
        System.arraycopy(quality, i, quality, i + 1, tail);
        ts[i] = t;
        values[i] = valueBits;
        quality[i] = (byte) q;
        count++;
    }

    private void grow(int min) {
        int c = Math.max(min, ts.length + Math.max(INITIAL_CAPACITY, ts.length >>> 1));
        ts = Arrays.copyOf(ts, c);
        values = Arrays.copyOf(values, c);
        quality = Arrays.copyOf(quality, c);
    }

    static void checkQuality(int q) {
        if (q < 0 || q > 100) throw new IllegalArgumentException("quality " + q + " outside 0..100");
    }

    void encodeTo(byte[] dst, int off) {
        ByteBuffer b = ByteBuffer.wrap(dst, off, byteSize());
        b.put((byte) ChunkCodec.FORMAT_VERSION).put((byte) ChunkCodec.KIND_UNCOMPRESSED).put((byte) type.code());
        b.putInt(maxBytes).putInt(count);
        for (int i = 0; i < count; i++) b.putLong(ts[i]);
        for (int i = 0; i < count; i++) b.putLong(values[i]);
        b.put(quality, 0, count);
    }

    /** Decodes the payload after the version and kind bytes. */
    static UncompressedChunk decodePayload(ByteBuffer b) {
        ValueType type = ValueType.ofCode(b.get());
        int maxBytes = b.getInt();
        int count = b.getInt();
        if (count < 0 || (long) count * SAMPLE_BYTES > b.remaining()) throw new IllegalArgumentException("corrupt chunk: count " + count);
        UncompressedChunk c = new UncompressedChunk(type, maxBytes, count);
        for (int i = 0; i < count; i++) c.ts[i] = b.getLong();
        for (int i = 0; i < count; i++) c.values[i] = b.getLong();
        b.get(c.quality, 0, count);
        c.count = count;
        return c;
    }
}
