package io.stocktsdb.server.command.ts;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.NumberSyntax;

/**
 * RedisTimeSeries' argument access over one request. Options are located like
 * {@code RMUtil_ArgIndex}: the first argument, counting from argv[0], equal to the token
 * (ASCII case-insensitive), so options come in any order and unknown tokens are ignored.
 * Nothing here allocates unless it returns a String.
 */
final class TsArgs {
    private TsArgs() {}

    /** The first index holding {@code upperToken}, or -1. */
    static int indexOf(RespRequest a, String upperToken) {
        return indexOf(a, upperToken, 0);
    }

    /** The first index at or after {@code from} holding {@code upperToken}, or -1. */
    static int indexOf(RespRequest a, String upperToken, int from) {
        for (int i = from, n = a.argc(); i < n; i++) {
            if (a.equalsIgnoreCase(i, upperToken)) return i;
        }
        return -1;
    }

    static boolean has(RespRequest a, String upperToken) {
        return indexOf(a, upperToken) > 0;
    }

    static boolean isStar(RespRequest a, int i) {
        return a.length(i) == 1 && a.byteAt(i, 0) == '*';
    }

    static boolean isSingle(RespRequest a, int i, char c) {
        return a.length(i) == 1 && a.byteAt(i, 0) == c;
    }

    /** Redis {@code StringToLongLong}: a strict signed decimal; {@link Long#MIN_VALUE} here means "not a number". */
    static long longOrInvalid(RespRequest a, int i) {
        return a.longOrMin(i); // parsed once: this runs for every sample of TS.ADD / TS.MADD
    }

    /** A non-negative strict integer (RTS parseTimestamp), or -1. */
    static long timestampOrInvalid(RespRequest a, int i) {
        long v = longOrInvalid(a, i);
        return v < 0 ? -1 : v;
    }

    /** Redis {@code StringToDouble} (strtod-like, no NaN); NaN means "not a number". */
    static double redisDouble(RespRequest a, int i) {
        return NumberSyntax.parseRedisDouble(a, i);
    }
}
