package io.stocktsdb.engine.series;

/**
 * What a K-line family (package {@code io.stocktsdb.engine.kline}) does when the series feeding it
 * changes. The price hook runs under the price series' lock, before its op is logged: the bar
 * writes it collects are applied and logged with the tick's op in one op-log group, as compaction
 * rule writes are. The volume hook runs after the volume series' lock is released and then
 * takes the price series' lock itself (the global order is price before volume: the price hook
 * reads the volume series).
 */
public interface TickHook {
    /** A price write at {@code ts} is about to be applied; throws a TsdbException to refuse it. */
    void check(long ts);

    /**
     * A price write at {@code ts} changed the samples; {@code prevLast} is the last timestamp before
     * it ({@code Long.MIN_VALUE} when the series was empty). Collects the bar writes into {@code out}.
     */
    void written(Series price, long ts, long prevLast, BarWrites out);

    /** Price samples in {@code [from, to]} were deleted. */
    void deleted(Series price, long from, long to, BarWrites out);

    /** Volume samples at {@code [from, to]} changed (called without any series lock held). */
    void volumeChanged(long from, long to);
}
