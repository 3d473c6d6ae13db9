package io.stocktsdb.engine.series;

import io.stocktsdb.engine.aggregate.SampleSource;
import io.stocktsdb.engine.aggregate.SeriesSamples;
import io.stocktsdb.engine.chunk.SampleCursor;

/**
 * A numeric series' own samples, retention applied, as compaction rules recompute buckets from
 * them. Used under the series lock (the cursors re-enter it).
 */
final class RawSamples implements SeriesSamples {
    private final Series series;

    RawSamples(Series series) {
        this.series = series;
    }

    @Override
    public SampleSource range(long from, long to) {
        SampleCursor c = series.rawCursor(from, to, true);
        return new SampleSource() {
            @Override
            public boolean next() {
                return c.next();
            }

            @Override
            public long timestamp() {
                return c.timestamp();
            }

            @Override
            public double value() {
                return c.doubleValue();
            }
        };
    }

    @Override
    public int before(long ts, long[] timestamps, double[] values) {
        if (ts == Long.MIN_VALUE) return 0;
        return take(series.rawCursor(Long.MIN_VALUE, ts - 1, false), timestamps, values);
    }

    @Override
    public int atOrAfter(long ts, long[] timestamps, double[] values) {
        return take(series.rawCursor(ts, Long.MAX_VALUE, true), timestamps, values);
    }

    private static int take(SampleCursor c, long[] timestamps, double[] values) {
        int n = 0;
        while (n < timestamps.length && c.next()) {
            timestamps[n] = c.timestamp();
            values[n++] = c.doubleValue();
        }
        return n;
    }
}
