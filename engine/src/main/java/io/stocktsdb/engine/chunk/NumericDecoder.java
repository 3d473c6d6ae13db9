package io.stocktsdb.engine.chunk;

/**
 * Decodes the sample stream written by {@link NumericEncoder}, one sample per {@link #next()},
 * into the public fields {@link #ts}, {@link #valueBits} and {@link #quality}. Reads straight from
 * the chunk's words; nothing is allocated per sample.
 */
final class NumericDecoder {
    private final BitReader in = new BitReader(null);
    private boolean intValues;
    private int remaining;
    private boolean first;
    private long prevDelta;
    private boolean xorMode;
    private int exponent;
    private long prevMantissa;
    private int width;
    private boolean hasWindow;
    private int prevLead;
    private int prevTrail;

    long ts;
    long valueBits;
    int quality;

    void reset(long[] words, int count, long firstTs, boolean intValues) {
        in.reset(words, 0);
        this.intValues = intValues;
        remaining = count;
        first = true;
        ts = firstTs;
        prevDelta = 0;
        valueBits = 0;
        quality = 100;
        xorMode = false;
        exponent = 0;
        prevMantissa = 0;
        width = 0;
        hasWindow = false;
    }

    int remaining() { return remaining; }

    /** After {@link #restore}: the samples left from there in a chunk that has grown since the save. */
    void setRemaining(int n) { remaining = n; }

    /** Longs {@link #save} writes. */
    static final int STATE_LONGS = 6;

    /** Writes the whole decoding state at {@code into[at..at+STATE_LONGS)}, to {@link #restore} it later. */
    void save(long[] into, int at) {
        into[at] = ts;
        into[at + 1] = prevDelta;
        into[at + 2] = prevMantissa;
        into[at + 3] = valueBits;
        into[at + 4] = (long) in.position() << 32 | (remaining & 0xFFFF_FFFFL);
        into[at + 5] = exponent | (long) width << 8 | (long) prevLead << 16 | (long) prevTrail << 24 | (long) quality << 32
                | (xorMode ? 1L << 40 : 0) | (hasWindow ? 1L << 41 : 0) | (first ? 1L << 42 : 0) | (intValues ? 1L << 43 : 0);
    }

    /** Resumes decoding {@code words} where a {@link #save} of the same stream left off. */
    void restore(long[] words, long[] from, int at) {
        ts = from[at];
        prevDelta = from[at + 1];
        prevMantissa = from[at + 2];
        valueBits = from[at + 3];
        in.reset(words, (int) (from[at + 4] >>> 32));
        remaining = (int) from[at + 4];
        long flags = from[at + 5];
        exponent = (int) (flags & 0xFF);
        width = (int) (flags >>> 8) & 0xFF;
        prevLead = (int) (flags >>> 16) & 0xFF;
        prevTrail = (int) (flags >>> 24) & 0xFF;
        quality = (int) (flags >>> 32) & 0xFF;
        xorMode = (flags & 1L << 40) != 0;
        hasWindow = (flags & 1L << 41) != 0;
        first = (flags & 1L << 42) != 0;
        intValues = (flags & 1L << 43) != 0;
    }

    boolean next() {
        if (remaining == 0) return false;
        remaining--;
        if (first) {
            first = false;
        } else {
            long p = in.peek64();
            if (p >= 0) { // timestamp delta unchanged
                ts += prevDelta;
                if (xorMode ? fastXor(p) : fastDecimal(p)) return true;
                in.skip(1);
            } else {
                prevDelta += DeltaOfDelta.read(in);
                ts += prevDelta;
            }
        }
        if (intValues) {
            readIntValue();
        } else if (xorMode) {
            readXor();
        } else {
            readDecimalValue();
        }
        long p = in.peek64();
        if (p >= 0) {
            in.skip(1);
        } else {
            quality = (int) ((p << 1) >>> 57);
            in.skip(8);
        }
        return true;
    }

