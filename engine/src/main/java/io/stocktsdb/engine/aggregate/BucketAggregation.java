package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.chunk.ChunkSummary;
import java.util.List;

/**
 * Turns an ascending sample stream into aggregated bucket rows exactly like RedisTimeSeries'
 * {@code AggregationIterator} (docs/timeseries.md, "Behaviour: aggregation"): bucket starts {@code ts - ((ts - align) mod d)},
 * reported starts clamped to 0, BUCKETTIMESTAMP start/end/mid, EMPTY filling between the first and
 * last non-empty bucket (and, when twa is asked for, also before the first and after the last sample
 * inside [from, to]), and twa interpolation with the series' neighbours outside the range. With
 * several aggregators every row carries one value per aggregator, in the spec's order.
 *
 * <p>Direction: input is always ascending and rows come out ascending. For REVRANGE/MREVRANGE the
 * caller reverses the rows, and for COUNT it stops the sink (forward) or keeps the last N rows
 * (reverse). RedisTimeSeries 8.2 aggregates a reverse query in its iteration order, newest sample
 * first; a {@code reverse} instance does the same inside each bucket (so {@code first} is the
 * bucket's newest sample, {@code last} its oldest, and sums add up in RTS's order) and lets EMPTY
 * buckets carry {@code last} from the newer bucket, which comes before them in that order. twa
 * keeps the ascending computation (the same weights; RTS's mirrored arithmetic may differ in the
 * last bits).
 *
 * <p>An instance holds the contexts and one reusable row buffer; it is not thread-safe but can be
 * reused for any number of runs (each {@link #run} starts fresh). Nothing is allocated per sample.
 */
public final class BucketAggregation {
    private final AggregationSpec spec;
    private final AggregationContext[] contexts;
    private final double[] row;
    private final boolean hasTwa;
    private final long duration;
    // Neighbour lookups for twa, reused.
    private final long[] beforeTs = new long[2];
    private final double[] beforeValues = new double[2];
    private final long[] afterTs = new long[2];
    /** The current run's source, when it offers runs. */
    private SummarizedSource summarized;
    private final double[] afterValues = new double[2];
    // Reverse direction: the open bucket's samples, fed newest first when it closes.
    private final boolean reverse;
    private long[] bucketTs = new long[16];
    private double[] bucketValues = new double[16];
    private int bucketSize;

    public BucketAggregation(AggregationSpec spec) {
        this(spec, false);
    }

    /** @param reverse aggregate each bucket newest sample first, as RTS does for REVRANGE/MREVRANGE */
    public BucketAggregation(AggregationSpec spec, boolean reverse) {
        this.reverse = reverse;
        this.spec = spec;
        List<Aggregator> aggregators = spec.aggregators();
        this.contexts = new AggregationContext[aggregators.size()];
        for (int i = 0; i < contexts.length; i++) contexts[i] = aggregators.get(i).newContext();
        this.row = new double[contexts.length];
        this.hasTwa = spec.hasTwa();
        this.duration = spec.bucketDuration();
    }

    public AggregationSpec spec() {
        return spec;
    }

