package io.stocktsdb.server.config;

/**
 * One entry of {@code business_types}; null settings inherit the global time-series defaults.
 *
 * @param timestampUnit "ms" or "s", or null: each command family's own unit (see TimestampUnits)
 * @param calendar      the trading calendar of K-line families on this business's ticks (a built-in
 *                      name such as SSE), or null
 * @param timezone      an IANA zone overriding the calendar's, or null
 * @param sessions      {@code HH:MM-HH:MM[,...]} overriding the calendar's sessions, or null
 */
public record BusinessTypeConfig(String name, String prefix, Long retentionMs, Integer chunkSizeBytes, String duplicatePolicy,
                                 String encoding, String timestampUnit, String calendar, String timezone, String sessions) {
    /** Without K-line calendar defaults. */
    public BusinessTypeConfig(String name, String prefix, Long retentionMs, Integer chunkSizeBytes, String duplicatePolicy, String encoding,
                              String timestampUnit) {
        this(name, prefix, retentionMs, chunkSizeBytes, duplicatePolicy, encoding, timestampUnit, null, null, null);
    }

    /** Without a timestamp unit. */
    public BusinessTypeConfig(String name, String prefix, Long retentionMs, Integer chunkSizeBytes, String duplicatePolicy, String encoding) {
        this(name, prefix, retentionMs, chunkSizeBytes, duplicatePolicy, encoding, null);
    }

    /** True when any of calendar, timezone or sessions is set: K-line families of this business start from them. */
    public boolean hasCalendar() {
        return calendar != null || timezone != null || sessions != null;
    }
}
