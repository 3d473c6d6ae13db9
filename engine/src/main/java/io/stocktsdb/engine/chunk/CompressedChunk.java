package io.stocktsdb.engine.chunk;


import java.nio.ByteBuffer;

/**
 * A DOUBLE or INT chunk compressed into one bit stream, appended to in O(1) by a streaming
 * {@link NumericEncoder}. Upserts and deletes decode into an {@link UncompressedChunk}, change it
 * and re-encode. The chunk is full when the next sample would take {@link #byteSize()} past
 * {@code maxBytes} (the first sample is always accepted).
 *
 * <p>Encoded form (big-endian header, then the bit stream MSB-first, zero-padded to a byte):
 * <pre>
 *   u8 version=2 | u8 kind=2 | u8 value type | u8 scheme (0 decimal, 1 XOR only) | u32 maxBytes
 *   u32 count | i64 first ts | i64 last ts | u32 bit length | summary | ceil(bit length / 8) bytes of bits
 * </pre>
 * The {@link ChunkSummary} (33 or 57 bytes) lets aggregations use the chunk without decoding it;
 * version 1 had no summary (it is computed by decoding the first time it is asked for). The
 * summary is not counted in {@link #byteSize()}, so the sample budget is the same as before.
 * The bit stream holds every sample in order as {@code ts? value quality}:
 * <pre>
 *   ts       absent for the first sample (= header first ts); then {@link DeltaOfDelta} classes
 *   quality  0 = same as previous (initially 100) | 1 + 7 bits quality
 *   value, DOUBLE in decimal mode (initial state: exponent e=0, mantissa m=0, width w=0):
 *     0 + w bits                zigzag(m - mPrev) in the current width
 *     10 + 7 bits w' + w' bits   new width w' (0..64), then zigzag(m - mPrev)
 *     110 + 5 bits e'            new exponent (0..22): mPrev = mPrev*10^(e'-e) (or / for e' &lt; e,
 *                               wrapping int64), then another value code for this sample
 *     1110 + xor                 this sample is not decimal: Gorilla XOR against the previous value
 *     1111 + xor                 this and every later sample of the chunk: Gorilla XOR only
 *     value = (double) m / 10^e, which the encoder verified bit for bit
 *   value, INT: the 0 and 10 codes only, over the int64 itself (wrapping deltas, e = 0)
 *   xor (Gorilla, as RedisTimeSeries): x = bits ^ prevBits
 *     0                          x == 0
 *     10 + (64-lead-trail) bits  x fits the previous leading/trailing-zero window
 *     11 + 5 bits lead (max 31) + 6 bits (block-1) + block bits   new window
 * </pre>
 * A 2-decimal random walk costs about 11 bits per sample: 1 (ts) + 9 (value) + 1 (quality).
 */
public final class CompressedChunk implements Chunk {
    static final int HEADER_BYTES = 32;
    static final int SCHEME_DECIMAL = 0;
    static final int SCHEME_XOR = 1;
    private static final int INITIAL_BYTES = 16;

    private final ValueType type;
    private final int maxBytes;
    private final int scheme;
    private BitWriter bits;
    private NumericEncoder encoder;
    private NumericEncoder spare;
    private int count;
    private long firstTs;
    private long lastTs;
    /**
     * Null only for a chunk decoded from version 1 until {@link #summary()} computes it. Volatile:
     * readers sharing a decoded disk chunk may compute it at the same time (same result).
     */
    private volatile ChunkSummary summary = new ChunkSummary();
    /**
     * Where decoding can start inside the stream ({@link #index}); null until a reader
     * asks for it. Covers the first {@link ChunkIndex#samples} samples: appends leave it true,
     * every other change drops it. Volatile: readers sharing a decoded disk chunk may build it
     * at the same time (the same index).
     */
    private volatile ChunkIndex marks;

    public CompressedChunk(ValueType type, int maxBytes) {
        this(type, maxBytes, SCHEME_DECIMAL);
    }

    /** A chunk that encodes DOUBLE values with plain Gorilla XOR (for comparison and benchmarks). */
    public static CompressedChunk gorillaXorOnly(ValueType type, int maxBytes) {
        return new CompressedChunk(type, maxBytes, SCHEME_XOR);
    }

    private CompressedChunk(ValueType type, int maxBytes, int scheme) {
        this(type, maxBytes, scheme, new BitWriter(INITIAL_BYTES), true);
    }

    /** Without an encoder ({@code withEncoder} false) the first append rebuilds it by re-encoding. */
    private CompressedChunk(ValueType type, int maxBytes, int scheme, BitWriter bits, boolean withEncoder) {
        if (!type.isNumeric()) throw new IllegalArgumentException("numeric chunk for " + type);
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes " + maxBytes);
        if (scheme != SCHEME_DECIMAL && scheme != SCHEME_XOR) throw new IllegalArgumentException("scheme " + scheme);
        this.type = type;
        this.maxBytes = maxBytes;
        this.scheme = scheme;
        this.bits = bits;
        this.encoder = withEncoder ? newEncoder() : null;
    }

