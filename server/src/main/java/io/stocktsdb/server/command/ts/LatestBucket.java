package io.stocktsdb.server.command.ts;

/** The still-open compaction bucket of a destination series, shown by LATEST (reference §8.5). */
record LatestBucket(long timestamp, double value) {}
