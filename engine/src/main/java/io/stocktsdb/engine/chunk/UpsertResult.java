package io.stocktsdb.engine.chunk;

/** Outcome of writing a sample at a timestamp that may already exist. */
public enum UpsertResult {
    /** A new timestamp was inserted. */
    ADDED,
    /** An existing sample was replaced or merged (LAST, MIN, MAX, SUM, or FIRST keeping the old one). */
    UPDATED,
    /** The timestamp existed and the policy is BLOCK: nothing changed. */
    BLOCKED
}
