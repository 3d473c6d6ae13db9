package io.stocktsdb.engine.chunk;

/**
 * A forward-only view over samples, reused between samples to avoid allocation. Call
 * {@link #next()} before reading; getters describe the current sample until the next call.
 */
public interface SampleCursor {
    boolean next();

    long timestamp();

    /** Raw double bits for DOUBLE series, the integer for INT series. */
    long valueBits();

    /** The value of a STRING or HASH sample; null for numeric series. */
    byte[] blob();

    int quality();

    /** Convenience for DOUBLE and INT series: the value as a double. */
    double doubleValue();
}
