package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.query.LabelSelection;
import io.stocktsdb.resp.RespWriter;
import java.util.List;
import java.util.Map;

/**
 * A series' labels in replies (docs/timeseries.md, "Behaviour: reply shapes" and "Behaviour: filters and multi-series queries"): RESP2 an array of {@code [name, value]}
 * pairs, RESP3 a map; bulk strings for names and values.
 */
final class LabelReplies {
    private LabelReplies() {}

    /** Every label, in the series' order. */
    static void all(RespWriter out, Map<String, String> labels) {
        out.mapOrArrayHeader(labels.size());
        for (Map.Entry<String, String> e : labels.entrySet()) pair(out, e.getKey(), e.getValue());
    }

    /** The labels a reply asked for: none, all (WITHLABELS), or the SELECTED_LABELS. */
    static void selected(RespWriter out, Map<String, String> labels, LabelSelection selection) {
        if (selection.withLabels()) {
            all(out, labels);
            return;
        }
        List<String> wanted = selection.selected();
        out.mapOrArrayHeader(wanted.size());
        for (String name : wanted) {
            Map.Entry<String, String> found = null;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    found = e;
                    break;
                }
            }
            // As RTS: the series' own spelling when found, the requested one with nil otherwise.
            if (found != null) {
                pair(out, found.getKey(), found.getValue());
            } else {
                pair(out, name, null);
            }
        }
    }

    private static void pair(RespWriter out, String name, String value) {
        out.pairEntry(name);
        if (value == null) {
            out.nullBulk();
        } else {
            out.bulk(value);
        }
    }
}
