package io.stocktsdb.engine.query;

import io.stocktsdb.engine.series.RangeSnapshot;
import io.stocktsdb.engine.series.Series;

/**
 * The rows of a big raw TS.RANGE / TS.REVRANGE, pulled one at a time from a {@link RangeSnapshot}
 * taken when the query ran, filtered as {@link RangeExecutor} filters them; {@link #size()} is
 * known before the first row, so a reply can announce it and then be written over any length of
 * time (the server streams it as the socket drains). Smaller ranges, aggregations, FILTER_BY_TS and
 * a LATEST bucket go through {@link Queries#range} instead.
 */
public final class SnapshotRange {
    /** Ranges of fewer rows are cheaper to answer at once than to snapshot. */
    public static final long MIN_ROWS = 4096;

    private final FilteredSamples rows;
    private final int size;

    private SnapshotRange(FilteredSamples rows, int size) {
        this.rows = rows;
        this.size = size;
    }

    /** The range, snapshotted and counted, when {@code q} may return at least {@link #MIN_ROWS} raw rows; else null. */
    static SnapshotRange openIfBig(Series s, RangeQuery q, LatestBucket latest) {
        if (q.aggregation() != null || q.filterByTs() != null || latest != null) return null;
        if (q.limit() < MIN_ROWS || s.samplesAtMost(q.from(), q.to()) < MIN_ROWS) return null;
        RangeSnapshot snapshot = s.snapshot(q.from(), q.to());
        long limit = Math.min(q.limit(), Integer.MAX_VALUE);
        long n;
        if (q.filterByValue()) {
            FilteredSamples counting = new FilteredSamples(snapshot.cursor(!q.reverse()), q, null, q.reverse());
            n = 0;
            while (n < limit && counting.next()) n++;
        } else {
            n = Math.min(snapshot.count(), limit);
        }
        return new SnapshotRange(new FilteredSamples(snapshot.cursor(!q.reverse()), q, null, q.reverse()), (int) n);
    }

    /** The number of rows, each of one value. */
    public int size() {
        return size;
    }

    /** Advances to the next row; call at most {@link #size()} times. */
    public boolean next() {
        return rows.next();
    }

    public long timestamp() {
        return rows.timestamp();
    }

    public double value() {
        return rows.value();
    }
}
