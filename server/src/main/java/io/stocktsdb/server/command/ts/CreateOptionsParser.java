package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RedisTimeSeries {@code parseCreateArgs} (docs/timeseries.md, "Behaviour: writes"): LABELS, RETENTION, CHUNK_SIZE,
 * ENCODING, DUPLICATE_POLICY, IGNORE, in that order of checks, each found anywhere in the request.
 */
final class CreateOptionsParser {
    static final int MIN_CHUNK_SIZE = 48;
    static final int MAX_CHUNK_SIZE = 1_048_576;

    private CreateOptionsParser() {}

    /** @param commandName the registered name, for the wrong-arity reply of a trailing ENCODING */
    static CreateOptions parse(RespRequest a, String commandName) {
        Map<String, String> labels = labels(a);

        long retention = -1;
        int at = TsArgs.indexOf(a, "RETENTION");
        if (at > 0) {
            retention = at + 1 < a.argc() ? TsArgs.longOrInvalid(a, at + 1) : Long.MIN_VALUE;
            if (retention == Long.MIN_VALUE) throw new CommandException(Errors.PARSE_RETENTION);
            if (retention < 0) throw new CommandException(Errors.NEGATIVE_RETENTION);
        }

        int chunkSize = 0;
        at = TsArgs.indexOf(a, "CHUNK_SIZE");
        if (at > 0) {
            long v = at + 1 < a.argc() ? TsArgs.longOrInvalid(a, at + 1) : Long.MIN_VALUE;
            if (v == Long.MIN_VALUE) throw new CommandException(Errors.PARSE_CHUNK_SIZE);
            if (v < MIN_CHUNK_SIZE || v > MAX_CHUNK_SIZE || v % 8 != 0) throw new CommandException(Errors.CHUNK_SIZE_RANGE);
            chunkSize = (int) v;
        }

        ChunkEncoding encoding = encoding(a, commandName);
        DuplicatePolicy policy = duplicatePolicy(a, "DUPLICATE_POLICY");

        boolean ignoreGiven = false;
        long maxTimeDiff = 0;
        double maxValDiff = 0;
        at = TsArgs.indexOf(a, "IGNORE");
        if (at > 0) {
            if (at + 2 >= a.argc()) throw new CommandException(Errors.PARSE_IGNORE);
            maxTimeDiff = TsArgs.longOrInvalid(a, at + 1);
            maxValDiff = TsArgs.redisDouble(a, at + 2);
            if (maxTimeDiff == Long.MIN_VALUE || Double.isNaN(maxValDiff)) throw new CommandException(Errors.PARSE_IGNORE);
            if (maxTimeDiff < 0 || maxValDiff < 0) throw new CommandException(Errors.NEGATIVE_IGNORE);
            ignoreGiven = true;
        }
        return new CreateOptions(retention, chunkSize, encoding, policy, ignoreGiven, maxTimeDiff, maxValDiff, labels);
    }

    /**
     * {@code DUPLICATE_POLICY} / {@code ON_DUPLICATE}: null when absent. Like {@code RMUtil_ArgIndex}
     * the token may be anywhere.
     */
    static DuplicatePolicy duplicatePolicy(RespRequest a, String upperToken) {
        int at = TsArgs.indexOf(a, upperToken);
        if (at < 0) return null;
        if (at + 1 >= a.argc()) throw new CommandException(Errors.PARSE_DUPLICATE_POLICY);
        DuplicatePolicy p = DuplicatePolicy.parse(a.string(at + 1));
        if (p == null) throw new CommandException(Errors.UNKNOWN_DUPLICATE_POLICY);
        return p;
    }

    /** LABELS takes every remaining argument as pairs; a trailing odd one is dropped. Null when absent. */
    private static Map<String, String> labels(RespRequest a) {
        int at = TsArgs.indexOf(a, "LABELS");
        if (at < 0) return null;
        int pairs = Math.max(0, (a.argc() - at - 1) / 2);
        Map<String, String> labels = new LinkedHashMap<>();
        for (int k = 0; k < pairs; k++) {
            int name = at + 1 + 2 * k;
            if (a.length(name) == 0 || a.length(name + 1) == 0 || hasForbiddenValueChar(a, name + 1)) {
                throw new CommandException(Errors.PARSE_LABELS);
            }
            labels.put(a.string(name), a.string(name + 1));
        }
        return labels;
    }

    /** Label values may not contain '(', ')' or ',' (they would break filter expressions). */
    private static boolean hasForbiddenValueChar(RespRequest a, int i) {
        for (int k = 0, n = a.length(i); k < n; k++) {
            byte b = a.byteAt(i, k);
            if (b == '(' || b == ')' || b == ',') return true;
        }
        return false;
    }

    private static ChunkEncoding encoding(RespRequest a, String commandName) {
        int at = TsArgs.indexOf(a, "ENCODING");
        if (at > 0) {
            if (at + 1 >= a.argc()) throw new CommandException(Errors.wrongArity(commandName));
            if (a.equalsIgnoreCase(at + 1, "UNCOMPRESSED")) return ChunkEncoding.UNCOMPRESSED;
            if (a.equalsIgnoreCase(at + 1, "COMPRESSED")) return ChunkEncoding.COMPRESSED;
            throw new CommandException(Errors.UNKNOWN_ENCODING);
        }
        // The legacy bare tokens, later one winning as in RTS (COMPRESSED is checked second).
        ChunkEncoding e = null;
        if (TsArgs.has(a, "UNCOMPRESSED")) e = ChunkEncoding.UNCOMPRESSED;
        if (TsArgs.has(a, "COMPRESSED")) e = ChunkEncoding.COMPRESSED;
        return e;
    }
}
