package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.filter.LabelMatcher;
import java.util.List;

/**
 * TS.MRANGE/TS.MREVRANGE: the range query (its direction and COUNT included), the labels to
 * reply, the label filter, and optionally GROUPBY label REDUCE reducer (both null when absent).
 */
public record MRangeQuery(RangeQuery range, LabelSelection labels, List<LabelMatcher> filter, String groupBy, Aggregator reducer) {
    public MRangeQuery {
        filter = List.copyOf(filter);
        if ((groupBy == null) != (reducer == null)) throw new IllegalArgumentException("GROUPBY needs REDUCE");
    }

    public boolean grouped() {
        return groupBy != null;
    }
}
