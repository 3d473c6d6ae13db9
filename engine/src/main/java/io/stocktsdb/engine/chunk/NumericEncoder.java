package io.stocktsdb.engine.chunk;

/**
 * Streaming encoder of numeric samples into the bit format documented on {@link CompressedChunk}.
 * All state lives in primitive fields, so an append costs O(1) and allocates nothing; the state
 * can be copied into a spare instance to undo an append that overflows the chunk budget.
 */
final class NumericEncoder {
    /** Upper bound of the bits one sample can take: 70 (ts) + 81 (value) + 8 (quality). */
    static final int MAX_SAMPLE_BITS = 160;
    /** After this many samples that all fit a narrower width, the width shrinks. */
    private static final int SHRINK_AFTER = 16;
    /** Non-decimal samples (at least this many, and more than decimal ones) switch to XOR mode. */
    private static final int XOR_SWITCH_MIN_ESCAPES = 4;

    private boolean intValues;
    private boolean forceXor;
    private int count;
    private long prevTs;
    private long prevDelta;
    private int prevQuality;
    // value state shared with NumericDecoder
    private boolean xorMode;
    private int exponent;
    private long prevMantissa;
    private int width;
    private long prevBits;
    private boolean hasWindow;
    private int prevLead;
    private int prevTrail;
    // encoder-only heuristics (do not affect decoding)
    private int shrinkRun;
    private int runMax;
    private int escapes;
    private int decimals;

    NumericEncoder(boolean intValues, boolean forceXor) {
        this.intValues = intValues;
        this.forceXor = forceXor;
        this.prevQuality = 100;
    }

    void copyFrom(NumericEncoder o) {
        intValues = o.intValues;
        forceXor = o.forceXor;
        count = o.count;
        prevTs = o.prevTs;
        prevDelta = o.prevDelta;
        prevQuality = o.prevQuality;
        xorMode = o.xorMode;
        exponent = o.exponent;
        prevMantissa = o.prevMantissa;
        width = o.width;
        prevBits = o.prevBits;
        hasWindow = o.hasWindow;
        prevLead = o.prevLead;
        prevTrail = o.prevTrail;
        shrinkRun = o.shrinkRun;
        runMax = o.runMax;
        escapes = o.escapes;
        decimals = o.decimals;
    }

    int count() { return count; }

    /** Writes one sample; the first sample's timestamp is not written (the chunk header holds it). */
    void append(BitWriter out, long ts, long valueBits, int quality) {
        if (count == 0) {
            prevTs = ts;
        } else {
            long delta = ts - prevTs;
            DeltaOfDelta.write(out, delta - prevDelta);
            prevDelta = delta;
            prevTs = ts;
        }
        if (intValues) {
            writeMantissa(out, valueBits);
        } else if (xorMode) {
            writeXor(out, valueBits);
        } else {
            writeDecimalOrEscape(out, valueBits);
        }
        prevBits = valueBits;
        if (quality == prevQuality) {
            out.write(0, 1);
        } else {
            out.write(0x80 | quality, 8);
            prevQuality = quality;
        }
        count++;
    }

    private void writeDecimalOrEscape(BitWriter out, long valueBits) {
        if (forceXor) {
            out.write(0b1111, 4);
            xorMode = true;
            writeXor(out, valueBits);
            return;
        }
        double v = Double.longBitsToDouble(valueBits);
        long m = DecimalScale.mantissa(v, exponent);
        if (m != DecimalScale.NO_MANTISSA) {
            writeMantissa(out, m);
            return;
        }
        int e = DecimalScale.smallestExponent(v, exponent);
        if (e < 0 && exponent > 0) e = DecimalScale.smallestExponent(v, 0);
        if (e >= 0) {
            out.write(0b110L << 5 | e, 8);
            prevMantissa = DecimalScale.rescale(prevMantissa, exponent, e);
            exponent = e;
            writeMantissa(out, DecimalScale.mantissa(v, e));
            return;
        }
        escapes++;
        if (escapes >= XOR_SWITCH_MIN_ESCAPES && escapes > decimals) {
            out.write(0b1111, 4);
            xorMode = true;
        } else {
            out.write(0b1110, 4);
        }
        writeXor(out, valueBits);
    }

    /** Zigzag delta of the mantissa in the current width, widening or narrowing it when useful. */
    private void writeMantissa(BitWriter out, long m) {
        long d = m - prevMantissa;
        long zz = (d << 1) ^ (d >> 63);
        int need = 64 - Long.numberOfLeadingZeros(zz);
        int w = width;
        if (need < w) {
            if (need > runMax) runMax = need;
            if (++shrinkRun >= SHRINK_AFTER) {
                setWidth(out, runMax, zz);
            } else {
                writeInWidth(out, zz, w);
            }
        } else if (need == w) {
            shrinkRun = 0;
            runMax = 0;
            writeInWidth(out, zz, w);
        } else {
            setWidth(out, need, zz);
        }
        prevMantissa = m;
        decimals++;
    }

    private void setWidth(BitWriter out, int w, long zz) {
        out.write(0b10L << 7 | w, 9);
        out.write(zz, w);
        width = w;
        shrinkRun = 0;
        runMax = 0;
    }

    private static void writeInWidth(BitWriter out, long zz, int w) {
        if (w < 64) {
            out.write(zz, w + 1); // leading '0' then w bits: zz < 2^w
        } else {
            out.write(0, 1);
            out.write(zz, 64);
        }
    }

    private void writeXor(BitWriter out, long bits) {
        long x = bits ^ prevBits;
        if (x == 0) {
            out.write(0, 1);
            return;
        }
        int lead = Math.min(31, Long.numberOfLeadingZeros(x));
        int trail = Long.numberOfTrailingZeros(x);
        int block = 64 - lead - trail;
        if (hasWindow && lead >= prevLead && trail >= prevTrail) {
            int prevBlock = 64 - prevLead - prevTrail;
            if (prevBlock <= block + 11) {
                out.write(0b10, 2);
                out.write(x >>> prevTrail, prevBlock);
                return;
            }
        }
        out.write((0b11L << 11) | ((long) lead << 6) | (block - 1), 13);
        out.write(x >>> trail, block);
        hasWindow = true;
        prevLead = lead;
        prevTrail = trail;
    }
}
