package io.stocktsdb.engine.chunk;

/** What happens when a sample arrives for a timestamp that already holds one. Codes are persisted. */
public enum DuplicatePolicy {
    BLOCK(0), FIRST(1), LAST(2), MIN(3), MAX(4), SUM(5);

    private final int code;

    DuplicatePolicy(int code) { this.code = code; }

    public int code() { return code; }

    public static DuplicatePolicy ofCode(int code) {
        for (DuplicatePolicy p : values()) if (p.code == code) return p;
        throw new IllegalArgumentException("unknown duplicate policy code " + code);
    }

    /** Case-insensitive lookup; null when unknown. */
    public static DuplicatePolicy parse(String name) {
        for (DuplicatePolicy p : values()) if (p.name().equalsIgnoreCase(name)) return p;
        return null;
    }
}
