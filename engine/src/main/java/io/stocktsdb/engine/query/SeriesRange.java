package io.stocktsdb.engine.query;

import io.stocktsdb.engine.series.Series;
import java.util.function.Function;

/** A range query on a local series, executed while the writer streams it (nothing is buffered). */
final class SeriesRange implements RowSource {
    private final Series series;
    private final RangeScratch scratch;
    private final Function<Series, LatestBucket> latest;

    /** @param scratch shared by the series of one query, which are streamed one after the other */
    SeriesRange(Series series, RangeScratch scratch, Function<Series, LatestBucket> latest) {
        this.series = series;
        this.scratch = scratch;
        this.latest = latest;
    }

    @Override
    public int width() {
        return scratch.query().width();
    }

    @Override
    public int knownSize() {
        return -1;
    }

    @Override
    public int stream(RowConsumer out) {
        return RangeExecutor.stream(series, scratch, scratch.query().latest() ? latest.apply(series) : null, out);
    }
}
