package io.stocktsdb.engine.query;

import io.stocktsdb.engine.filter.LabelMatcher;
import java.util.List;

/** TS.MGET [LATEST] [WITHLABELS | SELECTED_LABELS label...] FILTER filterExpr... */
public record MGetQuery(boolean latest, LabelSelection labels, List<LabelMatcher> filter) {
    public MGetQuery {
        filter = List.copyOf(filter);
    }
}
