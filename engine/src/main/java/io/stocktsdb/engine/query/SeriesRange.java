package io.stocktsdb.engine.query;

import io.stocktsdb.engine.series.Series;
import java.util.function.Function;

/** A range query on a local series, executed while the writer streams it (nothing is buffered). */
final class SeriesRange implements RowSource {
    private final Series series;
    private final RangeQuery query;
    private final Function<Series, LatestBucket> latest;

    SeriesRange(Series series, RangeQuery query, Function<Series, LatestBucket> latest) {
        this.series = series;
        this.query = query;
        this.latest = latest;
    }

    @Override
    public int width() {
        return query.width();
    }

    @Override
    public int knownSize() {
        return -1;
    }

    @Override
    public int stream(RowConsumer out) {
        return RangeExecutor.stream(series, query, query.latest() ? latest.apply(series) : null, out);
    }
}
