package io.stocktsdb.engine.query;

/**
 * TS.RANGE/TS.REVRANGE, and the range part of TS.MRANGE/TS.MREVRANGE, as a query record
 * (docs/timeseries.md, "Behaviour: range queries and TS.INFO").
 *
 * @param from          0 for {@code -}
 * @param to            {@link Long#MAX_VALUE} for {@code +} ({@code toIsMax})
 * @param reverse       newest first (REVRANGE, MREVRANGE)
 * @param count         -1 when absent
 * @param filterByTs    sorted, distinct; null when absent
 * @param filterByValue whether FILTER_BY_VALUE min max applies (inclusive)
 * @param aggregation   null when absent
 */
public record RangeQuery(long from, long to, boolean fromIsMin, boolean toIsMax, boolean reverse, boolean latest, long count,
                         long[] filterByTs, boolean filterByValue, double minValue, double maxValue,
                         AggregationQuery aggregation) {

    public boolean hasCount() {
        return count >= 0;
    }

    /** COUNT, or no limit. */
    public long limit() {
        return count >= 0 ? count : Long.MAX_VALUE;
    }

    /** Values per reply row: 1, or the number of aggregators. */
    public int width() {
        return aggregation == null ? 1 : aggregation.width();
    }

    /** The same query ascending and without COUNT (what GROUPBY reduces). */
    RangeQuery ascendingUnlimited() {
        return new RangeQuery(from, to, fromIsMin, toIsMax, false, latest, -1, filterByTs, filterByValue, minValue, maxValue,
                aggregation);
    }

    // Records compare arrays by identity; queries are compared by content (codec round trips).
    @Override
    public boolean equals(Object o) {
        return o instanceof RangeQuery q && from == q.from && to == q.to && fromIsMin == q.fromIsMin && toIsMax == q.toIsMax
                && reverse == q.reverse && latest == q.latest && count == q.count
                && java.util.Arrays.equals(filterByTs, q.filterByTs) && filterByValue == q.filterByValue
                && Double.compare(minValue, q.minValue) == 0 && Double.compare(maxValue, q.maxValue) == 0
                && java.util.Objects.equals(aggregation, q.aggregation);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(from, to, reverse, latest, count, java.util.Arrays.hashCode(filterByTs), aggregation);
    }
}