    private NumericEncoder newEncoder() {
        return new NumericEncoder(type == ValueType.INT, scheme == SCHEME_XOR);
    }

    @Override public ValueType valueType() { return type; }

    @Override public int count() { return count; }

    @Override public long firstTimestamp() { return firstTs; }

    @Override public long lastTimestamp() { return lastTs; }

    /** The header and the bit stream: the summary is index data kept beside them and not counted against the budget. */
    @Override public int byteSize() { return HEADER_BYTES + bits.byteLength(); }

    /** Bytes of {@link ChunkCodec#encode}: {@link #byteSize()} plus the summary. */
    int encodedSize() {
        return byteSize() + summary().byteSize();
    }

    @Override
    public ChunkSummary summary() {
        ChunkSummary s = summary;
        if (s == null) summary = s = ChunkSummary.of(this);
        return s;
    }

    private double asDouble(long valueBits) {
        return type == ValueType.INT ? (double) valueBits : Double.longBitsToDouble(valueBits);
    }

    @Override public int maxBytes() { return maxBytes; }

    /** Bits of sample data written so far (excluding the header). */
    public int bitLength() { return bits.bitLength(); }

    @Override
    public boolean append(long ts, long valueBits, byte[] blob, int quality) {
        UncompressedChunk.checkQuality(quality);
        if (count > 0 && ts <= lastTs) throw new IllegalArgumentException("append at " + ts + " <= last " + lastTs);
        if (encoder == null) reencode(toUncompressed());
        int before = bits.bitLength();
        if (count == 0 || HEADER_BYTES + ((before + NumericEncoder.MAX_SAMPLE_BITS + 7) >>> 3) <= maxBytes) {
            encoder.append(bits, ts, valueBits, quality);
        } else {
            if (spare == null) spare = newEncoder();
            spare.copyFrom(encoder);
            encoder.append(bits, ts, valueBits, quality);
            if (byteSize() > maxBytes) {
                bits.truncate(before);
                encoder.copyFrom(spare);
                return false;
            }
        }
        if (count == 0) firstTs = ts;
        lastTs = ts;
        count++;
        summary.add(asDouble(valueBits));
        return true;
    }

    @Override
    public UpsertResult upsert(long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) {
        UncompressedChunk.checkQuality(quality);
        if (count == 0 || ts > lastTs) {
            if (encoder == null) reencode(toUncompressed());
            encoder.append(bits, ts, valueBits, quality);
            if (count == 0) firstTs = ts;
            lastTs = ts;
            count++;
            summary().add(asDouble(valueBits));
            return UpsertResult.ADDED;
        }
        UncompressedChunk u = toUncompressed();
        UpsertResult r = u.upsert(ts, valueBits, null, quality, policy);
        if (u.lastUpsertChanged()) reencode(u);
        return r;
    }

    @Override
    public int deleteRange(long from, long to) {
        if (count == 0 || from > to || to < firstTs || from > lastTs) return 0;
        UncompressedChunk u = toUncompressed();
        int removed = u.deleteRange(from, to);
        if (removed > 0) reencode(u);
        return removed;
    }

    @Override
    public SampleCursor cursor(long from, long to) {
        if (count == 0 || from > to || to < firstTs || from > lastTs) return EmptyCursor.INSTANCE;
        ChunkIndex m = marks;
        if (m != null && from > firstTs && m.blocks() > 1) {
            int block = Math.min(m.firstBlockReaching(from), m.blocks() - 1);
            if (block > 0) {
                NumericDecoder d = new NumericDecoder();
                m.seek(d, bits.words(), block, count);
                return new CompressedCursor(d, type == ValueType.INT, from, to);
            }
        }
        return new CompressedCursor(bits.words(), count, firstTs, type == ValueType.INT, from, to);
    }

    /** Builds (or extends over appended samples) the index {@link #cursor} starts from; none for a chunk of one block. */
    @Override
    public ChunkIndex index() {
        return count > ChunkIndex.BLOCK ? indexed() : null;
    }

    /** Decodes from the newest block holding samples at or before {@code to}: see {@link Chunk#descendingStart}. */
    @Override
    public long descendingStart(long to) {
        if (count <= ChunkIndex.BLOCK || to < firstTs) return Long.MIN_VALUE;
        ChunkIndex m = indexed();
        int block = m.lastBlockStartingBy(to);
        return block <= 0 ? Long.MIN_VALUE : m.lastTimestamp(block - 1);
    }

    /** The bit stream's used words (and the spare zero word readers rely on) copied, the header and summary too; no encoder. */
    @Override
    public Chunk readerCopy() {
        int used = (bits.bitLength() + 63) >>> 6;
        long[] words = java.util.Arrays.copyOf(bits.words(), used + 1);
        CompressedChunk c = new CompressedChunk(type, maxBytes, scheme, new BitWriter(words, bits.bitLength()), false);
        c.count = count;
        c.firstTs = firstTs;
        c.lastTs = lastTs;
        c.summary = summary().copy();
        return c;
    }

