package io.stocktsdb.engine.query;

import java.util.List;

/**
 * One engine's answer to a TS.MRANGE: every series its index matched, sorted by key, un-grouped.
 * With GROUPBY the rows are ascending and uncounted; {@link QueryMerge} reduces, orders and counts
 * them after merging the parts of every engine.
 */
public record MRangePart(List<SeriesRows> series) {
    public MRangePart {
        series = List.copyOf(series);
    }
}
