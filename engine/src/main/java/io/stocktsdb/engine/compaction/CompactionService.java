package io.stocktsdb.engine.compaction;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.Sample;

/**
 * Compaction rules (downsampling) as RedisTimeSeries defines them (docs/timeseries.md, "Behaviour: compaction rules"): a rule on a
 * source series aggregates its samples into buckets written to a destination series. Rules run
 * inside the engine on every append, upsert and delete of the source, are persisted with their
 * open-bucket state and survive restarts. Errors are {@link io.stocktsdb.engine.error.TsdbException}s
 * carrying RedisTimeSeries's exact reply text.
 */
public interface CompactionService {
    /**
     * TS.CREATERULE. With {@code backfill}, the destination is first filled from the source's
     * existing history (closed buckets written, the last bucket left open), which
     * RedisTimeSeries does not do.
     */
    void createRule(Key source, Key dest, Aggregator aggregator, long bucketDuration, long alignTimestamp, boolean backfill);

    /** TS.DELETERULE. */
    void deleteRule(Key source, Key dest);

    /**
     * For LATEST on a compaction destination: the still-open bucket of the rule that feeds
     * {@code dest}, as a sample {@code (bucketStart, value)}; null when {@code dest} is not a
     * compaction destination or its rule has no open bucket.
     */
    Sample latest(Key dest);
}
