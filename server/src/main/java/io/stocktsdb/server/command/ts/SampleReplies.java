package io.stocktsdb.server.command.ts;

import io.netty.buffer.ByteBuf;
import io.stocktsdb.resp.RedisDoubleFormatter;
import io.stocktsdb.resp.Resp2DoubleFormatter;
import io.stocktsdb.resp.RespWriter;

/**
 * How TS.* replies carry numbers (reference §1.5, §1.6). A sample value is a simple string in
 * RedisTimeSeries' dragonbox layout under RESP2 ({@code +5E-1}) and a RESP3 double
 * ({@code ,0.5}) under RESP3; the few values the module sends with {@code ReplyWithDouble}
 * (TS.INFO ignoreMaxValDiff, bytesPerSample) use Redis's own formatting, as a bulk string under
 * RESP2. Formatting goes through a per-thread scratch array: nothing is allocated per value.
 */
final class SampleReplies {
    private SampleReplies() {}

    private static final byte[] CRLF = {'\r', '\n'};
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[32]);

    /** One sample value. */
    static void value(RespWriter out, double v) {
        byte[] buf = SCRATCH.get();
        ByteBuf target = out.target();
        if (out.resp3()) {
            int end = RedisDoubleFormatter.format(v, buf, 0);
            target.writeByte(',');
            target.writeBytes(buf, 0, end);
        } else {
            int end = Resp2DoubleFormatter.format(v, buf, 0);
            target.writeByte('+');
            target.writeBytes(buf, 0, end);
        }
        target.writeBytes(CRLF);
    }

    /** {@code [ts, value]}. */
    static void sample(RespWriter out, long timestamp, double v) {
        out.arrayHeader(2);
        out.integer(timestamp);
        value(out, v);
    }

    /** {@code [ts, v1, ..., vN]} for N aggregators; {@code [ts, v]} for one. */
    static void row(RespWriter out, long timestamp, double[] values, int width) {
        out.arrayHeader(1 + width);
        out.integer(timestamp);
        for (int i = 0; i < width; i++) value(out, values[i]);
    }

    /** A {@code RedisModule_ReplyWithDouble} value: RESP3 double, RESP2 bulk string, Redis's formatting. */
    static void moduleDouble(RespWriter out, double v) {
        byte[] buf = SCRATCH.get();
        int end = RedisDoubleFormatter.format(v, buf, 0);
        if (out.resp3()) {
            ByteBuf target = out.target();
            target.writeByte(',');
            target.writeBytes(buf, 0, end);
            target.writeBytes(CRLF);
        } else {
            out.bulk(buf, 0, end);
        }
    }
}
