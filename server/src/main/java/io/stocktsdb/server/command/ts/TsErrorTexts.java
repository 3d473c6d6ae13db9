package io.stocktsdb.server.command.ts;

/**
 * Error replies of the TS.* commands, whole wire texts (reference §12). Most carry {@code ERR };
 * the two RedisTimeSeries sends without it are marked. Filter and aggregation texts shared with
 * the engine live in {@link io.stocktsdb.engine.error.TsErrors}.
 */
final class TsErrorTexts {
    private TsErrorTexts() {}

    static final String KEY_DOES_NOT_EXIST = "ERR TSDB: the key does not exist";
    static final String NOT_A_TSDB_KEY = "ERR TSDB: the key is not a TSDB key";
    /** RedisTimeSeries prepends ERR to Redis's own WRONGTYPE text. */
    static final String WRONGTYPE = "ERR WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String KEY_EXISTS = "ERR TSDB: key already exists";
    static final String INVALID_VALUE = "ERR TSDB: invalid value";
    static final String INVALID_TIMESTAMP = "ERR TSDB: invalid timestamp";
    static final String NEGATIVE_TIMESTAMP = "ERR TSDB: invalid timestamp, must be a nonnegative integer";
    static final String OLDER_THAN_RETENTION = "ERR TSDB: Timestamp is older than retention";
    static final String BLOCKED =
            "ERR TSDB: Error at upsert, update is not supported when DUPLICATE_POLICY is set to BLOCK mode";
    static final String INVALID_INCREMENT = "ERR TSDB: invalid increase/decrease value";
    /** Sent without ERR, so clients see the code {@code TSDB:}. */
    static final String INCRBY_TOO_OLD = "TSDB: timestamp must be equal to or higher than the maximum existing timestamp";

    static final String PARSE_RETENTION = "ERR TSDB: Couldn't parse RETENTION";
    /** A negative RETENTION: sent without ERR. */
    static final String NEGATIVE_RETENTION = "TSDB: Couldn't parse RETENTION";
    static final String PARSE_CHUNK_SIZE = "ERR TSDB: Couldn't parse CHUNK_SIZE";
    static final String CHUNK_SIZE_RANGE = "ERR TSDB: CHUNK_SIZE value must be a multiple of 8 in the range [48 .. 1048576]";
    static final String UNKNOWN_ENCODING = "ERR TSDB: unknown ENCODING parameter";
    static final String PARSE_DUPLICATE_POLICY = "ERR TSDB: Couldn't parse DUPLICATE_POLICY";
    static final String UNKNOWN_DUPLICATE_POLICY = "ERR TSDB: Unknown DUPLICATE_POLICY";
    static final String PARSE_IGNORE = "ERR TSDB: Couldn't parse IGNORE";
    static final String NEGATIVE_IGNORE = "ERR TSDB: IGNORE arguments cannot be negative";
    static final String PARSE_LABELS = "ERR TSDB: Couldn't parse LABELS";

    static final String WRONG_FROM = "ERR TSDB: wrong fromTimestamp";
    static final String WRONG_TO = "ERR TSDB: wrong toTimestamp";
    static final String WRONG_3RD_ARGUMENT = "ERR TSDB: wrong 3rd argument";
    static final String COUNT_MISSING = "ERR TSDB: COUNT argument is missing";
    static final String PARSE_COUNT = "ERR TSDB: Couldn't parse COUNT";
    static final String INVALID_COUNT = "ERR TSDB: Invalid COUNT value";
    static final String FILTER_BY_VALUE_MISSING = "ERR TSDB: FILTER_BY_VALUE one or more arguments are missing";
    static final String PARSE_MIN = "ERR TSDB: Couldn't parse MIN";
    static final String PARSE_MAX = "ERR TSDB: Couldn't parse MAX";
    static final String FILTER_BY_TS_MISSING = "ERR TSDB: FILTER_BY_TS one or more arguments are missing";

    static final String WITHLABELS_AND_SELECTED = "ERR TSDB: cannot accept WITHLABELS and SELECT_LABELS together";
    static final String SELECTED_LABELS_MAX = "ERR TSDB: reached max size for SELECT_LABELS";
    static final String SELECTED_LABELS_EMPTY = "ERR TSDB: SELECT_LABELS should have at least 1 parameter";
    /** Redis 8.8 (reference §14). */
    static final String GROUPBY_MULTI_AGGREGATORS = "ERR TSDB: GROUPBY is not allowed when multiple aggregators are specified";

    /** TS.MGET/MRANGE/QUERYINDEX when the user may not read a matched key (8.0+). */
    static final String NOPERM_FILTER =
            "NOPERM TSDB: current user doesn't have read permission to one or more keys that match the specified filter";
    static final String SAME_SOURCE_AND_DEST = "ERR TSDB: the source key and destination key should be different";
    static final String CREATERULE_ONE_AGGREGATOR = "ERR TSDB: CREATERULE requires exactly one aggregation type";

    /**
     * StockTSDB's own: a TS.* command that needs numbers on a series created by TSDB_SET/HASH_SET
     * with a non-numeric type ({@code string} or {@code hash}).
     */
    static final String STRING_SERIES = "ERR TSDB: the series holds string values";
    static final String HASH_SERIES = "ERR TSDB: the series holds hash values";

    /** StockTSDB's own: a non-integral value written to an {@code int} series. */
    static final String INT_SERIES_VALUE = "ERR TSDB: invalid value, the series holds int values";
}
