package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.key.Key;
import java.util.List;

/**
 * One GROUPBY group of a TS.MRANGE: {@code label=value}, the reducer, the member keys (sorted),
 * and the reduced rows in reply order with COUNT applied.
 */
public record GroupRows(String label, String value, Aggregator reducer, List<Key> sources, Rows rows) {
    public GroupRows {
        sources = List.copyOf(sources);
    }
}
