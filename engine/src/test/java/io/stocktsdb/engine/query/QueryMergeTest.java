package io.stocktsdb.engine.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.EngineConfig;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.BucketTimestamp;
import io.stocktsdb.engine.filter.FilterParser;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.chunk.ValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same series split over two engines (as shards) and held by one: merging the two engines'
 * parts, shipped through {@link QueryCodec}, answers exactly as the single engine does.
 */
class QueryMergeTest {
    @TempDir
    Path dir;

    private Engine whole;
    private Engine shardA;
    private Engine shardB;

    @BeforeEach
    void fill() {
        whole = Engine.open(EngineConfig.defaults(dir.resolve("whole")));
        shardA = Engine.open(EngineConfig.defaults(dir.resolve("a")));
        shardB = Engine.open(EngineConfig.defaults(dir.resolve("b")));
        Random random = new Random(7);
        for (int i = 0; i < 12; i++) {
            Map<String, String> labels = i % 4 == 3
                    ? Map.of("kind", "quote", "idx", Integer.toString(i))
                    : Map.of("kind", "quote", "sym", i % 3 == 0 ? "AAPL" : "MSFT", "idx", Integer.toString(i));
            long[] ts = new long[40];
            double[] values = new double[40];
            long t = 1000;
            for (int k = 0; k < ts.length; k++) {
                t += 1 + random.nextInt(30);
                ts[k] = t;
                values[k] = random.nextInt(1000) / 8.0;
            }
            add(whole, "q:" + i, labels, ts, values);
            add(i % 2 == 0 ? shardA : shardB, "q:" + i, labels, ts, values);
        }
    }

    @AfterEach
    void close() {
        whole.close();
        shardA.close();
        shardB.close();
    }

    private static void add(Engine e, String key, Map<String, String> labels, long[] ts, double[] values) {
        Key k = Key.of(key);
        Series s = e.keyspace().createSeries(k, e.defaultSeriesOptions(k, ValueType.DOUBLE).withLabels(labels));
        for (int i = 0; i < ts.length; i++) s.add(ts[i], Double.doubleToRawLongBits(values[i]), null, 100, null);
    }

    @Test
    void rawRangeMergesLikeOneEngine() {
        assertSameAnswer(mrange(range(false, -1, null), LabelSelection.NONE, "kind=quote", null, null));
        assertSameAnswer(mrange(range(true, 5, null), new LabelSelection(true, List.of()), "sym=(AAPL,MSFT)", null, null));
    }

    @Test
    void aggregationWithEveryOptionMergesLikeOneEngine() {
        AggregationQuery agg = new AggregationQuery(List.of(Aggregator.MIN, Aggregator.MAX, Aggregator.TWA), 50,
                BucketTimestamp.MID, true, AggregationQuery.Alignment.TIMESTAMP, 13);
        assertSameAnswer(mrange(range(false, 4, agg), new LabelSelection(false, List.of("SYM", "none")), "kind=quote", null, null));
        assertSameAnswer(mrange(range(true, -1, agg), LabelSelection.NONE, "kind=quote", null, null));
    }

    @Test
    void groupByReducesAfterTheMerge() {
        AggregationQuery agg = new AggregationQuery(List.of(Aggregator.AVG), 40, BucketTimestamp.START, false,
                AggregationQuery.Alignment.DEFAULT, 0);
        MRangeQuery q = mrange(range(true, 7, agg), new LabelSelection(true, List.of()), "kind=quote", "sym", Aggregator.SUM);
        MRangeResult merged = assertSameAnswer(q);
        assertThat(merged.groups()).extracting(GroupRows::value).containsExactly("AAPL", "MSFT");
        assertThat(merged.groups().get(0).sources()).extracting(Key::toString).containsExactly("q:0", "q:6", "q:9");
        assertThat(merged.groups().get(0).rows().size()).isEqualTo(7);
        assertSameAnswer(mrange(range(false, -1, null), LabelSelection.NONE, "kind=quote", "sym", Aggregator.MAX));
    }