    /**
     * Aggregates {@code samples} (ascending, already limited to [from, to], retention and
     * FILTER_BY_TS / FILTER_BY_VALUE applied) into {@code sink}.
     *
     * @param from the query's start (0 for {@code -}); twa clamps its first bucket to it
     * @param to the query's end, already resolved: for {@code +} pass the series' last timestamp,
     *     as TS.RANGE does, since twa + EMPTY fills empty buckets up to it
     * @param neighbours raw samples around the range for twa; {@link NeighbourSamples#NONE} if none
     * @return false when the sink asked to stop
     */
    public boolean run(SampleSource samples, long from, long to, NeighbourSamples neighbours, BucketSink sink) {
        summarized = samples instanceof SummarizedSource s ? s : null;
        if (summarized != null && hasTwa) throw new IllegalArgumentException("twa needs every sample, not runs");
        for (AggregationContext c : contexts) c.clear();
        bucketSize = 0;
        boolean twaEmpty = spec.empty() && hasTwa;
        if (!samples.next()) {
            if (!twaEmpty) return true;
            long first = spec.bucketStart(from);
            long last = spec.bucketStart(to);
            seedLast(Math.max(0, first), neighbours);
            return fill(first, last, from, to, neighbours, sink);
        }

        long ts = samples.timestamp();
        double value = samples.value();
        if (twaEmpty) {
            long first = spec.bucketStart(from);
            long sampleBucket = spec.bucketStart(ts);
            // RTS compares unsigned here: a first bucket starting before 0 means no prefix.
            if (first >= 0 && first < sampleBucket) {
                seedLast(first, neighbours);
                if (!fill(first, sampleBucket - duration, from, to, neighbours, sink)) return false;
            }
        }

        long bucket = spec.bucketStart(ts);
        long scope = bucket + duration;
        long reported = Buckets.normalize(bucket);
        if (hasTwa) {
            for (AggregationContext c : contexts) {
                if (!c.needsNeighbours()) continue;
                c.setBucket(Math.max(reported, from), Math.min(scope, to));
                if (ts > 0 && neighbours.before(ts, beforeTs, beforeValues) > 0) {
                    c.addPrevious(beforeTs[0], beforeValues[0]);
                }
            }
        }
        add(samples, ts, value);

        while (samples.next()) {
            ts = samples.timestamp();
            value = samples.value();
            if (ts >= scope) {
                for (AggregationContext c : contexts) {
                    if (c.needsNeighbours()) c.addNext(ts, value);
                }
                if (!emitFinal(reported, sink)) return false;
                long next = spec.bucketStart(ts);
                if (spec.empty() && scope < next) {
                    if (reverse) carryLast(value); // newest first: the gap follows the next bucket's oldest sample
                    if (!fill(scope, Math.max(0, next - duration), from, to, neighbours, sink)) return false;
                }
                scope = next + duration;
                reported = next;
                if (hasTwa) {
                    for (AggregationContext c : contexts) {
                        if (!c.needsNeighbours()) continue;
                        long lastTs = c.lastTimestamp();
                        double lastValue = c.lastValue();
                        c.reset();
                        c.addPrevious(lastTs, lastValue);
                        c.setBucket(next, Math.min(scope, to));
                    }
                }
            }
            add(samples, ts, value);
        }

        if (hasTwa) {
            for (AggregationContext c : contexts) {
                if (!c.needsNeighbours()) continue;
                long lastTs = c.lastTimestamp();
                if (lastTs < Long.MAX_VALUE && neighbours.atOrAfter(lastTs + 1, afterTs, afterValues) > 0) {
                    c.addNext(afterTs[0], afterValues[0]);
                }
            }
        }
        long lastReported = spec.bucketTimestamp().of(reported, duration);
        if (!emitFinal(reported, sink)) return false;
        if (twaEmpty) {
            // Like RTS, the suffix starts after the bucket holding the *reported* timestamp, so with
            // BUCKETTIMESTAMP end the first empty bucket after the data is skipped.
            long first = spec.bucketStart(lastReported);
            long last = spec.bucketStart(to);
            if (first < last) return fill(first + duration, last, from, to, neighbours, sink);
        }
        return true;
    }

    /** Adds the current item: a run's summary when every context takes it exactly, else its values. */
    private void add(SampleSource samples, long ts, double value) {
        if (summarized != null) {
            ChunkSummary summary = summarized.summary();
            if (summary != null && acceptedByAll(summary)) {
                for (AggregationContext c : contexts) c.addSummary(summary);
                return;
            }
            double[] values = summarized.runValues();
            int from = summarized.runStart();
            int to = from + summarized.runLength();
            for (AggregationContext c : contexts) c.addValues(values, from, to);
            return;
        }
        addToAll(ts, value);
    }

    private boolean acceptedByAll(ChunkSummary summary) {
        for (AggregationContext c : contexts) {
            if (!c.acceptsSummary(summary)) return false;
        }
        return true;
    }

    private void addToAll(long ts, double value) {
        if (!reverse) {
            for (AggregationContext c : contexts) c.add(ts, value);
            return;
        }
        for (AggregationContext c : contexts) {
            if (c.needsNeighbours()) c.add(ts, value);
        }
        if (bucketSize == bucketTs.length) {
            bucketTs = java.util.Arrays.copyOf(bucketTs, bucketSize * 2);
            bucketValues = java.util.Arrays.copyOf(bucketValues, bucketSize * 2);
        }
        bucketTs[bucketSize] = ts;
        bucketValues[bucketSize++] = value;
    }

