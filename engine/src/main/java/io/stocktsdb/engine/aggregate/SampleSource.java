package io.stocktsdb.engine.aggregate;

/**
 * A forward-only stream of samples, reused between samples so that nothing is allocated per
 * sample. Call {@link #next()} first; the getters describe the current sample until the next call.
 */
public interface SampleSource {
    boolean next();

    long timestamp();

    double value();

    /** A source over parallel arrays (tests, small in-memory buffers). */
    static SampleSource of(long[] timestamps, double[] values) {
        return of(timestamps, values, 0, timestamps.length);
    }

    static SampleSource of(long[] timestamps, double[] values, int from, int to) {
        return new SampleSource() {
            private int i = from - 1;

            @Override
            public boolean next() {
                return ++i < to;
            }

            @Override
            public long timestamp() {
                return timestamps[i];
            }

            @Override
            public double value() {
                return values[i];
            }
        };
    }

    SampleSource EMPTY = of(new long[0], new double[0]);
}
