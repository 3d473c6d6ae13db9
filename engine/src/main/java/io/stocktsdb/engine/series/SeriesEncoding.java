package io.stocktsdb.engine.series;

/** How a series stores numeric chunks (TS.CREATE ENCODING). Codes are persisted. */
public enum SeriesEncoding {
    COMPRESSED(0), UNCOMPRESSED(1);

    private final int code;

    SeriesEncoding(int code) { this.code = code; }

    public int code() { return code; }

    public static SeriesEncoding ofCode(int code) {
        for (SeriesEncoding e : values()) if (e.code == code) return e;
        throw new IllegalArgumentException("unknown encoding code " + code);
    }

    /** Case-insensitive lookup; null when unknown. */
    public static SeriesEncoding parse(String name) {
        for (SeriesEncoding e : values()) if (e.name().equalsIgnoreCase(name)) return e;
        return null;
    }
}
