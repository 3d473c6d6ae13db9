package io.stocktsdb.engine;

/** Redis's appendfsync: when the op log's WAL is fsynced. */
public enum AppendFsync {
    /** Every commit fsyncs: an acknowledged write survives power loss. */
    ALWAYS,
    /** A background thread fsyncs each second (default). */
    EVERYSEC,
    /** Never fsync explicitly; the OS decides. */
    NO;

    /** Case-insensitive lookup of {@code always|everysec|no}; null when unknown. */
    public static AppendFsync parse(String s) {
        for (AppendFsync a : values()) if (a.name().equalsIgnoreCase(s)) return a;
        return null;
    }
}
