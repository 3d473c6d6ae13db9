package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.TsdbException;
import io.stocktsdb.engine.query.LabelSelection;
import io.stocktsdb.resp.RespRequest;
import java.util.ArrayList;
import java.util.List;

/** RTS {@code parseLabelQuery} (reference §4.3): WITHLABELS, or SELECTED_LABELS label... */
final class LabelSelectionParser {
    /** RTS LIMIT_LABELS_SIZE. */
    static final int MAX_SELECTED = 50;
    /** Tokens that end the SELECTED_LABELS list (LATEST, ALIGN, EMPTY, BUCKETTIMESTAMP do not). */
    private static final String[] STOP_TOKENS = {
        "WITHLABELS", "AGGREGATION", "LIMIT", "GROUPBY", "REDUCE", "FILTER", "FILTER_BY_VALUE", "FILTER_BY_TS", "COUNT",
    };

    private LabelSelectionParser() {}

    static LabelSelection parse(RespRequest a) {
        boolean withLabels = TsArgs.has(a, "WITHLABELS");
        int at = TsArgs.indexOf(a, "SELECTED_LABELS");
        if (at <= 0) return new LabelSelection(withLabels, List.of());
        if (withLabels) throw new TsdbException(TsErrorTexts.WITHLABELS_AND_SELECTED);
        List<String> names = new ArrayList<>();
        for (int i = at + 1; i < a.argc() && !isStopToken(a, i); i++) {
            if (names.size() >= MAX_SELECTED) throw new TsdbException(TsErrorTexts.SELECTED_LABELS_MAX);
            names.add(a.string(i));
        }
        if (names.isEmpty()) throw new TsdbException(TsErrorTexts.SELECTED_LABELS_EMPTY);
        return new LabelSelection(false, names);
    }

    private static boolean isStopToken(RespRequest a, int i) {
        for (String token : STOP_TOKENS) if (a.equalsIgnoreCase(i, token)) return true;
        return false;
    }
}
