package io.stocktsdb.engine.keyspace;

/**
 * Result of {@link Keyspace#setString}: whether the value was written and, when GET was asked,
 * the previous string (null when there was none).
 */
public record SetOutcome(boolean written, byte[] previous) {
    public static final SetOutcome WRITTEN = new SetOutcome(true, null);
    public static final SetOutcome NOT_WRITTEN = new SetOutcome(false, null);
}
