package io.stocktsdb.engine.query;

import java.util.List;
import java.util.function.Supplier;

/**
 * A TS.MRANGE's merged answer: every matched series sorted by key, and, with GROUPBY, the groups.
 * The groups are reduced on first use, so a caller can refuse the matches (permissions, series
 * without numbers) before any sample is read.
 */
public final class MRangeResult {
    private final List<SeriesRows> series;
    private final Supplier<List<GroupRows>> grouping;
    private List<GroupRows> groups;

    MRangeResult(List<SeriesRows> series, Supplier<List<GroupRows>> grouping) {
        this.series = List.copyOf(series);
        this.grouping = grouping;
    }

    /** Every matched series, sorted by key bytes. */
    public List<SeriesRows> series() {
        return series;
    }

    public boolean grouped() {
        return grouping != null;
    }

    /** The GROUPBY groups in bytewise value order; only when {@link #grouped()}. */
    public List<GroupRows> groups() {
        if (grouping == null) throw new IllegalStateException("not a GROUPBY query");
        if (groups == null) groups = grouping.get();
        return groups;
    }
}
