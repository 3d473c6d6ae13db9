package io.stocktsdb.engine.chunk;


import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * STRING and HASH (JSON) samples. In memory the values are kept as the arrays handed to
 * {@link #append}/{@link #upsert} (the chunk takes ownership: callers must not modify them, and
 * cursors return them as they are). The budget applies to the uncompressed encoded size
 * ({@link #rawByteSize()}), tracked exactly per append; {@link #byteSize()} is the real encoded
 * size, computed (deflating the values) on demand and cached until the next change.
 *
 * <p>Encoded form (big-endian):
 * <pre>
 *   u8 version | u8 kind=3 | u8 value type | u32 maxBytes | u32 count | i64 first ts | i64 last ts
 *   u32 bit length | ceil(bit length / 8) bytes: per sample [ts] quality, MSB-first
 *       ts: absent for the first sample, then {@link DeltaOfDelta} classes
 *       quality: 0 = same as previous (initially 100) | 1 + 7 bits
 *   u8 value codec (0 raw, 1 raw deflate) | u32 raw length | u32 stored length | stored bytes
 *       raw value section: per sample, unsigned LEB128 length + the value bytes
 * </pre>
 */
public final class BlobChunk implements Chunk {
    static final int HEADER_BYTES = 31;
    static final int VALUE_HEADER_BYTES = 9;
    static final int CODEC_RAW = 0;
    static final int CODEC_DEFLATE = 1;
    /** Measured: level 6 saves a few % over level 1 on JSON ticks at about twice the cost; see docs. */
    static final int DEFLATE_LEVEL = 6;
    private static final int INITIAL_CAPACITY = 4;

    private final ValueType type;
    private final int maxBytes;
    private long[] ts;
    private byte[][] values;
    private byte[] quality;
    private int count;
    // exact size bookkeeping of the uncompressed encoding, updated per append
    private int streamBits;
    private int rawValueBytes;
    private long prevDelta;
    private int prevQuality = 100;
    private byte[] encoded;

    public BlobChunk(ValueType type, int maxBytes) {
        this(type, maxBytes, INITIAL_CAPACITY);
    }

    private BlobChunk(ValueType type, int maxBytes, int capacity) {
        if (type.isNumeric()) throw new IllegalArgumentException("blob chunk for " + type);
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes " + maxBytes);
        this.type = type;
        this.maxBytes = maxBytes;
        int c = Math.max(1, capacity);
        ts = new long[c];
        values = new byte[c][];
        quality = new byte[c];
    }

    @Override public ValueType valueType() { return type; }

    @Override public int count() { return count; }

    @Override public long firstTimestamp() { return ts[0]; }

    @Override public long lastTimestamp() { return ts[count - 1]; }

    @Override public int maxBytes() { return maxBytes; }

    @Override
    public int byteSize() {
        return encoded().length;
    }

    /** The encoded size if the values were stored without compression; what the budget limits. */
    public int rawByteSize() {
        return HEADER_BYTES + ((streamBits + 7) >>> 3) + VALUE_HEADER_BYTES + rawValueBytes;
    }

    @Override
    public boolean needsSplit() {
        return (long) rawByteSize() * 5 > (long) maxBytes * 6;
    }

    @Override
    public boolean append(long t, long valueBits, byte[] blob, int q) {
        UncompressedChunk.checkQuality(q);
        if (blob == null) throw new IllegalArgumentException("null blob");
        if (count > 0 && t <= ts[count - 1]) throw new IllegalArgumentException("append at " + t + " <= last " + ts[count - 1]);
        long delta = count == 0 ? 0 : t - ts[count - 1];
        int addBits = (count == 0 ? 0 : DeltaOfDelta.bits(delta - prevDelta)) + (q == prevQuality ? 1 : 8);
        int addBytes = varintLength(blob.length) + blob.length;
        if (count > 0) {
            long after = HEADER_BYTES + ((streamBits + addBits + 7L) >>> 3) + VALUE_HEADER_BYTES + (long) rawValueBytes + addBytes;
            if (after > maxBytes) return false;
        }
        if (count == ts.length) grow(count + 1);
        ts[count] = t;
        values[count] = blob;
        quality[count] = (byte) q;
        count++;
        streamBits += addBits;
        rawValueBytes += addBytes;
        prevDelta = delta;
        prevQuality = q;
        encoded = null;
        return true;
    }

    @Override
    public UpsertResult upsert(long t, long valueBits, byte[] blob, int q, DuplicatePolicy policy) {
        UncompressedChunk.checkQuality(q);
        if (blob == null) throw new IllegalArgumentException("null blob");
        int i = Arrays.binarySearch(ts, 0, count, t);
        if (i >= 0) {
            if (policy == DuplicatePolicy.BLOCK) return UpsertResult.BLOCKED;
            if (policy != DuplicatePolicy.FIRST) { // LAST; MIN, MAX and SUM mean LAST for blobs
                values[i] = blob;
                quality[i] = (byte) q;
                recomputeSizes();
            }
            return UpsertResult.UPDATED;
        }
        int at = -i - 1;
        if (count == ts.length) grow(count + 1);
        int tail = count - at;
        System.arraycopy(ts, at, ts, at + 1, tail);
        System.arraycopy(values, at, values, at + 1, tail);
        System.arraycopy(quality, at, quality, at + 1, tail);
        ts[at] = t;
        values[at] = blob;
        quality[at] = (byte) q;
        count++;
        recomputeSizes();
        return UpsertResult.ADDED;
    }

    @Override
    public int deleteRange(long from, long to) {
        if (from > to || count == 0) return 0;
        int lo = lowerBound(from);
        int hi = upperBound(to);
        int removed = hi - lo;
        if (removed <= 0) return 0;
        int tail = count - hi;
        System.arraycopy(ts, hi, ts, lo, tail);
        System.arraycopy(values, hi, values, lo, tail);
        System.arraycopy(quality, hi, quality, lo, tail);
        Arrays.fill(values, count - removed, count, null);
        count -= removed;
        recomputeSizes();
        return removed;
    }

    @Override
    public SampleCursor cursor(long from, long to) {
        return new ArrayCursor(type, ts, null, values, quality, lowerBound(from), upperBound(to), false);
    }

    @Override
    public SampleCursor reverseCursor(long from, long to) {
        return new ArrayCursor(type, ts, null, values, quality, lowerBound(from), upperBound(to), true);
    }

    @Override
    public Chunk[] split() {
        if (count < 2) return new Chunk[] {this};
        int half = count / 2;
        return new Chunk[] {copyRange(0, half), copyRange(half, count)};
    }

    private BlobChunk copyRange(int lo, int hi) {
        BlobChunk c = new BlobChunk(type, maxBytes, hi - lo);
        System.arraycopy(ts, lo, c.ts, 0, hi - lo);
        System.arraycopy(values, lo, c.values, 0, hi - lo);
        System.arraycopy(quality, lo, c.quality, 0, hi - lo);
        c.count = hi - lo;
        c.recomputeSizes();
        return c;
    }

    private int lowerBound(long t) {
        return SortedTimestamps.lowerBound(ts, count, t);
    }

    private int upperBound(long t) {
        return SortedTimestamps.upperBound(ts, count, t);
    }

    private void grow(int min) {
        int c = Math.max(min, ts.length + Math.max(INITIAL_CAPACITY, ts.length >>> 1));
        ts = Arrays.copyOf(ts, c);
        values = Arrays.copyOf(values, c);
        quality = Arrays.copyOf(quality, c);
    }

    private void recomputeSizes() {
        streamBits = 0;
        rawValueBytes = 0;
        prevDelta = 0;
        prevQuality = 100;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                long delta = ts[i] - ts[i - 1];
                streamBits += DeltaOfDelta.bits(delta - prevDelta);
                prevDelta = delta;
            }
            int q = quality[i];
            streamBits += q == prevQuality ? 1 : 8;
            prevQuality = q;
            rawValueBytes += varintLength(values[i].length) + values[i].length;
        }
        encoded = null;
    }

    /** The encoded bytes, built once per state of the chunk. */
    byte[] encoded() {
        if (encoded == null) encoded = encode();
        return encoded;
    }

    private byte[] encode() {
        BitWriter bits = new BitWriter((streamBits + 7) >>> 3);
        long pd = 0;
        int pq = 100;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                long delta = ts[i] - ts[i - 1];
                DeltaOfDelta.write(bits, delta - pd);
                pd = delta;
            }
            int q = quality[i];
            if (q == pq) {
                bits.write(0, 1);
            } else {
                bits.write(0x80 | q, 8);
                pq = q;
            }
        }
        byte[] raw = new byte[rawValueBytes];
        int p = 0;
        for (int i = 0; i < count; i++) {
            p = writeVarint(raw, p, values[i].length);
            System.arraycopy(values[i], 0, raw, p, values[i].length);
            p += values[i].length;
        }
        byte[] deflated = deflate(raw);
        boolean useDeflate = deflated != null && deflated.length < raw.length;
        byte[] stored = useDeflate ? deflated : raw;
        int storedLength = useDeflate ? deflated.length : raw.length;
        int bitBytes = bits.byteLength();
        byte[] out = new byte[HEADER_BYTES + bitBytes + VALUE_HEADER_BYTES + storedLength];
        ByteBuffer b = ByteBuffer.wrap(out);
        b.put((byte) ChunkCodec.FORMAT_VERSION).put((byte) ChunkCodec.KIND_BLOB).put((byte) type.code())
                .putInt(maxBytes).putInt(count)
                .putLong(count == 0 ? 0 : ts[0]).putLong(count == 0 ? 0 : ts[count - 1]).putInt(bits.bitLength());
        bits.copyBytes(out, HEADER_BYTES);
        b.position(HEADER_BYTES + bitBytes);
        b.put((byte) (useDeflate ? CODEC_DEFLATE : CODEC_RAW)).putInt(raw.length).putInt(storedLength);
        b.put(stored, 0, storedLength);
        return out;
    }

    /** Raw deflate of {@code raw}, or null when it would not be smaller. */
    private static byte[] deflate(byte[] raw) {
        if (raw.length < 16) return null;
        Deflater d = new Deflater(DEFLATE_LEVEL, true);
        try {
            d.setInput(raw);
            d.finish();
            byte[] out = new byte[raw.length];
            int n = 0;
            while (!d.finished()) {
                if (n == out.length) return null; // not smaller than raw
                n += d.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            d.end();
        }
    }

    static BlobChunk decodePayload(byte[] src, ByteBuffer b) {
        ValueType type = ValueType.ofCode(b.get());
        int maxBytes = b.getInt();
        int count = b.getInt();
        long firstTs = b.getLong();
        b.getLong(); // last ts: implied by the stream
        int bitLength = b.getInt();
        int bitBytes = (int) (((long) bitLength + 7) >>> 3);
        if (count < 0 || bitLength < 0 || bitBytes > b.remaining()) {
            throw new IllegalArgumentException("corrupt chunk: count " + count + ", bits " + bitLength);
        }
        BlobChunk c = new BlobChunk(type, maxBytes, count);
        BitReader in = new BitReader(BitWriter.wordsFromBytes(src, b.position(), bitBytes));
        long t = firstTs;
        long delta = 0;
        int q = 100;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                delta += DeltaOfDelta.read(in);
                t += delta;
            }
            if (in.readBit()) q = (int) in.read(7);
            c.ts[i] = t;
            c.quality[i] = (byte) q;
        }
        b.position(b.position() + bitBytes);
        int codec = b.get();
        int rawLength = b.getInt();
        int storedLength = b.getInt();
        if (rawLength < 0 || storedLength < 0 || storedLength > b.remaining()) {
            throw new IllegalArgumentException("corrupt chunk: value section " + storedLength + "/" + rawLength);
        }
        byte[] raw;
        int rawOff;
        if (codec == CODEC_RAW) {
            raw = src;
            rawOff = b.position();
        } else if (codec == CODEC_DEFLATE) {
            raw = inflate(src, b.position(), storedLength, rawLength);
            rawOff = 0;
        } else {
            throw new IllegalArgumentException("corrupt chunk: value codec " + codec);
        }
        b.position(b.position() + storedLength);
        int p = rawOff;
        for (int i = 0; i < count; i++) {
            int len = 0;
            int shift = 0;
            byte x;
            do {
                x = raw[p++];
                len |= (x & 0x7F) << shift;
                shift += 7;
            } while (x < 0);
            c.values[i] = Arrays.copyOfRange(raw, p, p + len);
            p += len;
        }
        c.count = count;
        c.recomputeSizes();
        return c;
    }

    private static byte[] inflate(byte[] src, int off, int len, int rawLength) {
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(src, off, len);
            byte[] raw = new byte[rawLength];
            int n = 0;
            while (n < rawLength) {
                int k = inf.inflate(raw, n, rawLength - n);
                if (k == 0 && (inf.finished() || inf.needsInput() || inf.needsDictionary())) break;
                n += k;
            }
            if (n != rawLength) throw new IllegalArgumentException("corrupt chunk: inflated " + n + " of " + rawLength);
            return raw;
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt chunk: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    static int varintLength(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) n++;
        return n;
    }

    private static int writeVarint(byte[] dst, int p, int v) {
        while ((v & ~0x7F) != 0) {
            dst[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        dst[p++] = (byte) v;
        return p;
    }
}
