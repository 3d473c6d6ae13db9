package io.stocktsdb.server.command.ts;

import io.stocktsdb.resp.RespWriter;

/** The sample shapes of TS.* replies; how a value is written in each protocol is {@link RespWriter#sampleValue}'s job. */
final class SampleReplies {
    private SampleReplies() {}

    /** {@code [ts, value]}. */
    static void sample(RespWriter out, long timestamp, double v) {
        out.arrayHeader(2);
        out.integer(timestamp);
        out.sampleValue(v);
    }

    /** {@code [ts, v1, ..., vN]} for N aggregators; {@code [ts, v]} for one. */
    static void row(RespWriter out, long timestamp, double[] values, int width) {
        out.arrayHeader(1 + width);
        out.integer(timestamp);
        for (int i = 0; i < width; i++) out.sampleValue(values[i]);
    }
}
