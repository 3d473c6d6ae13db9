package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.AggregationSpec;
import io.stocktsdb.engine.aggregate.BucketAggregation;
import io.stocktsdb.engine.aggregate.NeighbourSamples;
import io.stocktsdb.engine.aggregate.SampleSource;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.series.Series;

/**
 * Executes a range query on one series (docs/timeseries.md, "Behaviour: range queries and TS.INFO"): samples in [from, to] minus
 * expired ones, FILTER_BY_TS, FILTER_BY_VALUE, then AGGREGATION, then COUNT; REVRANGE gives the
 * same rows newest first. With LATEST on a compaction destination the open bucket joins the raw
 * samples when it lies after the stored ones and inside the range (docs/timeseries.md, "Behaviour: compaction rules").
 *
 * <p>Aggregation always runs over ascending buckets ({@link BucketAggregation}, which feeds each
 * bucket newest first for the reverse direction, as RTS does); the reverse direction buffers the
 * rows and emits them backwards.
 */
final class RangeExecutor {
    private RangeExecutor() {}

    /**
     * Streams the rows of {@code q} on {@code series} into {@code out}, in its direction, at most COUNT.
     *
     * @param latest the open bucket when the series is a compaction destination, else null
     * @return the number of rows emitted
     */
    static int stream(Series series, RangeQuery q, LatestBucket latest, RowConsumer out) {
        return stream(series, new RangeScratch(q), latest, out, true);
    }

    /** {@code summaries} false decodes every chunk (tests compare the two paths). */
    static int stream(Series series, RangeQuery q, LatestBucket latest, RowConsumer out, boolean summaries) {
        return stream(series, new RangeScratch(q), latest, out, summaries);
    }

    /** As {@link #stream(Series, RangeQuery, LatestBucket, RowConsumer)} with the query's shared {@code scratch}. */
    static int stream(Series series, RangeScratch scratch, LatestBucket latest, RowConsumer out) {
        return stream(series, scratch, latest, out, true);
    }

    private static int stream(Series series, RangeScratch scratch, LatestBucket latest, RowConsumer out, boolean summaries) {
        RangeQuery q = scratch.query();
        boolean reverse = q.reverse();
        long limit = q.limit();
        if (limit <= 0) return 0;
        LatestBucket extra = extraSample(series, q, latest);
        if (q.aggregation() == null) return raw(series, q, extra, reverse, limit, out);
        if (extra == null && series.isEmpty()) return 0; // twa + EMPTY would otherwise fill buckets of nothing

        long aggregationTo = q.to();
        if (q.toIsMax()) {
            aggregationTo = series.lastTimestamp();
            if (extra != null) aggregationTo = Math.max(aggregationTo, extra.timestamp());
        }
        AggregationSpec spec = scratch.spec();
        BucketAggregation aggregation = scratch.aggregation();
        NeighbourSamples neighbours = spec.hasTwa() ? new SeriesNeighbours(series) : NeighbourSamples.NONE;
        SampleSource samples = summaries && summarizable(q, spec, extra)
                ? scratch.summarized(series)
                : new FilteredSamples(cursor(series, q, true), q, extra, false);
        if (!reverse) {
            int[] emitted = {0};
            aggregation.run(samples, q.from(), aggregationTo, neighbours, (ts, values) -> {
                emitted[0]++;
                return out.accept(ts, values, values.length) && emitted[0] < limit;
            });
            return emitted[0];
        }
        Rows rows = scratch.reverseRows();
        aggregation.run(samples, q.from(), aggregationTo, neighbours, (ts, values) -> rows.accept(ts, values, values.length));
        return rows.emit(true, limit, out);
    }

    private static int raw(Series series, RangeQuery q, LatestBucket extra, boolean reverse, long limit, RowConsumer out) {
        FilteredSamples samples = new FilteredSamples(cursor(series, q, !reverse), q, extra, reverse);
        double[] value = new double[1];
        int n = 0;
        while (n < limit && samples.next()) {
            value[0] = samples.value();
            n++;
            if (!out.accept(samples.timestamp(), value, 1)) break;
        }
        return n;
    }

    /**
     * Whether every sample in the range counts as it is, so whole chunks can be taken from their
     * summaries: no FILTER_BY_TS / FILTER_BY_VALUE (they drop samples), no LATEST bucket (a
     * sample outside the chunks), no twa (it weighs each sample by its neighbours) and not reverse
     * (RTS adds a reverse query's samples newest first inside each bucket).
     */
    private static boolean summarizable(RangeQuery q, AggregationSpec spec, LatestBucket extra) {
        return q.filterByTs() == null && !q.filterByValue() && extra == null && !spec.hasTwa() && !q.reverse();
    }

    /** The series' samples that can pass the query, or null when none can (FILTER_BY_TS outside the range). */
    private static SampleCursor cursor(Series series, RangeQuery q, boolean ascending) {
        long from = q.from();
        long to = q.to();
        long[] byTs = q.filterByTs();
        if (byTs != null) {
            from = Math.max(from, byTs[0]);
            to = Math.min(to, byTs[byTs.length - 1]);
        }
        return from <= to ? series.range(from, to, ascending) : null;
    }

    /** LATEST's open bucket, when it applies: after the stored samples and inside [from, to]. */
    private static LatestBucket extraSample(Series series, RangeQuery q, LatestBucket latest) {
        if (latest == null || !q.latest()) return null;
        long t = latest.timestamp();
        if (t < q.from() || t > q.to()) return null;
        if (!series.isEmpty() && t <= series.lastTimestamp()) return null;
        return latest;
    }
}
