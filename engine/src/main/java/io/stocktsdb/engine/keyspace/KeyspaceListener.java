package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.series.Series;

import java.util.Map;

/**
 * Hook for the label index (and anything else that mirrors series): called synchronously under
 * the keyspace's locks, so implementations must be quick and must not call back into keyspace
 * mutations. Also called during recovery replay.
 */
public interface KeyspaceListener {
    default void seriesCreated(Series series) {}

    default void seriesRemoved(Series series) {}

    default void seriesRenamed(Series series, Key oldKey) {}

    default void labelsChanged(Series series, Map<String, String> oldLabels) {}
}
