package io.stocktsdb.engine.query;

/** The still-open compaction bucket of a destination series, shown by LATEST (reference §8.5). */
public record LatestBucket(long timestamp, double value) {}