    /**
     * The common sample, decoded from one peek: {@code 0} (dod 0) {@code 0 zz[w]} (value in the
     * current width) {@code 0} (same quality). False, consuming nothing, for any other shape.
     */
    private boolean fastDecimal(long p) {
        int w = width;
        if (w > 61 || (p & (0x4000_0000_0000_0000L | (1L << (61 - w)))) != 0) return false;
        in.skip(3 + w);
        if (w != 0) prevMantissa += unzigzag((p << 2) >>> (64 - w));
        valueBits = intValues ? prevMantissa : Double.doubleToRawLongBits(prevMantissa / DecimalScale.POW10[exponent]);
        return true;
    }

    /** Like {@link #fastDecimal} in XOR mode: {@code 0 (0 | 10 block) 0}. */
    private boolean fastXor(long p) {
        if ((p & 0x4000_0000_0000_0000L) == 0) { // value repeated
            if ((p & 0x2000_0000_0000_0000L) != 0) return false;
            in.skip(3);
            return true;
        }
        if ((p & 0x2000_0000_0000_0000L) != 0 || !hasWindow) return false;
        int block = 64 - prevLead - prevTrail;
        if (block > 60 || (p & (1L << (60 - block))) != 0) return false;
        in.skip(4 + block);
        valueBits ^= ((p << 3) >>> (64 - block)) << prevTrail;
        return true;
    }

    private void readIntValue() {
        long p = in.peek64();
        long zz;
        if (p >= 0) {
            zz = readInWidth(p);
        } else if ((p << 1) >= 0) {
            zz = readNewWidth(p);
        } else {
            throw new IllegalStateException("corrupt INT chunk: control code " + Long.toBinaryString(p >>> 60));
        }
        prevMantissa += unzigzag(zz);
        valueBits = prevMantissa;
    }

    private void readDecimalValue() {
        for (;;) {
            long p = in.peek64();
            long zz;
            if (p >= 0) {
                zz = readInWidth(p);
            } else {
                int ones = Long.numberOfLeadingZeros(~p);
                if (ones == 1) {
                    zz = readNewWidth(p);
                } else if (ones == 2) { // 110 eeeee: new exponent, then another value code
                    int e = (int) ((p << 3) >>> 59);
                    if (e > DecimalScale.MAX_EXPONENT) throw new IllegalStateException("corrupt chunk: exponent " + e);
                    in.skip(8);
                    prevMantissa = DecimalScale.rescale(prevMantissa, exponent, e);
                    exponent = e;
                    continue;
                } else { // 1110 escape for one sample, 1111 XOR for the rest of the chunk
                    in.skip(4);
                    if (ones >= 4) xorMode = true;
                    readXor();
                    return;
                }
            }
            prevMantissa += unzigzag(zz);
            valueBits = Double.doubleToRawLongBits(prevMantissa / DecimalScale.POW10[exponent]);
            return;
        }
    }

    /** '0' followed by the zigzag delta in the current width. */
    private long readInWidth(long p) {
        int w = width;
        if (w == 0) {
            in.skip(1);
            return 0;
        }
        if (w < 64) {
            in.skip(w + 1);
            return (p << 1) >>> (64 - w);
        }
        in.skip(1);
        return in.read(64);
    }

    /** '10' + 7-bit width, then the zigzag delta in that width. */
    private long readNewWidth(long p) {
        int w = (int) ((p << 2) >>> 57);
        if (w > 64) throw new IllegalStateException("corrupt chunk: width " + w);
        in.skip(9);
        width = w;
        return in.read(w);
    }

    private void readXor() {
        long p = in.peek64();
        if (p >= 0) {
            in.skip(1);
            return;
        }
        long x;
        if ((p << 1) >= 0) { // '10': reuse the previous window
            if (!hasWindow) throw new IllegalStateException("corrupt chunk: xor window reused before set");
            in.skip(2);
            x = in.read(64 - prevLead - prevTrail) << prevTrail;
        } else { // '11' + 5 bits leading zeros + 6 bits (block - 1)
            int lead = (int) ((p << 2) >>> 59);
            int block = (int) ((p << 7) >>> 58) + 1;
            int trail = 64 - lead - block;
            if (trail < 0) throw new IllegalStateException("corrupt chunk: xor block " + block + " after " + lead);
            in.skip(13);
            x = in.read(block) << trail;
            hasWindow = true;
            prevLead = lead;
            prevTrail = trail;
        }
        valueBits ^= x;
    }

    private static long unzigzag(long zz) {
        return (zz >>> 1) ^ -(zz & 1);
    }
}
