package io.stocktsdb.engine.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which labels multi-series replies carry (docs/timeseries.md, "Behaviour: filters and multi-series queries"): none, all (WITHLABELS) or the
 * SELECTED_LABELS, in request order.
 */
public record LabelSelection(boolean withLabels, List<String> selected) {
    public static final LabelSelection NONE = new LabelSelection(false, List.of());

    public LabelSelection {
        selected = List.copyOf(selected);
    }

    /**
     * The part of a series' labels a reply can need: all of them (WITHLABELS), those whose name
     * matches a selected one ignoring case, and {@code alsoKeep} (the GROUPBY label, may be null).
     * Keeps the series' order and spelling; the writer picks the first match per selected name.
     */
    Map<String, String> needed(Map<String, String> labels, String alsoKeep) {
        if (withLabels || labels.isEmpty()) return labels;
        if (selected.isEmpty() && alsoKeep == null) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (e.getKey().equals(alsoKeep) || isSelected(e.getKey())) out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private boolean isSelected(String name) {
        for (String s : selected) if (s.equalsIgnoreCase(name)) return true;
        return false;
    }
}
