package io.stocktsdb.engine.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.BucketTimestamp;
import io.stocktsdb.engine.filter.LabelMatcher;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.ValueType;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden bytes freeze the layout of {@link QueryCodec}; round trips cover every field. */
class QueryCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static final MRangeQuery GOLDEN_QUERY = new MRangeQuery(
            new RangeQuery(10, 20, false, false, true, true, 3, new long[] {12, 15}, true, -1.5, 2.0,
                    new AggregationQuery(List.of(Aggregator.MIN, Aggregator.TWA), 5, BucketTimestamp.END, true,
                            AggregationQuery.Alignment.TIMESTAMP, 7)),
            new LabelSelection(false, List.of("a")),
            List.of(LabelMatcher.eq("s", "x"), LabelMatcher.notIn("v", List.of("p", "q"))),
            null, null);

    @Test
    void mrangeQueryGoldenBytes() {
        String expected = "01" + "01"                                  // version 1, MRANGE query
                + "000000000000000a" + "0000000000000014"              // from 10, to 20
                + "7c"                                                 // reverse|latest|FILTER_BY_TS|FILTER_BY_VALUE|AGGREGATION
                + "0000000000000003"                                   // COUNT 3
                + "00000002" + "000000000000000c" + "000000000000000f" // FILTER_BY_TS 12 15
                + "bff8000000000000" + "4000000000000000"              // FILTER_BY_VALUE -1.5 2.0
                + "02" + "01" + "0d"                                   // min, twa
                + "0000000000000005" + "01" + "01"                     // bucket 5, BUCKETTIMESTAMP end, EMPTY
                + "03" + "0000000000000007"                            // ALIGN 7
                + "00" + "00000001" + "00000001" + "61"                // SELECTED_LABELS a
                + "00000002"                                           // two filters
                + "01" + "00000001" + "73" + "00000001" + "00000001" + "78"              // s=x
                + "06" + "00000001" + "76" + "00000002" + "00000001" + "70" + "00000001" + "71" // v!=(p,q)
                + "ffffffff" + "00";                                   // no GROUPBY, no REDUCE
        assertThat(HEX.formatHex(QueryCodec.encode(GOLDEN_QUERY))).isEqualTo(expected);
        assertThat(QueryCodec.decodeMRangeQuery(HEX.parseHex(expected))).isEqualTo(GOLDEN_QUERY);
    }

    @Test
    void mrangePartGoldenBytes() {
        Rows rows = new Rows(1);
        rows.accept(5, new double[] {1.0}, 1);
        MRangePart part = new MRangePart(List.of(
                new SeriesRows(Key.of("k"), Map.of("l", "v"), ValueType.DOUBLE, rows),
                new SeriesRows(Key.of("s"), Map.of(), ValueType.STRING, null)));
        String expected = "01" + "0b" + "00000002"
                + "00000001" + "6b" + "00000001" + "00000001" + "6c" + "00000001" + "76" + "00" + "01"
                + "01" + "00000001" + "0000000000000005" + "3ff0000000000000"
                + "00000001" + "73" + "00000000" + "02" + "00";
        assertThat(HEX.formatHex(QueryCodec.encode(part))).isEqualTo(expected);
        MRangePart back = QueryCodec.decodeMRangePart(HEX.parseHex(expected));
        assertThat(back.series()).hasSize(2);
        assertThat(back.series().get(0).rows()).isEqualTo(rows);
        assertThat(back.series().get(1).rows()).isNull();
        assertThat(back.series().get(1).type()).isEqualTo(ValueType.STRING);
    }

    @Test
    void everyQueryAndResultRoundTrips() {
        MRangeQuery grouped = new MRangeQuery(new RangeQuery(0, Long.MAX_VALUE, true, true, false, false, -1, null, false, 0, 0, null),
                new LabelSelection(true, List.of()), List.of(LabelMatcher.contains("a"), LabelMatcher.notContains("b"),
                LabelMatcher.neq("c", "d"), LabelMatcher.in("e", List.of())), "g", Aggregator.STD_S);
        assertThat(QueryCodec.decodeMRangeQuery(QueryCodec.encode(grouped))).isEqualTo(grouped);

        MGetQuery mget = new MGetQuery(true, LabelSelection.NONE, List.of(LabelMatcher.eq("ü", "€")));
        assertThat(QueryCodec.kind(QueryCodec.encode(mget))).isEqualTo(QueryCodec.Kind.MGET_QUERY);
        assertThat(QueryCodec.decodeMGetQuery(QueryCodec.encode(mget))).isEqualTo(mget);

        IndexQuery index = new IndexQuery(List.of(LabelMatcher.eq("a", "")));
        assertThat(QueryCodec.decodeIndexQuery(QueryCodec.encode(index))).isEqualTo(index);

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("z", "1");
        labels.put("a", "2");
        MGetResult result = new MGetResult(List.of(
                new LastSample(Key.of(new byte[] {0, (byte) 0xff}), labels, ValueType.INT, true, 9, Double.NaN),
                new LastSample(Key.of("e"), Map.of(), ValueType.DOUBLE, false, 0, 0)));
        MGetResult back = QueryCodec.decodeMGetResult(QueryCodec.encode(result));
        assertThat(back).isEqualTo(result);
        assertThat(back.entries().get(0).labels().keySet()).containsExactly("z", "a");

        IndexResult keys = new IndexResult(List.of(Key.of("a"), Key.of("b")));
        assertThat(QueryCodec.decodeIndexResult(QueryCodec.encode(keys))).isEqualTo(keys);
    }

    @Test
    void refusesOtherVersionsKindsAndTruncation() {
        byte[] good = QueryCodec.encode(GOLDEN_QUERY);
        byte[] otherVersion = good.clone();
        otherVersion[0] = 2;
        assertThatThrownBy(() -> QueryCodec.decodeMRangeQuery(otherVersion)).hasMessageContaining("version 2");
        assertThatThrownBy(() -> QueryCodec.decodeMGetQuery(good)).hasMessageContaining("expected MGET_QUERY");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        assertThatThrownBy(() -> QueryCodec.decodeMRangeQuery(truncated)).isInstanceOf(IllegalArgumentException.class);
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> QueryCodec.decodeMRangeQuery(trailing)).hasMessageContaining("trailing");
    }
}
