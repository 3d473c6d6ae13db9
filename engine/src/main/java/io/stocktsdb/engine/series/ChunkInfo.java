package io.stocktsdb.engine.series;

/** One chunk as TS.INFO DEBUG shows it. */
public record ChunkInfo(long startTimestamp, long endTimestamp, int samples, int sizeBytes) {}
