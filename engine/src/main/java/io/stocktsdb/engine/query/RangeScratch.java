package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.AggregationSpec;
import io.stocktsdb.engine.aggregate.BucketAggregation;
import io.stocktsdb.engine.series.Series;

/**
 * What the ranges of one query share, so that the series of a TS.MRANGE cost their samples and
 * not a set-up each: the aggregation spec (ALIGN is resolved against the query's range, the same
 * for every series), the bucket aggregation with its contexts, the summarized reader with its
 * decode buffers, and the rows a reverse aggregation buffers. Built lazily on first use.
 *
 * <p>Used by one range at a time: the series of a query are streamed one after the other
 * (a reply, a GROUPBY reduction, a shard's encoded part), never interleaved.
 */
final class RangeScratch {
    private final RangeQuery query;
    private AggregationSpec spec;
    private BucketAggregation aggregation;
    private SummarizedSamples summarized;
    private Rows reverseRows;

    RangeScratch(RangeQuery query) {
        this.query = query;
    }

    RangeQuery query() {
        return query;
    }

    /** The query's aggregation spec; only for aggregated queries. */
    AggregationSpec spec() {
        if (spec == null) spec = query.aggregation().spec(query.from(), query.to());
        return spec;
    }

    /** The bucket aggregation in the query's direction (it starts afresh on every run). */
    BucketAggregation aggregation() {
        if (aggregation == null) aggregation = new BucketAggregation(spec(), query.reverse());
        return aggregation;
    }

    /** The summarized reader, pointed at {@code series}' samples in the query's range. */
    SummarizedSamples summarized(Series series) {
        if (summarized == null) summarized = new SummarizedSamples(spec());
        summarized.open(series, query.from(), query.to());
        return summarized;
    }

    /** Empty rows for a reverse aggregation to buffer into. */
    Rows reverseRows() {
        if (reverseRows == null) reverseRows = new Rows(query.width());
        reverseRows.clear();
        return reverseRows;
    }
}
