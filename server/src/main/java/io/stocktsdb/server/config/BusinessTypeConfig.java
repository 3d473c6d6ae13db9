package io.stocktsdb.server.config;

/**
 * One entry of {@code business_types}; null settings inherit the global time-series defaults.
 *
 * @param timestampUnit "ms" or "s", or null: each command family's own unit (see TimestampUnits)
 */
public record BusinessTypeConfig(String name, String prefix, Long retentionMs, Integer chunkSizeBytes, String duplicatePolicy,
                                 String encoding, String timestampUnit) {
    /** Without a timestamp unit. */
    public BusinessTypeConfig(String name, String prefix, Long retentionMs, Integer chunkSizeBytes, String duplicatePolicy, String encoding) {
        this(name, prefix, retentionMs, chunkSizeBytes, duplicatePolicy, encoding, null);
    }
}
