package io.stocktsdb.server.config;

/** One entry of {@code business_types}; null settings inherit the global time-series defaults. */
public record BusinessTypeConfig(
        String name, String prefix, Long retentionMs, Integer chunkSizeBytes, String duplicatePolicy, String encoding) {}
