package io.stocktsdb.server.command.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.command.NumberSyntax;
import java.nio.charset.StandardCharsets;

/** Parsing and printing of the seed commands' timestamps, qualities and typed values. */
final class SeedValues {
    static final int DEFAULT_QUALITY = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private SeedValues() {}

    /** A signed 64-bit decimal; leading zeros are accepted (redis-benchmark's __rand_int__ pads with them). */
    static long timestamp(RespRequest a, int i) {
        if (a.isLong(i)) return a.longValue(i);
        String s = a.string(i);
        if (!s.matches("-?[0-9]{1,40}")) throw new CommandException(Errors.SEED_INVALID_TIMESTAMP);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CommandException(Errors.SEED_INVALID_TIMESTAMP);
        }
    }

    /** A range bound: an integer, or {@code -} / {@code +} for the smallest / largest timestamp. */
    static long rangeBound(RespRequest a, int i) {
        if (a.length(i) == 1 && a.byteAt(i, 0) == '-') return Long.MIN_VALUE;
        if (a.length(i) == 1 && a.byteAt(i, 0) == '+') return Long.MAX_VALUE;
        return timestamp(a, i);
    }

    static int quality(RespRequest a, int i) {
        if (!a.isLong(i)) throw new CommandException(Errors.SEED_INVALID_QUALITY);
        long q = a.longValue(i);
        if (q < 0 || q > 100) throw new CommandException(Errors.SEED_INVALID_QUALITY);
        return (int) q;
    }

    static ValueType type(String name) {
        ValueType t = ValueType.ofWireName(name);
        if (t == null) throw new CommandException(Errors.seedInvalidType(name));
        return t;
    }

    /** True when argument {@code i} reads as a double (strtod's grammar, as Redis's string2d, or "nan"). */
    static boolean isNumber(RespRequest a, int i) {
        return a.equalsIgnoreCase(i, "NAN") || !Double.isNaN(NumberSyntax.parseRedisDouble(a, i));
    }

    /** The value bits of argument {@code i} as a DOUBLE or INT value; throws the type's error when it does not parse. */
    static long numericBits(ValueType type, RespRequest a, int i) {
        if (type == ValueType.INT) {
            if (!a.isLong(i)) throw new CommandException(Errors.SEED_INVALID_INT);
            return a.longValue(i);
        }
        if (a.equalsIgnoreCase(i, "NAN")) return Double.doubleToRawLongBits(Double.NaN);
        double v = NumberSyntax.parseRedisDouble(a, i);
        if (Double.isNaN(v)) throw new CommandException(Errors.SEED_INVALID_DOUBLE);
        return Double.doubleToRawLongBits(v);
    }

    /** A hash value must be one JSON object; it is stored byte for byte as given. */
    static void checkJsonObject(byte[] value) {
        try {
            JsonNode n = JSON.readTree(value);
            if (n == null || !n.isObject()) throw new CommandException(Errors.SEED_INVALID_HASH);
        } catch (java.io.IOException e) {
            throw new CommandException(Errors.SEED_INVALID_HASH);
        }
    }

    /** The text of one JSON field for HASH_FIELDS: strings unquoted, other values as JSON; "" when absent. */
    static byte[] field(JsonNode object, String name) {
        JsonNode v = object == null ? null : object.get(name);
        if (v == null || v.isNull()) return new byte[0];
        if (v.isTextual()) return v.textValue().getBytes(StandardCharsets.UTF_8);
        try {
            return JSON.writeValueAsBytes(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parseJson(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
