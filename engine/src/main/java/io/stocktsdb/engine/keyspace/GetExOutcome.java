package io.stocktsdb.engine.keyspace;

/** GETEX: the value (null when the key does not exist) and what happened to its deadline. */
public record GetExOutcome(byte[] value, Change change) {
    public static final GetExOutcome ABSENT = new GetExOutcome(null, Change.NONE);

    public enum Change {
        NONE,
        /** A new deadline was set. */
        EXPIRE,
        /** The deadline was already past: the key was deleted. */
        DELETED,
        /** The deadline was removed. */
        PERSIST
    }
}
