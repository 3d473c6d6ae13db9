package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.AggregationSpec;
import io.stocktsdb.engine.aggregate.SummarizedSource;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.ChunkSummary;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.series.RangeSnapshot;
import io.stocktsdb.engine.series.Series;

/**
 * The samples of an aggregated range as runs that share a bucket, read chunk by chunk from
 * {@link Series#snapshot} pages: a chunk that lies whole inside the range and inside one bucket
 * is one run offered as its {@link ChunkSummary} (decoded only if an aggregator cannot take it);
 * every other chunk is decoded into arrays and cut into runs at bucket edges, so aggregators add
 * values in tight loops. Only for queries whose samples all count: no FILTER_BY_TS,
 * FILTER_BY_VALUE, LATEST bucket or twa.
 *
 * <p>Pages hold at most {@value #PAGE_CHUNKS} chunks, so a long range never holds all its chunks
 * at once; the next page starts after the last chunk of the previous one, so, like the range
 * cursor, each chunk is seen whole and the range as a whole is not a snapshot.
 */
final class SummarizedSamples implements SummarizedSource {
    static final int PAGE_CHUNKS = 64;

    private final Series series;
    private final AggregationSpec spec;
    private final long to;
    private long nextFrom;
    private boolean lastPage;
    private boolean firstPage = true;

    private Chunk[] chunks = new Chunk[0];
    private int index;
    /** The page's start after retention. */
    private long from;

    /** The current whole chunk while its run is still a summary. */
    private Chunk current;
    private ChunkSummary summary;
    /** Decoded samples of the current partial chunk (or of a summary run that had to be decoded). */
    private long[] times = new long[0];
    private double[] values = new double[0];
    private int decoded;
    private int pos;
    private int runStart;
    private int runLength;
    private long ts;
    private double value;

    SummarizedSamples(Series series, AggregationSpec spec, long from, long to) {
        this.series = series;
        this.spec = spec;
        this.nextFrom = from;
        this.to = to;
        this.lastPage = from > to;
    }

    @Override
    public boolean next() {
        summary = null;
        current = null;
        if (pos < decoded) return nextRun();
        while (true) {
            if (index == chunks.length && !nextPage()) return false;
            Chunk c = chunks[index++];
            long first = c.firstTimestamp();
            long last = c.lastTimestamp();
            if (first >= from && last <= to && c.count() > 1 && last < bucketEnd(first)) {
                ChunkSummary s = c.summary();
                if (s != null) {
                    current = c;
                    summary = s;
                    runLength = s.count();
                    ts = first;
                    value = s.first();
                    return true;
                }
            }
            decode(c);
            if (decoded > 0) return nextRun();
        }
    }

    /**
     * The exclusive end of the bucket holding {@code t}, or {@link Long#MIN_VALUE} when the bucket
     * arithmetic could wrap there (timestamps or alignments near the ends of int64): then only
     * single samples are compared by bucket start.
     */
    private long bucketEnd(long t) {
        long align = spec.align();
        long d = spec.bucketDuration();
        long start = spec.bucketStart(t);
        if (start > t || start > Long.MAX_VALUE - d || subtractionWraps(t, align) || subtractionWraps(start + d - 1, align)) {
            return Long.MIN_VALUE;
        }
        return start + d;
    }

    private static boolean subtractionWraps(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0;
    }

    /** The samples of {@code c} in the range into {@link #times} / {@link #values}. */
    private void decode(Chunk c) {
        int n = c.count();
        if (times.length < n) {
            times = new long[Math.max(n, times.length * 2)];
            values = new double[times.length];
        }
        SampleCursor cur = c.cursor(from, to);
        int i = 0;
        while (cur.next()) {
            times[i] = cur.timestamp();
            values[i++] = cur.doubleValue();
        }
        decoded = i;
        pos = 0;
    }

    /** The next run of decoded samples that share a bucket. */
    private boolean nextRun() {
        long first = times[pos];
        long end = bucketEnd(first);
        int j = pos + 1;
        if (end != Long.MIN_VALUE) {
            while (j < decoded && times[j] < end) j++;
        } else {
            long start = spec.bucketStart(first);
            while (j < decoded && spec.bucketStart(times[j]) == start) j++;
        }
        runStart = pos;
        runLength = j - pos;
        pos = j;
        ts = first;
        value = values[runStart];
        return true;
    }

    /** Loads the next page; false when the range is done. */
    private boolean nextPage() {
        while (!lastPage) {
            RangeSnapshot page = series.snapshot(nextFrom, to, PAGE_CHUNKS, firstPage);
            firstPage = false;
            chunks = page.chunks();
            index = 0;
            from = page.from();
            if (chunks.length < PAGE_CHUNKS) {
                lastPage = true;
            } else {
                long last = chunks[chunks.length - 1].lastTimestamp();
                if (last >= to) lastPage = true;
                else nextFrom = last + 1;
            }
            if (chunks.length > 0) return true;
        }
        return false;
    }

    @Override
    public ChunkSummary summary() {
        return summary;
    }

    @Override
    public double[] runValues() {
        if (current != null) {
            decode(current);
            if (decoded != runLength) throw new IllegalStateException("chunk holds " + decoded + " samples, its summary " + runLength);
            pos = decoded; // consumed by this run
            runStart = 0;
            current = null;
            summary = null;
        }
        return values;
    }

    @Override
    public int runStart() {
        return runStart;
    }

    @Override
    public int runLength() {
        return runLength;
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
