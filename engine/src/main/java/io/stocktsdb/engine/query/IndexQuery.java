package io.stocktsdb.engine.query;

import io.stocktsdb.engine.filter.LabelMatcher;
import java.util.List;

/** TS.QUERYINDEX filterExpr... */
public record IndexQuery(List<LabelMatcher> filter) {
    public IndexQuery {
        filter = List.copyOf(filter);
    }
}
