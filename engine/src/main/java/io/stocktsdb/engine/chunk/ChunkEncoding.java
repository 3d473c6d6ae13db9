package io.stocktsdb.engine.chunk;


/** A series' ENCODING setting. Codes are persisted. */
public enum ChunkEncoding {
    COMPRESSED(0),
    UNCOMPRESSED(1);

    private final int code;

    ChunkEncoding(int code) { this.code = code; }

    public int code() { return code; }

    public static ChunkEncoding ofCode(int code) {
        for (ChunkEncoding e : values()) if (e.code == code) return e;
        throw new IllegalArgumentException("unknown chunk encoding code " + code);
    }

    /** Case-insensitive lookup; null when unknown. */
    public static ChunkEncoding parse(String name) {
        for (ChunkEncoding e : values()) if (e.name().equalsIgnoreCase(name)) return e;
        return null;
    }

    /**
     * A new empty chunk for a series of {@code type}. STRING and HASH series always use
     * {@link BlobChunk}, whose value section is deflated when that makes it smaller.
     */
    public Chunk newChunk(ValueType type, int maxBytes) {
        if (!type.isNumeric()) return new BlobChunk(type, maxBytes);
        return this == COMPRESSED ? new CompressedChunk(type, maxBytes) : new UncompressedChunk(type, maxBytes);
    }
}
