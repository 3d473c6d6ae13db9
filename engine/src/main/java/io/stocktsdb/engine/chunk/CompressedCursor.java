package io.stocktsdb.engine.chunk;

/** Ascending cursor decoding a compressed chunk's bits in place, skipping samples before {@code from}. */
final class CompressedCursor implements SampleCursor {
    private final NumericDecoder decoder;
    private final boolean intValues;
    private final long from;
    private final long to;
    private boolean done;

    CompressedCursor(long[] words, int count, long firstTs, boolean intValues, long from, long to) {
        this(new NumericDecoder(), intValues, from, to);
        decoder.reset(words, count, firstTs, intValues);
    }

    /** Over what {@code positioned} decodes from where it stands (a block start of {@link ChunkIndex}). */
    CompressedCursor(NumericDecoder positioned, boolean intValues, long from, long to) {
        this.decoder = positioned;
        this.intValues = intValues;
        this.from = from;
        this.to = to;
    }

    @Override
    public boolean next() {
        if (done) return false;
        NumericDecoder d = decoder;
        while (d.next()) {
            long t = d.ts;
            if (t < from) continue;
            if (t > to) break;
            return true;
        }
        done = true;
        return false;
    }

    @Override public long timestamp() { return decoder.ts; }

    @Override public long valueBits() { return decoder.valueBits; }

    @Override public byte[] blob() { return null; }

    @Override public int quality() { return decoder.quality; }

    @Override
    public double doubleValue() {
        long v = decoder.valueBits;
        return intValues ? (double) v : Double.longBitsToDouble(v);
    }
}
