package io.stocktsdb.server.command.ts;

import io.netty.buffer.ByteBuf;
import io.stocktsdb.engine.series.RangeSnapshot;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.resp.ReplyStream;
import io.stocktsdb.resp.RespWriter;

/**
 * A raw TS.RANGE / TS.REVRANGE reply big enough to be streamed: the rows come from a
 * {@link RangeSnapshot} taken when the command ran (so the announced row count holds however long
 * the client takes to read), filtered as {@link RangeExecutor} filters them, and are encoded a
 * slice at a time as the connection pulls them. Smaller replies are written directly.
 */
final class StreamedRange implements ReplyStream {
    /** Replies of fewer rows are cheaper to write at once than to snapshot. */
    static final long MIN_ROWS = 4096;

    private final FilteredSamples rows;
    private final int total;
    private int remaining;
    private boolean started;

    private StreamedRange(FilteredSamples rows, int total) {
        this.rows = rows;
        this.total = total;
        this.remaining = total;
    }

    /**
     * True for raw ranges that may return at least {@link #MIN_ROWS} rows (aggregations, FILTER_BY_TS
     * and the LATEST bucket of a compaction are small or need the whole pipeline: written directly).
     */
    static boolean worthStreaming(Series s, RangeQuery q, LatestBucket latest) {
        if (q.aggregation() != null || q.filterByTs() != null || latest != null) return false;
        if (q.hasCount() && q.count() < MIN_ROWS) return false;
        return s.samplesAtMost(q.from(), q.to()) >= MIN_ROWS;
    }

    /** Snapshots the range and counts the rows the reply will hold. */
    static StreamedRange open(Series s, RangeQuery q, boolean reverse) {
        RangeSnapshot snapshot = s.snapshot(q.from(), q.to());
        long limit = Math.min(q.hasCount() ? q.count() : Long.MAX_VALUE, Integer.MAX_VALUE);
        long n;
        if (q.filterByValue()) {
            FilteredSamples counting = new FilteredSamples(snapshot.cursor(!reverse), q, null, reverse);
            n = 0;
            while (n < limit && counting.next()) n++;
        } else {
            n = Math.min(snapshot.count(), limit);
        }
        return new StreamedRange(new FilteredSamples(snapshot.cursor(!reverse), q, null, reverse), (int) n);
    }

    @Override
    public boolean writeSome(RespWriter out, int budgetBytes) {
        ByteBuf target = out.target();
        int start = target.writerIndex();
        if (!started) {
            out.arrayHeader(total);
            started = true;
        }
        while (remaining > 0 && target.writerIndex() - start < budgetBytes) {
            if (!rows.next()) throw new IllegalStateException("range snapshot ended before its counted rows");
            SampleReplies.sample(out, rows.timestamp(), rows.value());
            remaining--;
        }
        return remaining == 0;
    }
}
