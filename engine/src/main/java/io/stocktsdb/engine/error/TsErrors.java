package io.stocktsdb.engine.error;

/**
 * Client-visible error texts with RedisTimeSeries' exact wording (reference §7, §12). Each is the
 * whole wire text including the {@code ERR } prefix. More constants are added by the command layer.
 */
public final class TsErrors {
    private TsErrors() {}

    // Filter expressions (§4.1).
    public static final String FAILED_PARSING_LABELS = "ERR TSDB: failed parsing labels";
    public static final String AT_LEAST_ONE_MATCHER = "ERR TSDB: please provide at least one matcher";
    public static final String MISSING_FILTER = "ERR TSDB: missing FILTER argument";
    public static final String MISSING_FILTER_LABELS = "ERR TSDB: missing labels for filter argument";
    public static final String GROUPBY_AFTER_FILTER = "ERR TSDB: GROUPBY should always come after filter";

    // Aggregation (§7).
    public static final String PARSE_AGGREGATION = "ERR TSDB: Couldn't parse AGGREGATION";
    public static final String UNKNOWN_AGGREGATION = "ERR TSDB: Unknown aggregation type";
    public static final String BUCKET_DURATION_POSITIVE = "ERR TSDB: bucketDuration must be greater than zero";
    public static final String AGGREGATION_CLASS = "ERR TSDB: Failed to retrieve aggregation class";
    public static final String EMPTY_POSITION =
            "ERR TSDB: EMPTY flag should be the 3rd or 5th flag after AGGREGATION flag";
    public static final String PARSE_EMPTY = "ERR TSDB: Couldn't parse EMPTY flag";
    public static final String BUCKETTIMESTAMP_POSITION =
            "ERR TSDB: BUCKETTIMESTAMP flag should be the 3rd or 4th flag after AGGREGATION flag";
    public static final String UNKNOWN_BUCKETTIMESTAMP = "ERR TSDB: unknown BUCKETTIMESTAMP parameter";
    public static final String PARSE_ALIGN_TIMESTAMP = "ERR TSDB: Couldn't parse alignTimestamp";
    public static final String ALIGN_TIMESTAMP_NEGATIVE = "ERR TSDB: alignTimestamp should be greater or equal to 0";
    public static final String UNKNOWN_ALIGN = "ERR TSDB: unknown ALIGN parameter";
    public static final String ALIGN_WITHOUT_AGGREGATION = "ERR TSDB: ALIGN parameter can only be used with AGGREGATION";
    public static final String ALIGN_START_NEEDS_START =
            "ERR TSDB: start alignment can only be used with explicit start timestamp";
    public static final String ALIGN_END_NEEDS_END =
            "ERR TSDB: end alignment can only be used with explicit end timestamp";

    // GROUPBY / REDUCE (§4.4).
    public static final String INVALID_REDUCER = "ERR TSDB: Invalid reducer type";
    public static final String REDUCER_CLASS = "ERR TSDB: Failed to retrieve reducer class";
}
