package io.stocktsdb.engine.keyspace;

/** What a key holds, with the name TYPE replies. */
public enum KeyType {
    NONE("none"), STRING("string"), TIMESERIES("TSDB-TYPE");

    private final String typeName;

    KeyType(String typeName) { this.typeName = typeName; }

    /** The TYPE reply (and SCAN TYPE argument). */
    public String typeName() { return typeName; }

    /** SCAN TYPE lookup, case-insensitive; null when unknown. */
    public static KeyType ofTypeName(String name) {
        for (KeyType t : values()) if (t.typeName.equalsIgnoreCase(name)) return t;
        return null;
    }
}
