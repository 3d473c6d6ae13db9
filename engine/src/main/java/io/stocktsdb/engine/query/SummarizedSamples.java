package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.AggregationSpec;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.SummarizedSource;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.ChunkIndex;
import io.stocktsdb.engine.chunk.ChunkSummary;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.series.RangeSnapshot;
import io.stocktsdb.engine.series.Series;

/**
 * The samples of an aggregated range as runs that share a bucket, read chunk by chunk from
 * {@link Series#snapshot} pages: a chunk that lies whole inside the range and inside one bucket
 * is one run offered as its {@link ChunkSummary} (decoded only if an aggregator cannot take it);
 * a chunk that spans buckets is read block by block through its {@link ChunkIndex} (built on
 * first use; in-memory chunks lend theirs to the snapshot's copies), each block inside one bucket
 * offered as the block's summary in the same way; everything else is decoded into arrays and cut into runs at bucket edges, so aggregators
 * add values in tight loops. Only for queries whose samples all count: no FILTER_BY_TS,
 * FILTER_BY_VALUE, LATEST bucket or twa.
 *
 * <p>Pages hold at most {@value #PAGE_CHUNKS} chunks, so a long range never holds all its chunks
 * at once; the next page starts after the last chunk of the previous one, so, like the range
 * cursor, each chunk is seen whole and the range as a whole is not a snapshot.
 */
final class SummarizedSamples implements SummarizedSource {
    static final int PAGE_CHUNKS = 64;
    /** A chunk smaller than this is decoded at once. */
    private static final int INDEXED_CHUNK_SAMPLES = 2 * ChunkIndex.BLOCK;
    private static final Chunk[] NO_CHUNKS = new Chunk[0];

    private final AggregationSpec spec;
    /** An aggregator takes summaries only of integer values (then blocks pay only on integer chunks). */
    private final boolean needsExactSums;
    private Series series;
    private long to;
    private long nextFrom;
    private boolean lastPage;
    private boolean firstPage = true;

    private RangeSnapshot page;
    private Chunk[] chunks = NO_CHUNKS;
    private int index;
    /** The page's start after retention. */
    private long from;

    /** The chunk being read block by block, its index and the next block. */
    private Chunk blockChunk;
    private ChunkIndex blocks;
    private int nextBlock;

    /** The current whole chunk or block while its run is still a summary, and its span. */
    private Chunk current;
    private long currentFirst;
    private long currentLast;
    private ChunkSummary summary;
    /** Decoded samples of the current partial chunk or block (or of a summary run that had to be decoded). */
    private long[] times = new long[0];
    private double[] values = new double[0];
    private int decoded;
    private int pos;
    private int runStart;
    private int runLength;
    private long ts;
    private double value;

    SummarizedSamples(Series series, AggregationSpec spec, long from, long to) {
        this(spec);
        open(series, from, to);
    }

    /** A reader to {@link #open} on one series after another (the decode buffers are kept). */
    SummarizedSamples(AggregationSpec spec) {
        this.spec = spec;
        this.needsExactSums = spec.aggregators().stream().anyMatch(Aggregator::summaryNeedsExactSums);
    }

    /** Starts reading {@code series}' samples in [from, to] from the beginning. */
    void open(Series series, long from, long to) {
        this.series = series;
        this.nextFrom = from;
        this.to = to;
        this.lastPage = from > to;
        this.firstPage = true;
        this.page = null;
        this.chunks = NO_CHUNKS;
        this.index = 0;
        this.blockChunk = null;
        this.blocks = null;
        this.current = null;
        this.summary = null;
        this.decoded = 0;
        this.pos = 0;
        this.runStart = 0;
        this.runLength = 0;
    }

    @Override
    public boolean next() {
        summary = null;
        current = null;
        if (pos < decoded) return nextRun();
        while (true) {
            if (blocks != null) {
                if (nextBlock < blocks.blocks() && blocks.firstTimestamp(nextBlock) <= to) {
                    int b = nextBlock++;
                    if (offer(blockChunk, blocks.firstTimestamp(b), blocks.lastTimestamp(b), blocks.summary(b))) return true;
                    continue;
                }
                blocks = null;
                blockChunk = null;
            }
            if (index == chunks.length && !nextPage()) return false;
            int i = index++;
            Chunk c = chunks[i];
            if (page.indexed(i) && blocksPay(c)) {
                ChunkIndex ix = c.index();
                if (ix != null) {
                    blockChunk = c;
                    blocks = ix;
                    nextBlock = ix.firstBlockReaching(from);
                    continue;
                }
            }
            if (offer(c, c.firstTimestamp(), c.lastTimestamp(), null)) return true;
        }
    }

    /**
     * Offers the samples of {@code c} in {@code first..last} (the whole chunk, or one block of its
     * index summarized by {@code blockSummary}): as one summary run when they lie inside the range
     * and one bucket, else decoded into runs. False when none of them is in the range.
     */
    private boolean offer(Chunk c, long first, long last, ChunkSummary blockSummary) {
        if (first >= from && last <= to && inOneBucket(first, last)) {
            ChunkSummary s = blockSummary != null ? blockSummary : c.summary();
            if (s != null && s.count() > 1) {
                current = c;
                currentFirst = first;
                currentLast = last;
                summary = s;
                runLength = s.count();
                ts = first;
                value = s.first();
                return true;
            }
        }
        decode(c, first, last);
        return decoded > 0 && nextRun();
    }

    /**
     * Whether reading {@code c} block by block can spare decoding: it spans buckets, the query's
     * aggregators can take its blocks' summaries, and buckets hold whole blocks (judged by the
     * chunk's average spacing: at least two blocks' worth of samples per bucket).
     */
    private boolean blocksPay(Chunk c) {
        if (c.count() < INDEXED_CHUNK_SAMPLES || inOneBucket(c.firstTimestamp(), c.lastTimestamp())) return false;
        if (needsExactSums) {
            ChunkSummary s = c.summary();
            if (s == null || !s.sumsExact()) return false;
        }
        double span = (double) c.lastTimestamp() - c.firstTimestamp();
        return span > 0 && c.count() * (double) spec.bucketDuration() / span >= 2 * ChunkIndex.BLOCK;
    }

    private boolean inOneBucket(long first, long last) {
        return last < bucketEnd(first);
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

    /** The samples of {@code c} in {@code first..last} and in the range into {@link #times} / {@link #values}. */
    private void decode(Chunk c, long first, long last) {
        int n = c.count();
        if (times.length < n) {
            times = new long[Math.max(n, times.length * 2)];
            values = new double[times.length];
        }
        SampleCursor cur = c.cursor(Math.max(from, first), Math.min(to, last));
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
            page = series.snapshot(nextFrom, to, PAGE_CHUNKS, firstPage, true);
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
            decode(current, currentFirst, currentLast);
            if (decoded != runLength) throw new IllegalStateException("run holds " + decoded + " samples, its summary " + runLength);
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
