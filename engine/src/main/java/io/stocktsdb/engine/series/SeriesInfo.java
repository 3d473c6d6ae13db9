package io.stocktsdb.engine.series;

import java.util.List;

/**
 * The figures of TS.INFO, taken atomically. Samples expired by retention are excluded from
 * {@code totalSamples} and {@code firstTimestamp}, as in RedisTimeSeries; timestamps are 0 for
 * an empty series. {@code chunks} is empty unless requested (TS.INFO DEBUG).
 */
public record SeriesInfo(long totalSamples, long memoryUsage, long firstTimestamp, long lastTimestamp,
                         int chunkCount, SeriesOptions options, List<ChunkInfo> chunks) {}
