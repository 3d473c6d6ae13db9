package io.stocktsdb.engine.aggregate;

import java.util.Arrays;

/** An in-memory series for tests: ascending timestamps with values. */
public final class ArraySeries implements SeriesSamples {
    final long[] ts;
    final double[] values;

    public ArraySeries(long[] ts, double[] values) {
        this.ts = ts;
        this.values = values;
    }

    /** Pairs: ts0, v0, ts1, v1, ... */
    public static ArraySeries of(double... pairs) {
        long[] ts = new long[pairs.length / 2];
        double[] v = new double[pairs.length / 2];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = (long) pairs[2 * i];
            v[i] = pairs[2 * i + 1];
        }
        return new ArraySeries(ts, v);
    }

    private int firstAtOrAfter(long t) {
        int i = Arrays.binarySearch(ts, t);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public SampleSource range(long from, long to) {
        int a = firstAtOrAfter(from);
        int b = to == Long.MAX_VALUE ? ts.length : firstAtOrAfter(to + 1);
        return SampleSource.of(ts, values, a, Math.max(a, b));
    }

    @Override
    public int before(long t, long[] outTs, double[] outValues) {
        int i = firstAtOrAfter(t) - 1;
        int n = 0;
        while (n < outTs.length && i >= 0) {
            outTs[n] = ts[i];
            outValues[n++] = values[i--];
        }
        return n;
    }

    @Override
    public int atOrAfter(long t, long[] outTs, double[] outValues) {
        int i = firstAtOrAfter(t);
        int n = 0;
        while (n < outTs.length && i < ts.length) {
            outTs[n] = ts[i];
            outValues[n++] = values[i++];
        }
        return n;
    }
}
