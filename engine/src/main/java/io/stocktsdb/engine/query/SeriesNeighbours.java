package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.NeighbourSamples;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.series.Series;

/** twa's neighbouring samples, read from the whole series (retention applied, no query filters). */
final class SeriesNeighbours implements NeighbourSamples {
    private final Series series;

    SeriesNeighbours(Series series) {
        this.series = series;
    }

    @Override
    public int before(long ts, long[] timestamps, double[] values) {
        if (ts <= 0) return 0;
        return take(series.range(0, ts - 1, false), timestamps, values);
    }

    @Override
    public int atOrAfter(long ts, long[] timestamps, double[] values) {
        if (ts < 0) ts = 0;
        return take(series.range(ts, Long.MAX_VALUE, true), timestamps, values);
    }

    private static int take(SampleCursor c, long[] timestamps, double[] values) {
        int n = 0;
        while (n < timestamps.length && c.next()) {
            timestamps[n] = c.timestamp();
            values[n] = c.doubleValue();
            n++;
        }
        return n;
    }
}