    @Test
    void mgetAndQueryIndexMergeLikeOneEngine() {
        MGetQuery mget = new MGetQuery(false, new LabelSelection(false, List.of("sym")), FilterParser.parse(List.of("kind=quote")));
        MGetResult single = whole.queries().mget(mget);
        MGetResult merged = QueryMerge.mget(List.of(
                QueryCodec.decodeMGetResult(QueryCodec.encode(shardA.queries().mgetPart(QueryCodec.decodeMGetQuery(QueryCodec.encode(mget))))),
                QueryCodec.decodeMGetResult(QueryCodec.encode(shardB.queries().mgetPart(mget)))));
        assertThat(merged).isEqualTo(single);
        assertThat(single.entries()).hasSize(12);

        IndexQuery index = new IndexQuery(FilterParser.parse(List.of("sym=AAPL")));
        IndexResult keys = QueryMerge.queryIndex(List.of(
                QueryCodec.decodeIndexResult(QueryCodec.encode(shardA.queries().queryIndexPart(QueryCodec.decodeIndexQuery(QueryCodec.encode(index))))),
                QueryCodec.decodeIndexResult(QueryCodec.encode(shardB.queries().queryIndexPart(index)))));
        assertThat(keys).isEqualTo(whole.queries().queryIndex(index));
        assertThat(keys.keys()).extracting(Key::toString).containsExactly("q:0", "q:6", "q:9");
    }

    @Test
    void indexFollowsLabelChangesAndRemovals() {
        Series s = whole.keyspace().getSeries(Key.of("q:0"));
        s.alter(s.options().withLabels(Map.of("kind", "trade")));
        whole.keyspace().delete(Key.of("q:6"));
        IndexResult quotes = whole.queries().queryIndex(new IndexQuery(FilterParser.parse(List.of("sym=AAPL"))));
        assertThat(quotes.keys()).extracting(Key::toString).containsExactly("q:9");
        IndexResult trades = whole.queries().queryIndex(new IndexQuery(FilterParser.parse(List.of("kind=trade"))));
        assertThat(trades.keys()).extracting(Key::toString).containsExactly("q:0");
    }

    /** Runs {@code q} on the single engine and on the two shards (through the codec); both must render alike. */
    private MRangeResult assertSameAnswer(MRangeQuery q) {
        MRangeResult single = whole.queries().mrange(q);
        MRangeQuery shipped = QueryCodec.decodeMRangeQuery(QueryCodec.encode(q));
        assertThat(shipped).isEqualTo(q);
        MRangeResult merged = QueryMerge.mrange(q, List.of(
                QueryCodec.decodeMRangePart(QueryCodec.encode(shardA.queries().mrangePart(shipped))),
                QueryCodec.decodeMRangePart(QueryCodec.encode(shardB.queries().mrangePart(shipped)))));
        String expected = render(single);
        assertThat(render(merged)).isEqualTo(expected);
        assertThat(expected).contains("q:");
        return merged;
    }

    private static String render(MRangeResult r) {
        StringBuilder b = new StringBuilder();
        if (r.grouped()) {
            for (GroupRows g : r.groups()) {
                b.append(g.label()).append('=').append(g.value()).append(' ').append(g.sources()).append(' ').append(g.rows()).append('\n');
            }
            return b.toString();
        }
        for (SeriesRows s : r.series()) {
            Rows rows = new Rows(s.rows().width());
            s.rows().stream(rows);
            b.append(s.key()).append(' ').append(s.labels()).append(' ').append(rows).append('\n');
        }
        return b.toString();
    }

    private static RangeQuery range(boolean reverse, long count, AggregationQuery agg) {
        return new RangeQuery(1000, 1400, false, false, reverse, false, count, null, true, 10, 110, agg);
    }

    private static MRangeQuery mrange(RangeQuery range, LabelSelection labels, String filter, String groupBy, Aggregator reducer) {
        return new MRangeQuery(range, labels, FilterParser.parse(new ArrayList<>(List.of(filter))), groupBy, reducer);
    }
}
