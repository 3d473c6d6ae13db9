package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.query.LabelSelection;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;
import java.util.ArrayList;
import java.util.List;

/** RTS {@code parseLabelQuery} (docs/timeseries.md, "Behaviour: filters and multi-series queries"): WITHLABELS, or SELECTED_LABELS label... */
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
        if (withLabels) throw new CommandException(Errors.WITHLABELS_AND_SELECTED);
        List<String> names = new ArrayList<>();
        for (int i = at + 1; i < a.argc() && !isStopToken(a, i); i++) {
            if (names.size() >= MAX_SELECTED) throw new CommandException(Errors.SELECTED_LABELS_MAX);
            names.add(a.string(i));
        }
        if (names.isEmpty()) throw new CommandException(Errors.SELECTED_LABELS_EMPTY);
        return new LabelSelection(false, names);
    }

    private static boolean isStopToken(RespRequest a, int i) {
        for (String token : STOP_TOKENS) if (a.equalsIgnoreCase(i, token)) return true;
        return false;
    }
}