    /** Reverse direction: feeds the closing bucket's samples newest first to every context but twa. */
    private void feedBucketBackwards() {
        for (AggregationContext c : contexts) {
            if (c.needsNeighbours()) continue;
            for (int k = bucketSize - 1; k >= 0; k--) c.add(bucketTs[k], bucketValues[k]);
        }
        bucketSize = 0;
    }

    private void carryLast(double value) {
        for (AggregationContext c : contexts) {
            if (c instanceof LastContext last) last.seed(value);
        }
    }

    /** Finalizes every context into the row, emits it and resets the contexts for the next bucket. */
    private boolean emitFinal(long reportedStart, BucketSink sink) {
        if (reverse) feedBucketBackwards();
        for (int i = 0; i < contexts.length; i++) {
            row[i] = contexts[i].result();
            if (!contexts[i].needsNeighbours()) contexts[i].reset();
        }
        return sink.accept(spec.bucketTimestamp().of(reportedStart, duration), row);
    }

    /** For empty buckets before the first sample, {@code last} carries the sample before them. */
    private void seedLast(long bucketStart, NeighbourSamples neighbours) {
        for (AggregationContext c : contexts) {
            if (c instanceof LastContext last) {
                last.seed(neighbours.before(bucketStart, beforeTs, beforeValues) > 0 ? beforeValues[0] : Double.NaN);
            }
        }
    }

    /** Emits the empty buckets starting at {@code first} .. {@code last} (inclusive). */
    private boolean fill(long first, long last, long from, long to, NeighbourSamples neighbours, BucketSink sink) {
        if (last < first) return true;
        int nBefore = 0;
        int nAfter = 0;
        if (hasTwa) {
            long ta = Math.max(first, from);
            nBefore = neighbours.before(ta, beforeTs, beforeValues);
            nAfter = neighbours.atOrAfter(ta, afterTs, afterValues);
        }
        for (long start = first; start <= last; start += duration) {
            for (int i = 0; i < contexts.length; i++) {
                row[i] = contexts[i].needsNeighbours()
                        ? twaEmptyValue(start, from, to, nBefore, nAfter)
                        : contexts[i].emptyValue();
            }
            if (!sink.accept(spec.bucketTimestamp().of(Buckets.normalize(start), duration), row)) return false;
            if (start > Long.MAX_VALUE - duration) break;
        }
        return true;
    }

    /**
     * RTS {@code twa_calc_empty_bucket_val}: a value for an empty bucket from up to two samples each
     * side; between two samples it is the linear interpolation averaged over the bucket's part of
     * the range.
     */
    private double twaEmptyValue(long start, long from, long to, int nBefore, int nAfter) {
        long ta = Math.max(start, from);
        long tb = Math.min(start + duration, to);
        // Comparisons are rearranged so that no sum can overflow near Long.MAX_VALUE.
        boolean nan = true;
        if (nBefore > 1 && beforeTs[0] - beforeTs[1] > ta - beforeTs[0]) nan = false;
        if (nAfter > 1 && afterTs[1] - afterTs[0] > afterTs[0] - tb) nan = false;
        if (nBefore > 0 && nAfter > 0) {
            // The line between the two neighbours, averaged over [ta, tb] (its value at both ends).
            double deltaValue = afterValues[0] - beforeValues[0];
            double deltaTime = afterTs[0] - beforeTs[0];
            double va = beforeValues[0] + ((double) (ta - beforeTs[0]) * deltaValue) / deltaTime;
            double vb = beforeValues[0] + ((double) (tb - beforeTs[0]) * deltaValue) / deltaTime;
            return (va + vb) / 2.0;
        }
        if (nan) return Double.NaN;
        if (nAfter > 1) {
            long delta = afterTs[1] - afterTs[0];
            return delta / 2 <= afterTs[0] - tb ? Double.NaN : afterValues[0];
        }
        long delta = beforeTs[0] - beforeTs[1];
        return delta / 2 <= ta - beforeTs[0] ? Double.NaN : beforeValues[0];
    }
}
