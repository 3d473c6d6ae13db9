package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.AggregationSpec;
import io.stocktsdb.engine.aggregate.SummarizedSource;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.ChunkSummary;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.series.RangeSnapshot;
import io.stocktsdb.engine.series.Series;

/**
 * The samples of an aggregated range, read chunk by chunk from {@link Series#snapshot} pages: a
 * chunk that lies whole inside the range and inside one bucket is offered as its
 * {@link ChunkSummary} (no decoding), every other chunk as its samples in the range. Only for
 * queries whose samples all count: no FILTER_BY_TS, FILTER_BY_VALUE, LATEST bucket or twa.
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

    private Chunk current;
    private ChunkSummary summary;
    private SampleCursor cursor;
    private long ts;
    private double value;
    private double[] values = new double[0];

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
        if (cursor != null) {
            if (cursor.next()) return takeCursor();
            cursor = null;
        }
        while (true) {
            if (index == chunks.length && !nextPage()) return false;
            Chunk c = chunks[index++];
            long first = c.firstTimestamp();
            long last = c.lastTimestamp();
            if (first >= from && last <= to && c.count() > 1 && spec.bucketStart(first) == spec.bucketStart(last)) {
                ChunkSummary s = c.summary();
                if (s != null) {
                    current = c;
                    summary = s;
                    ts = first;
                    value = s.first();
                    return true;
                }
            }
            cursor = c.cursor(from, to);
            if (cursor.next()) return takeCursor();
            cursor = null;
        }
    }

    private boolean takeCursor() {
        ts = cursor.timestamp();
        value = cursor.doubleValue();
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
    public double[] decodeValues() {
        int n = summary.count();
        if (values.length < n) values = new double[Math.max(n, values.length * 2)];
        SampleCursor c = current.cursor(from, to);
        int i = 0;
        while (c.next()) values[i++] = c.doubleValue();
        if (i != n) throw new IllegalStateException("chunk holds " + i + " samples, its summary " + n);
        summary = null;
        return values;
    }

    @Override
    public void expand() {
        if (summary == null) return;
        summary = null;
        cursor = current.cursor(from, to);
        cursor.next(); // the chunk's first sample, which this item already stood for
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
