package io.stocktsdb.resp;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import io.stocktsdb.common.RedisIntegers;

/**
 * Strict integer parsing over buffer bytes with {@link RedisIntegers} (Redis's string2ll): the
 * bytes are read in place from a heap buffer, or copied (at most 20) into a per-thread scratch
 * array from a direct one. No allocation.
 */
public final class NumberParser {
    /** Returned for malformed input; the literal "-9223372036854775808" collides and is checked separately. */
    public static final long INVALID = RedisIntegers.INVALID;

    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[20];
        }
    };

    private NumberParser() {}

    public static long parseLong(ByteBuf buf, int off, int len) {
        if (len <= 0 || len > 20) return INVALID;
        if (buf.hasArray()) return RedisIntegers.parse(buf.array(), buf.arrayOffset() + off, len);
        byte[] s = SCRATCH.get();
        buf.getBytes(off, s, 0, len);
        return RedisIntegers.parse(s, 0, len);
    }

    static boolean isInvalidSentinelLiteral(ByteBuf buf, int off, int len) {
        if (len != 20) return false;
        byte[] s = SCRATCH.get();
        buf.getBytes(off, s, 0, len);
        return RedisIntegers.isMinValue(s, 0, len);
    }

    /** Parses a Java byte[] with the same rules; throws NumberFormatException when malformed. */
    public static long parseLong(byte[] bytes) {
        return RedisIntegers.parse(bytes);
    }
}
