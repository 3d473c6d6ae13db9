package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.query.RowConsumer;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.resp.RowEncoder;

/** The sample shapes of TS.* replies; how a value is written in each protocol is {@link RespWriter#sampleValue}'s job. */
final class SampleReplies {
    private SampleReplies() {}

    /** {@code [ts, value]}. */
    static void sample(RespWriter out, long timestamp, double v) {
        out.arrayHeader(2);
        out.integer(timestamp);
        out.sampleValue(v);
    }

    /**
     * A consumer writing each row as {@code [ts, v1, ..., vN]} ({@code [ts, v]} for one value)
     * to {@code out}'s current target: built by the connection's {@link RowEncoder}, so a row is
     * one buffer write and a recurring value is formatted once; the bytes are those of
     * {@link #sample}.
     */
    static RowConsumer rowWriter(RespWriter out) {
        RowEncoder row = out.rowEncoder();
        return (timestamp, values, width) -> {
            row.arrayHeader(1 + width);
            row.integer(timestamp);
            for (int i = 0; i < width; i++) row.sampleValue(values[i]);
            row.endRow();
            return true;
        };
    }
}
