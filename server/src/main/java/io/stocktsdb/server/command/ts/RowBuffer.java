package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.aggregate.SampleSource;
import java.util.Arrays;

/** Rows of a fixed width kept in primitive arrays (reverse aggregation, GROUPBY members). */
final class RowBuffer implements RowConsumer {
    private final int width;
    private long[] timestamps = new long[16];
    private double[] values;
    private int size;

    RowBuffer(int width) {
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

    int size() {
        return size;
    }

    /** Emits the rows in order (or reversed), at most {@code limit}; returns how many were emitted. */
    int emit(boolean reverse, long limit, RowConsumer out) {
        double[] row = new double[width];
        int n = (int) Math.min(size, limit);
        for (int k = 0; k < n; k++) {
            int i = reverse ? size - 1 - k : k;
            System.arraycopy(values, i * width, row, 0, width);
            if (!out.accept(timestamps[i], row, width)) return k + 1;
        }
        return n;
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
}
