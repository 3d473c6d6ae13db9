package io.stocktsdb.engine.keyspace;

/** What RENAMENX did. */
public enum RenameOutcome {
    /** The source does not exist ("ERR no such key"). */
    NO_SOURCE,
    /** The destination exists, or is the source itself (reply 0). */
    TARGET_EXISTS,
    /** Renamed (reply 1). */
    RENAMED
}
