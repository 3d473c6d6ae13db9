package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.SampleSource;
import java.util.Arrays;

/**
 * Rows of a fixed width kept in primitive arrays, in the order they were accepted: reverse
 * aggregation, GROUPBY members and reductions, rows shipped between engines.
 */
public final class Rows implements RowConsumer, RowSource {
    private final int width;
    private long[] timestamps = new long[16];
    private double[] values;
    private int size;

    public Rows(int width) {
        if (width < 1) throw new IllegalArgumentException("width " + width);
        this.width = width;
        this.values = new double[16 * width];
    }

    @Override
    public boolean accept(long timestamp, double[] row, int rowWidth) {
        if (size == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, size * 2);
            values = Arrays.copyOf(values, size * 2 * width);
        }
        timestamps[size] = timestamp;
        System.arraycopy(row, 0, values, size * width, width);
        size++;
        return true;
    }

    /** Forgets every row (the arrays are kept for the next use). */
    void clear() {
        size = 0;
    }

    @Override
    public int width() {
        return width;
    }

    public int size() {
        return size;
    }

    public long timestamp(int row) {
        return timestamps[row];
    }

    public double value(int row, int column) {
        return values[row * width + column];
    }

    @Override
    public int knownSize() {
        return size;
    }

    @Override
    public int stream(RowConsumer out) {
        return emit(false, Long.MAX_VALUE, out);
    }

    /** Emits the rows in order (or reversed), at most {@code limit}; returns how many were emitted. */
    public int emit(boolean reverse, long limit, RowConsumer out) {
        double[] row = new double[width];
        int n = (int) Math.min(size, limit);
        for (int k = 0; k < n; k++) {
            int i = reverse ? size - 1 - k : k;
            System.arraycopy(values, i * width, row, 0, width);
            if (!out.accept(timestamps[i], row, width)) return k + 1;
        }
        return n;
    }

    /** These rows (or the newest first), at most {@code limit}, as a new {@link Rows}. */
    Rows ordered(boolean reverse, long limit) {
        if (!reverse && limit >= size) return this;
        Rows out = new Rows(width);
        emit(reverse, limit, out);
        return out;
    }

    /** The first column as an ascending sample stream (GROUPBY members have width 1). */
    SampleSource asSource() {
        return SampleSource.of(timestamps, firstColumn(), 0, size);
    }

    private double[] firstColumn() {
        if (width == 1) return values;
        double[] col = new double[size];
        for (int i = 0; i < size; i++) col[i] = values[i * width];
        return col;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Rows r) || r.width != width || r.size != size) return false;
        return Arrays.equals(timestamps, 0, size, r.timestamps, 0, size)
                && Arrays.equals(values, 0, size * width, r.values, 0, size * width);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Arrays.copyOf(timestamps, size)) * 31 + width;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Rows[");
        for (int i = 0; i < size; i++) {
            if (i > 0) b.append(", ");
            b.append(timestamps[i]).append('=').append(Arrays.toString(Arrays.copyOfRange(values, i * width, (i + 1) * width)));
        }
        return b.append(']').toString();
    }
}
