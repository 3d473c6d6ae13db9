package io.stocktsdb.engine.query;

import io.stocktsdb.engine.aggregate.Reducer;
import io.stocktsdb.engine.aggregate.SampleSource;
import io.stocktsdb.engine.key.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the answers of one query from N engines (N = 1 on a single node, the shards in a
 * cluster): entries sorted by key bytes; for TS.MRANGE ... GROUPBY label REDUCE reducer
 * (docs/timeseries.md, "Behaviour: filters and multi-series queries") series without the label are dropped, the rest grouped by the label's value
 * (groups in bytewise value order) and reduced per timestamp over the union of their timestamps;
 * the direction and COUNT then apply to the reduced rows.
 */
public final class QueryMerge {
    private QueryMerge() {}

    private static final Comparator<SeriesRows> SERIES_BY_KEY = Comparator.comparing(SeriesRows::key);
    private static final Comparator<LastSample> LAST_BY_KEY = Comparator.comparing(LastSample::key);

    public static MRangeResult mrange(MRangeQuery q, List<MRangePart> parts) {
        List<SeriesRows> series;
        if (parts.size() == 1) {
            series = parts.get(0).series();
        } else {
            series = new ArrayList<>();
            for (MRangePart p : parts) series.addAll(p.series());
            series.sort(SERIES_BY_KEY);
        }
        if (!q.grouped()) return new MRangeResult(series, null);
        List<SeriesRows> members = series;
        return new MRangeResult(series, () -> group(q, members));
    }

    public static MGetResult mget(List<MGetResult> parts) {
        if (parts.size() == 1) return parts.get(0);
        List<LastSample> all = new ArrayList<>();
        for (MGetResult p : parts) all.addAll(p.entries());
        all.sort(LAST_BY_KEY);
        return new MGetResult(all);
    }

    public static IndexResult queryIndex(List<IndexResult> parts) {
        if (parts.size() == 1) return parts.get(0);
        List<Key> all = new ArrayList<>();
        for (IndexResult p : parts) all.addAll(p.keys());
        all.sort(null);
        return new IndexResult(all);
    }

    private static List<GroupRows> group(MRangeQuery q, List<SeriesRows> series) {
        TreeMap<byte[], List<SeriesRows>> groups = new TreeMap<>(Arrays::compareUnsigned);
        Map<byte[], String> values = new TreeMap<>(Arrays::compareUnsigned);
        for (SeriesRows s : series) {
            if (s.rows() == null) continue;
            String value = s.labels().get(q.groupBy());
            if (value == null) continue;
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            groups.computeIfAbsent(v, k -> new ArrayList<>()).add(s);
            values.putIfAbsent(v, value);
        }
        List<GroupRows> out = new ArrayList<>(groups.size());
        RangeQuery range = q.range();
        for (Map.Entry<byte[], List<SeriesRows>> g : groups.entrySet()) {
            List<SeriesRows> members = g.getValue();
            List<Key> sources = new ArrayList<>(members.size());
            for (SeriesRows m : members) sources.add(m.key());
            Rows reduced = reduce(q, members).ordered(range.reverse(), range.limit());
            out.add(new GroupRows(q.groupBy(), values.get(g.getKey()), q.reducer(), sources, reduced));
        }
        return out;
    }

    private static Rows reduce(MRangeQuery q, List<SeriesRows> members) {
        List<SampleSource> sources = new ArrayList<>(members.size());
        for (SeriesRows m : members) {
            Rows rows;
            if (m.rows() instanceof Rows materialized) {
                rows = materialized;
            } else {
                rows = new Rows(1);
                m.rows().stream(rows);
            }
            sources.add(rows.asSource());
        }
        Rows reduced = new Rows(1);
        double[] one = new double[1];
        new Reducer(q.reducer()).reduce(sources, (t, v) -> {
            one[0] = v;
            return reduced.accept(t, one, 1);
        });
        return reduced;
    }
}
