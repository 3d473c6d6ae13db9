package io.stocktsdb.engine.chunk;

/** One sample: raw double bits or integer in {@code valueBits} for numeric series, {@code blob} for strings and hashes. */
public record Sample(long timestamp, long valueBits, byte[] blob, int quality) {}
