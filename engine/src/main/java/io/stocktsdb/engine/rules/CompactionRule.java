package io.stocktsdb.engine.rules;

import io.stocktsdb.engine.aggregate.AggregationContext;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.Buckets;
import io.stocktsdb.engine.aggregate.SampleSource;
import io.stocktsdb.engine.aggregate.SeriesSamples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One compaction rule of a source series and its open bucket (docs/timeseries.md, "Behaviour: compaction rules"), independent of
 * storage. Not thread-safe: the caller holds the source series' lock.
 *
 * <ul>
 *   <li>{@link #onAppend} feeds each appended sample ({@code ts} above the series' last timestamp).
 *       A bucket closes only when a sample of a later bucket arrives; the closed bucket is then
 *       available from {@link #closedBucketStart()} / {@link #closedBucketValue()} for the caller
 *       to write into the destination with LAST semantics. Empty buckets produce nothing.
 *   <li>{@link #onUpsert} and {@link #onDelete} recompute affected buckets from the raw samples
 *       that remain (retention applied by the caller's {@link SeriesSamples}).
 *   <li>A rule that has not seen an append yet has no open bucket and ignores upserts and deletes:
 *       a rule created on a non-empty series does not compact its history.
 * </ul>
 *
 * <p>Persisted form ({@link #writeTo}): version byte, destination key (modified UTF-8), aggregator
 * code, bucket duration, alignment, open bucket start (-1 when none), open bucket sample count,
 * then the open bucket's aggregation context.
 */
public final class CompactionRule {
    static final int FORMAT_VERSION = 1;
    /** Open bucket start meaning "no bucket yet" (RTS {@code startCurrentTimeBucket = -1}). */
    public static final long NO_BUCKET = -1;

    private final String destKey;
    private final Aggregator aggregator;
    private final long bucketDuration;
    private final long alignTimestamp;
    private AggregationContext context;
    private long openBucket = NO_BUCKET;
    private long openCount;
    private long closedStart;
    private double closedValue;

    public CompactionRule(String destKey, Aggregator aggregator, long bucketDuration, long alignTimestamp) {
        if (bucketDuration <= 0) throw new IllegalArgumentException("bucketDuration must be > 0");
        if (alignTimestamp < 0) throw new IllegalArgumentException("alignTimestamp must be >= 0");
        this.destKey = Objects.requireNonNull(destKey);
        this.aggregator = Objects.requireNonNull(aggregator);
        this.bucketDuration = bucketDuration;
        this.alignTimestamp = alignTimestamp;
        this.context = aggregator.newContext();
    }

    /**
     * The destination key of a COMPACTION_POLICY auto-rule: {@code key_AGG_bucket}, plus
     * {@code _align} when the alignment is not 0 (docs/timeseries.md, "Behaviour: compaction rules").
     */
    public static String autoDestKey(String sourceKey, Aggregator aggregator, long bucketDuration, long align) {
        String key = sourceKey + "_" + aggregator.upperName() + "_" + bucketDuration;
        return align != 0 ? key + "_" + align : key;
    }

    public String destKey() { return destKey; }

    public Aggregator aggregator() { return aggregator; }

    public long bucketDuration() { return bucketDuration; }

    public long alignTimestamp() { return alignTimestamp; }

    /** Start of the open bucket (clamped to 0), or {@link #NO_BUCKET}. */
    public long openBucketStart() { return openBucket; }

    public boolean hasOpenBucket() {
        return openBucket != NO_BUCKET && openCount > 0;
    }

    /** The open bucket's value so far without closing it (TS.GET / RANGE with LATEST). */
    public double openBucketValue() {
        return context.copy().result();
    }

    /** Valid after {@link #onAppend} returned true: the closed bucket's start and value. */
    public long closedBucketStart() { return closedStart; }

    public double closedBucketValue() { return closedValue; }

    private long rawStart(long ts) {
        return Buckets.start(ts, bucketDuration, alignTimestamp);
    }

    /**
     * Feeds an appended sample. Returns true when it closed the open bucket (the sample belongs to
     * a later bucket and the open one had samples); read the result from {@link #closedBucketStart()}
     * and {@link #closedBucketValue()}. Allocates nothing.
     */
    public boolean onAppend(long ts, double value) {
        long raw = rawStart(ts);
        long start = Buckets.normalize(raw);
        boolean twa = context.needsNeighbours();
        if (openBucket == NO_BUCKET) {
            openBucket = start;
            if (twa) context.setBucket(start, raw + bucketDuration);
        }
        boolean closed = false;
        if (start > openBucket) {
            if (twa) context.addNext(ts, value);
            if (openCount > 0) {
                closedStart = openBucket;
                closedValue = context.result();
                closed = true;
            }
            long lastTs = context.lastTimestamp();
            double lastValue = context.lastValue();
            context.reset();
            if (twa) {
                context.setBucket(start, raw + bucketDuration);
                if (openCount > 0) context.addPrevious(lastTs, lastValue);
            }
            openBucket = start;
            openCount = 0;
        }
        context.add(ts, value);
        openCount++;
        return closed;
    }

    /**
     * An out-of-order or duplicate write at {@code ts} changed the raw samples: recomputes the open
     * bucket's context when {@code ts} falls in it, else recomputes the bucket of {@code ts} and
     * upserts it into the destination (nothing when no raw sample of it remains).
     */
    public void onUpsert(long ts, SeriesSamples raw, DestinationWriter dest) {
        if (openBucket == NO_BUCKET) return;
        long bucket = rawStart(ts);
        if (Buckets.normalize(bucket) >= openBucket) {
            recomputeOpen(raw);
        } else {
            recomputeClosed(bucket, raw, dest);
        }
    }

    /**
     * Raw samples in {@code [from, to]} were deleted. Closed buckets at both ends are recomputed
     * (upserted, or deleted from the destination when emptied), closed buckets in between are
     * deleted from the destination, and the open bucket is recomputed. When the open bucket was
     * emptied, the rule rewinds to the bucket of the series' new last sample ({@code
     * lastTimestampAfter}, -1 when the series is now empty): that bucket becomes the open one again
     * and its destination sample is removed, since open buckets live only in the rule.
     */
    public void onDelete(long from, long to, long lastTimestampAfter, SeriesSamples raw, DestinationWriter dest) {
        if (openBucket == NO_BUCKET || to < from) return;
        long openRaw = rawStart(openBucket);
        long firstBucket = rawStart(from);
        long lastBucket = rawStart(to);
        long lastClosed = Math.min(lastBucket, openRaw - bucketDuration);
        if (firstBucket <= lastClosed) {
            boolean firstKept = recomputeClosed(firstBucket, raw, dest);
            boolean lastKept = lastClosed > firstBucket && recomputeClosed(lastClosed, raw, dest);
            long deleteFrom = firstKept ? firstBucket + bucketDuration : Buckets.normalize(firstBucket);
            long deleteTo;
            if (lastClosed > firstBucket) {
                deleteTo = lastKept ? lastClosed - 1 : lastClosed;
            } else {
                deleteTo = firstKept ? deleteFrom - 1 : deleteFrom;
            }
            if (deleteTo >= deleteFrom) dest.deleteRange(deleteFrom, deleteTo);
        }
        if (lastBucket >= openRaw) {
            recomputeOpen(raw);
            if (openCount == 0) rewind(lastTimestampAfter, raw, dest);
        }
    }

    /**
     * Makes the bucket holding {@code lastTimestamp} the open one, computed from the raw samples,
     * as if the rule had seen every sample so far (a rule re-attached by RESTORE resumes this way).
     */
    public void resume(long lastTimestamp, SeriesSamples raw) {
        openBucket = Buckets.normalize(rawStart(lastTimestamp));
        recomputeOpen(raw);
        if (openCount == 0) {
            openBucket = NO_BUCKET;
            context.clear();
        }
    }

    private void rewind(long lastTimestampAfter, SeriesSamples raw, DestinationWriter dest) {
        if (lastTimestampAfter < 0) {
            openBucket = NO_BUCKET;
            context.clear();
            return;
        }
        openBucket = Buckets.normalize(rawStart(lastTimestampAfter));
        recomputeOpen(raw);
        dest.deleteRange(openBucket, openBucket);
    }

    private void recomputeOpen(SeriesSamples raw) {
        AggregationContext fresh = aggregator.newContext();
        openCount = compute(fresh, rawStart(openBucket), raw);
        context = fresh;
    }

    /** Recomputes a closed bucket; upserts and returns true when raw samples of it remain. */
    private boolean recomputeClosed(long bucketRawStart, SeriesSamples raw, DestinationWriter dest) {
        AggregationContext c = aggregator.newContext();
        if (compute(c, bucketRawStart, raw) == 0) return false;
        dest.upsert(Buckets.normalize(bucketRawStart), c.result());
        return true;
    }

    /** RTS {@code SeriesCalcRange}: the bucket from raw samples, with twa's neighbours. */
    private long compute(AggregationContext c, long bucketRawStart, SeriesSamples raw) {
        long from = Buckets.normalize(bucketRawStart);
        long to = bucketRawStart + bucketDuration - 1;
        long[] ts = new long[1];
        double[] values = new double[1];
        boolean twa = c.needsNeighbours();
        if (twa) {
            c.setBucket(from, to + 1);
            if (from > 0 && raw.before(from, ts, values) > 0) c.addPrevious(ts[0], values[0]);
        }
        long count = 0;
        SampleSource samples = raw.range(from, to);
        while (samples.next()) {
            c.add(samples.timestamp(), samples.value());
            count++;
        }
        if (twa && count > 0 && raw.atOrAfter(to + 1, ts, values) > 0) c.addNext(ts[0], values[0]);
        return count;
    }

    // Persistence.

    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeUTF(destKey);
        out.writeByte(aggregator.code());
        out.writeLong(bucketDuration);
        out.writeLong(alignTimestamp);
        out.writeLong(openBucket);
        out.writeLong(openCount);
        context.writeTo(out);
    }

    public static CompactionRule read(DataInput in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) throw new IOException("unsupported compaction rule version " + version);
        String destKey = in.readUTF();
        Aggregator aggregator = Aggregator.ofCode(in.readUnsignedByte());
        CompactionRule rule = new CompactionRule(destKey, aggregator, in.readLong(), in.readLong());
        rule.openBucket = in.readLong();
        rule.openCount = in.readLong();
        AggregationContext context = AggregationContext.read(in);
        if (context.aggregator() != aggregator) throw new IOException("context of " + context.aggregator()
                + " in a rule of " + aggregator);
        rule.context = context;
        return rule;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try {
            writeTo(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static CompactionRule fromBytes(byte[] bytes) throws IOException {
        return read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
