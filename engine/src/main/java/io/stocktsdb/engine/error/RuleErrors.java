package io.stocktsdb.engine.error;

/**
 * Reply texts of compaction rule errors, RedisTimeSeries' exact wording (reference §2.6-§2.8,
 * §12), each the whole wire text.
 */
public final class RuleErrors {
    private RuleErrors() {}

    public static final String KEY_NOT_EXISTS = "ERR TSDB: the key does not exist";
    public static final String WRONGTYPE = "ERR WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String SAME_KEYS = "ERR TSDB: the source key and destination key should be different";
    public static final String SOURCE_IS_DESTINATION = "ERR TSDB: the source key already has a source rule";
    public static final String DEST_IS_SOURCE = "ERR TSDB: the destination key already has a dst rule";
    public static final String DEST_HAS_SOURCE = "ERR TSDB: the destination key already has a src rule";
    public static final String RULE_NOT_EXISTS = "ERR TSDB: compaction rule does not exist";
    public static final String DELETE_BEYOND_RETENTION = "ERR TSDB: When a series has compactions, deleting samples or "
            + "compaction buckets beyond the series retention period is not possible";
    public static final String BUCKET_DURATION_POSITIVE = "ERR TSDB: bucketDuration must be greater than zero";
    public static final String ALIGN_NEGATIVE = "ERR TSDB: alignTimestamp should be greater or equal to 0";

    /** StockTSDB's own: rules aggregate numbers, so string and hash series cannot take part. */
    public static String notNumeric(String role, String typeName) {
        return "ERR TSDB: the " + role + " key holds " + typeName + " values; compaction rules need numeric series";
    }

    /** StockTSDB's own: a destination stores the aggregates, which are doubles. */
    public static final String DEST_NOT_DOUBLE = "ERR TSDB: the destination key must hold double values";
}
