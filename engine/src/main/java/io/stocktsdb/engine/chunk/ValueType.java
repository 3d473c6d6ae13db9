package io.stocktsdb.engine.chunk;

/** The type of every value in a series, fixed when the series is created. Codes are persisted. */
public enum ValueType {
    DOUBLE(0, "double"),
    INT(1, "int"),
    STRING(2, "string"),
    HASH(3, "hash");

    private final int code;
    private final String wireName;

    ValueType(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() { return code; }

    /** The name used by TSDB_SET/TSDB_GET ({@code double}, {@code int}, {@code string}, {@code hash}). */
    public String wireName() { return wireName; }

    public boolean isNumeric() { return this == DOUBLE || this == INT; }

    public static ValueType ofCode(int code) {
        for (ValueType t : values()) if (t.code == code) return t;
        throw new IllegalArgumentException("unknown value type code " + code);
    }

    /** Case-insensitive lookup of a wire name; null when unknown. */
    public static ValueType ofWireName(String name) {
        for (ValueType t : values()) if (t.wireName.equalsIgnoreCase(name)) return t;
        return null;
    }
}
