package io.stocktsdb.engine.series;

/** Outcome of {@link Series#add}. */
public enum AddResult {
    /** A new sample was stored. */
    ADDED,
    /** An existing sample was replaced or merged by the duplicate policy. */
    UPDATED,
    /** A sample exists at that timestamp and the policy is BLOCK: nothing changed. */
    BLOCKED,
    /** The timestamp is older than lastTimestamp - retention: nothing changed. */
    TOO_OLD,
    /** Dropped by the IGNORE filter: nothing changed; RTS replies with the current lastTimestamp. */
    IGNORED,
    /** The series was deleted, renamed over or flushed concurrently: look the key up again and retry. */
    REMOVED
}
