package io.stocktsdb.engine.chunk;


/** Walks index range [lo, hi) of parallel sample arrays, ascending or descending. */
final class ArrayCursor implements SampleCursor {
    private final long[] ts;
    private final long[] values;
    private final byte[][] blobs;
    private final byte[] quality;
    private final boolean intValues;
    private final int step;
    private final int end;
    private int index;

    /** {@code values} or {@code blobs} may be null for the kind of series that lacks them. */
    ArrayCursor(ValueType type, long[] ts, long[] values, byte[][] blobs, byte[] quality, int lo, int hi, boolean descending) {
        this.ts = ts;
        this.values = values;
        this.blobs = blobs;
        this.quality = quality;
        this.intValues = type == ValueType.INT;
        this.step = descending ? -1 : 1;
        this.index = descending ? hi : lo - 1;
        this.end = descending ? lo - 1 : hi;
        if (lo >= hi) this.index = this.end - step; // empty: first next() lands on end
    }

    @Override
    public boolean next() {
        int i = index + step;
        if (i == end) {
            return false;
        }
        index = i;
        return true;
    }

    @Override public long timestamp() { return ts[index]; }

    @Override public long valueBits() { return values == null ? 0 : values[index]; }

    @Override public byte[] blob() { return blobs == null ? null : blobs[index]; }

    @Override public int quality() { return quality[index]; }

    @Override
    public double doubleValue() {
        if (values == null) return Double.NaN;
        long v = values[index];
        return intValues ? (double) v : Double.longBitsToDouble(v);
    }
}
