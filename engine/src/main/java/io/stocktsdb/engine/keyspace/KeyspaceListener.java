package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.key.Key;
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

    /** Calls {@code first}, then {@code second}. */
    static KeyspaceListener both(KeyspaceListener first, KeyspaceListener second) {
        return new KeyspaceListener() {
            @Override
            public void seriesCreated(Series series) {
                first.seriesCreated(series);
                second.seriesCreated(series);
            }

            @Override
            public void seriesRemoved(Series series) {
                first.seriesRemoved(series);
                second.seriesRemoved(series);
            }

            @Override
            public void seriesRenamed(Series series, Key oldKey) {
                first.seriesRenamed(series, oldKey);
                second.seriesRenamed(series, oldKey);
            }

            @Override
            public void labelsChanged(Series series, Map<String, String> oldLabels) {
                first.labelsChanged(series, oldLabels);
                second.labelsChanged(series, oldLabels);
            }
        };
    }
}
