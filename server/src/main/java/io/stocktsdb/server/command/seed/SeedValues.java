package io.stocktsdb.server.command.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stocktsdb.engine.series.ValueType;
import io.stocktsdb.resp.RedisDoubleFormatter;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Parsing and printing of the seed commands' timestamps, qualities and typed values. */
final class SeedValues {
    static final String INVALID_TIMESTAMP = "ERR invalid timestamp format";
    static final String INVALID_HASH = "ERR invalid hash data format";
    static final String INVALID_QUALITY = "ERR invalid quality, must be an integer between 0 and 100";
    static final int DEFAULT_QUALITY = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** strtod's decimal grammar plus inf/nan; no hex floats, no Java suffixes like "1d". */
    private static final Pattern DOUBLE = Pattern.compile(
            "[+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private SeedValues() {}

    static long timestamp(RespRequest a, int i) {
        if (!a.isLong(i)) throw new CommandException(INVALID_TIMESTAMP);
        return a.longValue(i);
    }

    /** A range bound: an integer, or {@code -} / {@code +} for the smallest / largest timestamp. */
    static long rangeBound(RespRequest a, int i) {
        if (a.length(i) == 1 && a.byteAt(i, 0) == '-') return Long.MIN_VALUE;
        if (a.length(i) == 1 && a.byteAt(i, 0) == '+') return Long.MAX_VALUE;
        return timestamp(a, i);
    }

    static int quality(RespRequest a, int i) {
        if (!a.isLong(i)) throw new CommandException(INVALID_QUALITY);
        long q = a.longValue(i);
        if (q < 0 || q > 100) throw new CommandException(INVALID_QUALITY);
        return (int) q;
    }

    static ValueType type(String name) {
        ValueType t = ValueType.ofWireName(name);
        if (t == null) throw new CommandException("ERR invalid data type '" + name + "', expected double, int, string or hash");
        return t;
    }

    static boolean isNumber(byte[] value) {
        return DOUBLE.matcher(new String(value, StandardCharsets.ISO_8859_1)).matches();
    }

    /** The value bits of a DOUBLE or INT value; throws the type's error when it does not parse. */
    static long numericBits(ValueType type, byte[] value) {
        String text = new String(value, StandardCharsets.ISO_8859_1);
        if (type == ValueType.INT) {
            try {
                return io.stocktsdb.resp.NumberParser.parseLong(value);
            } catch (NumberFormatException e) {
                throw new CommandException("ERR invalid value for type int: expected a signed 64-bit integer");
            }
        }
        if (!DOUBLE.matcher(text).matches()) throw new CommandException("ERR invalid value for type double");
        String t = text.toLowerCase(java.util.Locale.ROOT).replace("infinity", "inf");
        double d;
        if (t.endsWith("nan")) {
            d = Double.NaN;
        } else if (t.endsWith("inf")) {
            d = t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else {
            d = Double.parseDouble(text);
        }
        return Double.doubleToRawLongBits(d);
    }

    /** A hash value must be one JSON object; it is stored byte for byte as given. */
    static void checkJsonObject(byte[] value) {
        try {
            JsonNode n = JSON.readTree(value);
            if (n == null || !n.isObject()) throw new CommandException(INVALID_HASH);
        } catch (java.io.IOException e) {
            throw new CommandException(INVALID_HASH);
        }
    }

    /** Prints a stored value: doubles so that they parse back to the same value, ints in decimal. */
    static byte[] print(ValueType type, long valueBits, byte[] blob) {
        switch (type) {
            case DOUBLE: return RedisDoubleFormatter.toString(Double.longBitsToDouble(valueBits)).getBytes(StandardCharsets.US_ASCII);
            case INT: return Long.toString(valueBits).getBytes(StandardCharsets.US_ASCII);
            default: return blob;
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
