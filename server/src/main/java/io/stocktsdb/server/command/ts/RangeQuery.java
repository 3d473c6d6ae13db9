package io.stocktsdb.server.command.ts;

/**
 * The parsed arguments of TS.RANGE/TS.REVRANGE and the range part of TS.MRANGE/TS.MREVRANGE
 * (reference §3.1).
 *
 * @param from          0 for {@code -}
 * @param to            {@link Long#MAX_VALUE} for {@code +} ({@code toIsMax})
 * @param count         -1 when absent
 * @param filterByTs    sorted, distinct; null when absent
 * @param filterByValue whether FILTER_BY_VALUE min max applies (inclusive)
 * @param aggregation   null when absent
 */
record RangeQuery(long from, long to, boolean fromIsMin, boolean toIsMax, boolean latest, long count,
                  long[] filterByTs, boolean filterByValue, double minValue, double maxValue,
                  AggregationQuery aggregation) {

    boolean hasCount() {
        return count >= 0;
    }

    /** Values per reply row: 1, or the number of aggregators. */
    int width() {
        return aggregation == null ? 1 : aggregation.width();
    }
}
