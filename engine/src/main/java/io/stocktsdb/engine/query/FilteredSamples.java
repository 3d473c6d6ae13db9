package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.SampleSource;
import io.stocktsdb.engine.chunk.SampleCursor;
import java.util.Arrays;

/**
 * The raw stream of a range query: the series' samples (retention already applied by the engine),
 * then optionally the open compaction bucket (LATEST), with FILTER_BY_TS and FILTER_BY_VALUE
 * applied. Ascending cursors get the extra sample last, descending ones first.
 */
final class FilteredSamples implements SampleSource {
    private final SampleCursor cursor;
    private final RangeQuery query;
    private final LatestBucket extra;
    private final boolean extraFirst;
    private int extraState; // 0 = pending, 1 = current, 2 = done
    private boolean cursorDone;
    private long ts;
    private double value;

    /**
     * @param cursor the series' samples in range, or null when none can match
     * @param extra  a sample outside the series to include, or null
     */
    FilteredSamples(SampleCursor cursor, RangeQuery query, LatestBucket extra, boolean extraFirst) {
        this.cursor = cursor;
        this.query = query;
        this.extra = extra;
        this.extraFirst = extraFirst;
        this.cursorDone = cursor == null;
        this.extraState = extra == null ? 2 : 0;
    }

    @Override
    public boolean next() {
        if (extraFirst && extraState == 0) {
            extraState = 2;
            if (takeExtra()) return true;
        }
        while (!cursorDone) {
            if (!cursor.next()) {
                cursorDone = true;
                break;
            }
            long t = cursor.timestamp();
            double v = cursor.doubleValue();
            if (passes(t, v)) {
                ts = t;
                value = v;
                return true;
            }
        }
        if (extraState == 0) {
            extraState = 2;
            return takeExtra();
        }
        return false;
    }

    private boolean takeExtra() {
        if (!passes(extra.timestamp(), extra.value())) return false;
        ts = extra.timestamp();
        value = extra.value();
        return true;
    }

    private boolean passes(long t, double v) {
        long[] byTs = query.filterByTs();
        if (byTs != null && Arrays.binarySearch(byTs, t) < 0) return false;
        return !query.filterByValue() || (v >= query.minValue() && v <= query.maxValue());
    }

    @Override
    public long timestamp() {
        return ts;
    }

    @Override
    public double value() {
        return value;
    }
}