    @Override
    public boolean shareIndexWith(Chunk copy) {
        ChunkIndex ix = index();
        if (ix == null || !(copy instanceof CompressedChunk c) || c.count != count || c.bits.bitLength() != bits.bitLength()) return false;
        c.marks = ix; // the copy holds the same bit stream
        return true;
    }

    private ChunkIndex indexed() {
        ChunkIndex m = marks;
        if (m == null || m.samples != count) marks = m = ChunkIndex.extend(m, bits.words(), count, firstTs, type == ValueType.INT);
        return m;
    }

    @Override
    public SampleCursor reverseCursor(long from, long to) {
        if (count == 0 || from > to || to < firstTs || from > lastTs) return EmptyCursor.INSTANCE;
        UncompressedChunk u = toUncompressed();
        return u.reverseCursor(from, to);
    }

    @Override
    public Chunk[] split() {
        if (count < 2) return new Chunk[] {this};
        UncompressedChunk u = toUncompressed();
        int half = count / 2;
        return new Chunk[] {withSamples(u.copyRange(0, half)), withSamples(u.copyRange(half, count))};
    }

    /** Every sample decoded into a new working chunk with the same type and budget. */
    public UncompressedChunk toUncompressed() {
        UncompressedChunk u = new UncompressedChunk(type, maxBytes, count + 1);
        NumericDecoder d = new NumericDecoder();
        d.reset(bits.words(), count, firstTs, type == ValueType.INT);
        while (d.next()) u.add(d.ts, d.valueBits, d.quality);
        return u;
    }

    /** A compressed chunk holding the samples of {@code u} (no budget check), with u's budget. */
    public static CompressedChunk fromSamples(UncompressedChunk u) {
        CompressedChunk c = new CompressedChunk(u.valueType(), u.maxBytes(), SCHEME_DECIMAL);
        c.reencode(u);
        return c;
    }

    private CompressedChunk withSamples(UncompressedChunk u) {
        CompressedChunk c = new CompressedChunk(type, maxBytes, scheme);
        c.reencode(u);
        return c;
    }

    private void reencode(UncompressedChunk u) {
        BitWriter w = new BitWriter(Math.max(INITIAL_BYTES, bits.byteLength()));
        NumericEncoder e = newEncoder();
        ChunkSummary s = new ChunkSummary();
        int n = u.count();
        for (int i = 0; i < n; i++) {
            e.append(w, u.timestampAt(i), u.valueAt(i), u.qualityAt(i));
            s.add(asDouble(u.valueAt(i)));
        }
        summary = s;
        marks = null; // the stream is written anew
        bits = w;
        encoder = e;
        count = n;
        if (n > 0) {
            firstTs = u.timestampAt(0);
            lastTs = u.timestampAt(n - 1);
        }
    }

    void encodeTo(byte[] dst, int off) {
        int header = HEADER_BYTES + summary().byteSize();
        ByteBuffer b = ByteBuffer.wrap(dst, off, header);
        b.put((byte) ChunkCodec.SUMMARY_FORMAT_VERSION).put((byte) ChunkCodec.KIND_COMPRESSED)
                .put((byte) type.code()).put((byte) scheme)
                .putInt(maxBytes).putInt(count).putLong(firstTs).putLong(lastTs).putInt(bits.bitLength());
        summary.write(b);
        bits.copyBytes(dst, off + header);
    }

    /**
     * Decodes the payload after the version and kind bytes; appending first rebuilds the encoder
     * state. Version 1 has no summary; version 2 has it after the bit length.
     */
    static CompressedChunk decodePayload(byte[] src, ByteBuffer b, int version) {
        ValueType type = ValueType.ofCode(b.get());
        int scheme = b.get();
        int maxBytes = b.getInt();
        int count = b.getInt();
        long firstTs = b.getLong();
        long lastTs = b.getLong();
        int bitLength = b.getInt();
        ChunkSummary summary = version >= ChunkCodec.SUMMARY_FORMAT_VERSION ? ChunkSummary.read(b, count) : null;
        int byteLength = (int) (((long) bitLength + 7) >>> 3);
        if (count < 0 || bitLength < 0 || byteLength > b.remaining()) {
            throw new IllegalArgumentException("corrupt chunk: count " + count + ", bits " + bitLength);
        }
        BitWriter bits = new BitWriter(BitWriter.wordsFromBytes(src, b.position(), byteLength), bitLength);
        b.position(b.position() + byteLength);
        CompressedChunk c = new CompressedChunk(type, maxBytes, scheme, bits, false);
        c.count = count;
        c.firstTs = firstTs;
        c.lastTs = lastTs;
        c.summary = summary;
        return c;
    }
}
