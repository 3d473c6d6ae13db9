package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.query.GroupRows;
import io.stocktsdb.engine.query.MRangeQuery;
import io.stocktsdb.resp.RespWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reply of TS.MRANGE ... GROUPBY label REDUCE reducer (docs/timeseries.md, "Behaviour: filters and multi-series queries"): one entry per group
 * as merged by the engine, named {@code label=value}, with the reducer and source labels.
 */
final class GroupReplies {
    private GroupReplies() {}

    private static final String REDUCER_LABEL = "__reducer__";
    private static final String SOURCE_LABEL = "__source__";

    static void write(RespWriter out, MRangeQuery q, List<GroupRows> groups) {
        out.mapOrArrayHeader(groups.size());
        for (GroupRows g : groups) writeGroup(out, q, g);
    }

    private static void writeGroup(RespWriter out, MRangeQuery q, GroupRows g) {
        String reducerName = g.reducer().wireName();
        StringBuilder sources = new StringBuilder();
        for (Key k : g.sources()) {
            if (sources.length() > 0) sources.append(',');
            sources.append(k);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(g.label(), g.value());
        labels.put(REDUCER_LABEL, reducerName);
        labels.put(SOURCE_LABEL, sources.toString());

        out.entry(g.label() + "=" + g.value(), 2, 4);
        if (out.resp3()) { // RESP3 adds the reducers and sources metadata
            // RESP3 WITHLABELS shows only the grouping label; SELECTED_LABELS looks among all three.
            LabelReplies.selected(out, q.labels().withLabels() ? Map.of(g.label(), g.value()) : labels, q.labels());
            out.mapHeader(1);
            out.bulk("reducers");
            out.arrayHeader(1);
            out.bulk(reducerName);
            out.mapHeader(1);
            out.bulk("sources");
            out.arrayHeader(g.sources().size());
            for (Key k : g.sources()) out.bulk(k.bytes());
        } else {
            LabelReplies.selected(out, labels, q.labels());
        }
        ReadCommands.writeRows(out, g.rows());
    }
}
