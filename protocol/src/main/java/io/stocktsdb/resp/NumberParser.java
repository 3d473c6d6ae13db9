package io.stocktsdb.resp;

import io.netty.buffer.ByteBuf;

/** Strict integer parsing over buffer bytes, as Redis's string2ll: no allocation. */
public final class NumberParser {
    /** Returned for malformed input; the literal "-9223372036854775808" collides and is checked separately. */
    public static final long INVALID = Long.MIN_VALUE;

    private NumberParser() {}

    public static long parseLong(ByteBuf buf, int off, int len) {
        if (len == 0 || len > 20) return INVALID;
        int i = 0;
        boolean negative = false;
        byte first = buf.getByte(off);
        if (first == '-') {
            negative = true;
            i = 1;
            if (len == 1) return INVALID;
        }
        byte d0 = buf.getByte(off + i);
        if (d0 == '0') return (len == 1) ? 0 : INVALID;
        long result = 0; // accumulated negatively so that Long.MIN_VALUE is reachable
        for (; i < len; i++) {
            int d = buf.getByte(off + i) - '0';
            if (d < 0 || d > 9) return INVALID;
            if (result < Long.MIN_VALUE / 10) return INVALID;
            result *= 10;
            if (result < Long.MIN_VALUE + d) return INVALID;
            result -= d;
        }
        if (negative) return result;
        if (result == Long.MIN_VALUE) return INVALID;
        return -result;
    }

    static boolean isInvalidSentinelLiteral(ByteBuf buf, int off, int len) {
        final String min = "-9223372036854775808";
        if (len != min.length()) return false;
        for (int i = 0; i < len; i++) if (buf.getByte(off + i) != min.charAt(i)) return false;
        return true;
    }

    /** Parses a Java byte[] with the same rules; throws NumberFormatException when malformed. */
    public static long parseLong(byte[] bytes) {
        long v = parseLong(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0, bytes.length);
        if (v == INVALID && !isInvalidSentinelLiteral(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0, bytes.length)) {
            throw new NumberFormatException();
        }
        return v;
    }
}
