package io.stocktsdb.engine.chunk;

/**
 * Streaming encoder of numeric samples into the bit format documented on {@link CompressedChunk}.
 * All state lives in primitive fields, so an append costs O(1) and allocates nothing; the state
 * can be copied into a spare instance to undo an append that overflows the chunk budget.
 */
final class NumericEncoder {
    /** Upper bound of the bits one sample can take: 70 (ts) + 81 (value) + 8 (quality). */
    static final int MAX_SAMPLE_BITS = 160;
    /**
     * The width shrinks to the widest need of the latest run of narrower samples once that run
     * would have saved this many bits (twice the 9-bit cost of a width change).
     */
    private static final int SHRINK_SAVED_BITS = 18;
    /** Decimal mode switches to XOR once it has cost this many bits more than Gorilla XOR would have. */
    private static final int XOR_SWITCH_EXCESS_BITS = 64;
    /** Floor of the running cost difference, so old savings do not delay a switch for long. */
    private static final int MIN_COST_DIFF = -256;

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
    private int costDiff;
    private boolean simHasWindow;
    private int simLead;
    private int simTrail;

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
        costDiff = o.costDiff;
        simHasWindow = o.simHasWindow;
        simLead = o.simLead;
        simTrail = o.simTrail;
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
        if (forceXor || costDiff > XOR_SWITCH_EXCESS_BITS) {
            out.write(0b1111, 4);
            xorMode = true;
            writeXor(out, valueBits);
            return;
        }
        int before = out.bitLength();
        double v = Double.longBitsToDouble(valueBits);
        long m = DecimalScale.mantissa(v, exponent);
        if (m != DecimalScale.NO_MANTISSA) {
            writeMantissa(out, m);
        } else {
            int e = DecimalScale.smallestExponent(v, exponent);
            if (e < 0 && exponent > 0) e = DecimalScale.smallestExponent(v, 0);
            if (e >= 0) {
                out.write(0b110L << 5 | e, 8);
                prevMantissa = DecimalScale.rescale(prevMantissa, exponent, e);
                exponent = e;
                writeMantissa(out, DecimalScale.mantissa(v, e));
            } else {
                out.write(0b1110, 4);
                writeXor(out, valueBits);
            }
        }
        costDiff = Math.max(MIN_COST_DIFF, costDiff + (out.bitLength() - before) - simulatedXorBits(valueBits));
    }

    /** Bits plain Gorilla XOR would have spent on this value (tracking its own window). */
    private int simulatedXorBits(long bits) {
        long x = bits ^ prevBits;
        if (x == 0) return 1;
        int lead = Math.min(31, Long.numberOfLeadingZeros(x));
        int trail = Long.numberOfTrailingZeros(x);
        int block = 64 - lead - trail;
        if (simHasWindow && lead >= simLead && trail >= simTrail && 64 - simLead - simTrail <= block + 11) {
            return 2 + 64 - simLead - simTrail;
        }
        simHasWindow = true;
        simLead = lead;
        simTrail = trail;
        return 13 + block;
    }

    /** Zigzag delta of the mantissa in the current width, widening or narrowing it when useful. */
    private void writeMantissa(BitWriter out, long m) {
        long d = m - prevMantissa;
        long zz = (d << 1) ^ (d >> 63);
        int need = 64 - Long.numberOfLeadingZeros(zz);
        int w = width;
        if (need < w) {
            if (need > runMax) runMax = need;
            if (++shrinkRun * (w - runMax) >= SHRINK_SAVED_BITS) {
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
