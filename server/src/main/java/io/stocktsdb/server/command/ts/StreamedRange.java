package io.stocktsdb.server.command.ts;

import io.netty.buffer.ByteBuf;
import io.stocktsdb.engine.query.SnapshotRange;
import io.stocktsdb.resp.ReplyStream;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.resp.RowEncoder;

/**
 * A big raw TS.RANGE / TS.REVRANGE reply written a slice at a time as the connection pulls it:
 * the header announces {@link SnapshotRange#size()}, then the rows follow as the socket drains.
 */
final class StreamedRange implements ReplyStream {
    private final SnapshotRange rows;
    private int remaining;
    private boolean started;

    StreamedRange(SnapshotRange rows) {
        this.rows = rows;
        this.remaining = rows.size();
    }

    @Override
    public boolean writeSome(RespWriter out, int budgetBytes) {
        ByteBuf target = out.target();
        int start = target.writerIndex();
        if (!started) {
            out.arrayHeader(rows.size());
            started = true;
        }
        RowEncoder row = out.rowEncoder();
        while (remaining > 0 && target.writerIndex() - start < budgetBytes) {
            if (!rows.next()) throw new IllegalStateException("range snapshot ended before its counted rows");
            row.arrayHeader(2);
            row.integer(rows.timestamp());
            row.sampleValue(rows.value());
            row.endRow();
            remaining--;
        }
        return remaining == 0;
    }
}
