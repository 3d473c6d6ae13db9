package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.aggregate.Reducer;
import io.stocktsdb.engine.aggregate.SampleSource;
import io.stocktsdb.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TS.MRANGE ... GROUPBY label REDUCE reducer (reference §4.4): every matched series is ranged,
 * filtered and aggregated on its own, series without the label are dropped, the rest are grouped
 * by the label's value (groups in bytewise value order) and reduced per timestamp over the union of
 * their timestamps; COUNT and the direction apply to the reduced rows.
 */
final class GroupedRange {
    private GroupedRange() {}

    private static final String REDUCER_LABEL = "__reducer__";
    private static final String SOURCE_LABEL = "__source__";

    static void write(RespWriter out, TsContext ts, MultiQueries.MRange q, List<SeriesIndex.Match> matches, boolean reverse) {
        TreeMap<byte[], List<SeriesIndex.Match>> groups = new TreeMap<>(Arrays::compareUnsigned);
        Map<byte[], String> values = new TreeMap<>(Arrays::compareUnsigned);
        for (SeriesIndex.Match m : matches) {
            String value = m.series().options().labels().get(q.groupBy());
            if (value == null) continue;
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            groups.computeIfAbsent(v, k -> new ArrayList<>()).add(m);
            values.putIfAbsent(v, value);
        }
        MultiCommands.entriesHeader(out, groups.size());
        for (Map.Entry<byte[], List<SeriesIndex.Match>> g : groups.entrySet()) {
            String value = values.get(g.getKey());
            List<SeriesIndex.Match> members = g.getValue();
            RowBuffer reduced = reduce(ts, q, members);
            writeGroup(out, q, value, members, reduced, reverse);
        }
    }

    private static RowBuffer reduce(TsContext ts, MultiQueries.MRange q, List<SeriesIndex.Match> members) {
        RangeQuery range = q.range();
        List<SampleSource> sources = new ArrayList<>(members.size());
        for (SeriesIndex.Match m : members) {
            RowBuffer rows = new RowBuffer(1);
            LatestBucket latest = range.latest() ? ts.latestOf(m.series()) : null;
            RangeExecutor.stream(m.series(), range, latest, false, Long.MAX_VALUE, rows);
            sources.add(rows.asSource());
        }
        RowBuffer reduced = new RowBuffer(1);
        double[] one = new double[1];
        new Reducer(q.reducer()).reduce(sources, (t, v) -> {
            one[0] = v;
            return reduced.accept(t, one, 1);
        });
        return reduced;
    }

    private static void writeGroup(RespWriter out, MultiQueries.MRange q, String value, List<SeriesIndex.Match> members,
                                   RowBuffer reduced, boolean reverse) {
        String reducerName = q.reducer().wireName();
        StringBuilder sources = new StringBuilder();
        for (SeriesIndex.Match m : members) {
            if (sources.length() > 0) sources.append(',');
            sources.append(m.key());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(q.groupBy(), value);
        labels.put(REDUCER_LABEL, reducerName);
        labels.put(SOURCE_LABEL, sources.toString());

        if (!out.resp3()) out.arrayHeader(3);
        out.bulk(q.groupBy() + "=" + value);
        if (out.resp3()) {
            out.arrayHeader(4);
            // RESP3 WITHLABELS shows only the grouping label; SELECTED_LABELS looks among all three.
            LabelReplies.selected(out, q.labels().withLabels() ? Map.of(q.groupBy(), value) : labels, q.labels());
            out.mapHeader(1);
            out.bulk("reducers");
            out.arrayHeader(1);
            out.bulk(reducerName);
            out.mapHeader(1);
            out.bulk("sources");
            out.arrayHeader(members.size());
            for (SeriesIndex.Match m : members) out.bulk(m.key().bytes());
        } else {
            LabelReplies.selected(out, labels, q.labels());
        }
        long limit = q.range().hasCount() ? q.range().count() : Long.MAX_VALUE;
        out.arrayHeader((int) Math.min(reduced.size(), limit));
        reduced.emit(reverse, limit, (t, values, width) -> {
            SampleReplies.row(out, t, values, width);
            return true;
        });
    }
}
