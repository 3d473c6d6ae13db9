package io.stocktsdb.engine.error;

/**
 * Why the engine refused an operation: an outcome code, never wire text. The server maps each
 * code (with its {@link TsdbException#args() arguments}) to the exact Redis / RedisTimeSeries
 * error text in its one error table.
 */
public enum TsdbError {
    // label filters
    /** A FILTER / TS.QUERYINDEX expression is malformed. */
    FAILED_PARSING_LABELS,
    /** The filters hold no positive matcher ({@code l=v} or {@code l=(v,...)}). */
    AT_LEAST_ONE_MATCHER,

    // GROUPBY ... REDUCE
    /** The reducer is not one of the aggregators that can reduce (first, last and twa cannot). */
    INVALID_REDUCER,

    // compaction rules
    /** The key does not exist. */
    KEY_DOES_NOT_EXIST,
    /** The key exists but is not a time series (RedisTimeSeries' wording of WRONGTYPE). */
    NOT_A_SERIES,
    /** TS.CREATERULE with the same source and destination. */
    SAME_SOURCE_AND_DEST,
    /** The source of a new rule is itself the destination of a rule. */
    SOURCE_HAS_SOURCE_RULE,
    /** The destination of a new rule is the source of rules. */
    DEST_HAS_DEST_RULES,
    /** The destination of a new rule already has a source. */
    DEST_HAS_SOURCE_RULE,
    /** TS.DELETERULE for a rule that does not exist. */
    RULE_DOES_NOT_EXIST,
    /** TS.DEL beyond the retention of a series with compactions. */
    DELETE_BEYOND_RETENTION,
    /** A rule's bucket duration is not positive. */
    BUCKET_DURATION_POSITIVE,
    /** A rule's align timestamp is negative. */
    ALIGN_TIMESTAMP_NEGATIVE,
    /** A rule's series holds non-numeric values; args: the role ("source" or "destination"), the value type's name. */
    RULE_SERIES_NOT_NUMERIC,
    /** A rule's destination does not hold doubles. */
    DEST_NOT_DOUBLE,

    // K-line families (args name the argument at fault; texts in the server's command/Errors)
    /** args: the text. */ KLINE_BAD_TIMEFRAME,
    /** args: the timeframe. */ KLINE_DUPLICATE_TIMEFRAME,
    /** args: the zone. */ KLINE_UNKNOWN_ZONE,
    /** args: the name, the built-in names joined. */ KLINE_UNKNOWN_CALENDAR,
    /** args: the text. */ KLINE_BAD_SESSIONS,
    /** args: the two sessions. */ KLINE_OVERLAPPING_SESSIONS,
    /** args: the text. */ KLINE_BAD_OUTSIDE,
    /** args: the family. */ KLINE_FAMILY_EXISTS,
    /** args: the family. */ KLINE_NO_FAMILY,
    /** args: the family, the timeframe asked, the family's timeframes. */ KLINE_NO_TIMEFRAME,
    /** args: the role (PRICE or VOLUME), the key. */ KLINE_KEY_MISSING,
    /** args: the role, the key. */ KLINE_NOT_SERIES,
    /** args: the role, the key. */ KLINE_NOT_NUMERIC,
    /** args: the role, the key, the family it feeds. */ KLINE_ALREADY_FEEDS,
    /** args: the role, the key. */ KLINE_IS_BAR_SERIES,
    /** args: the role, the key. */ KLINE_IS_RULE_DESTINATION,
    /** The PRICE and VOLUME keys are the same. */ KLINE_SAME_KEYS,
    /** args: the key. */ KLINE_BAR_SERIES_EXISTS,
    /** args: the timestamp, the family, the calendar's description. */ KLINE_OUTSIDE_SESSION,

    // strings
    /** The stored string is not a 64-bit integer. */
    NOT_INTEGER,
    /** INCR/DECR would leave the 64-bit range. */
    OVERFLOW,
    /** The key holds another kind of value (Redis's WRONGTYPE). */
    WRONGTYPE
}
