package io.stocktsdb.server.command.seed;

import io.netty.buffer.ByteBuf;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.series.RangeSnapshot;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.resp.RedisDoubleFormatter;
import io.stocktsdb.resp.ReplyStream;
import io.stocktsdb.resp.RespWriter;

/**
 * A big TSDB_GET / TSDB_HGET reply ({@code [ts, v, (q,) ...]} of bulk strings) streamed from a
 * {@link RangeSnapshot}: the connection pulls it a slice at a time as the socket drains, so the
 * server holds the range's compressed chunks, not the encoded reply.
 */
final class PointStream implements ReplyStream {
    /** Ranges of fewer points are read into a {@link PointBuffer} and written at once. */
    static final long MIN_POINTS = 4096;

    private final SampleCursor points;
    private final ValueType type;
    private final boolean withQuality;
    private final int total;
    private int remaining;
    private boolean started;
    private final byte[] digits = new byte[RedisDoubleFormatter.MAX_LENGTH];

    private PointStream(SampleCursor points, int total, ValueType type, boolean withQuality) {
        this.points = points;
        this.total = total;
        this.remaining = total;
        this.type = type;
        this.withQuality = withQuality;
    }

    static boolean worthStreaming(Series s, long from, long to) {
        return s.samplesAtMost(from, to) >= MIN_POINTS;
    }

    static PointStream open(Series s, long from, long to, boolean withQuality) {
        RangeSnapshot snapshot = s.snapshot(from, to);
        return new PointStream(snapshot.cursor(true), Math.toIntExact(snapshot.count()), s.valueType(), withQuality);
    }

    @Override
    public boolean writeSome(RespWriter out, int budgetBytes) {
        ByteBuf target = out.target();
        int start = target.writerIndex();
        if (!started) {
            out.arrayHeader(Math.multiplyExact(total, withQuality ? 3 : 2));
            started = true;
        }
        while (remaining > 0 && target.writerIndex() - start < budgetBytes) {
            if (!points.next()) throw new IllegalStateException("range snapshot ended before its counted points");
            point(out, type, points.timestamp(), points.valueBits(), points.blob(), points.quality(), withQuality, digits);
            remaining--;
        }
        return remaining == 0;
    }

    /** One point's elements: timestamp, value (by type), and the quality when asked for. */
    static void point(RespWriter out, ValueType type, long ts, long valueBits, byte[] blob, int quality, boolean withQuality, byte[] digits) {
        out.bulkLong(ts);
        if (type == ValueType.DOUBLE) {
            out.bulk(digits, 0, RedisDoubleFormatter.format(Double.longBitsToDouble(valueBits), digits, 0));
        } else if (type == ValueType.INT) {
            out.bulkLong(valueBits);
        } else {
            out.bulk(blob);
        }
        if (withQuality) out.bulkLong(quality);
    }
}
