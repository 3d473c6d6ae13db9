package io.stocktsdb.engine;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.AddResult;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesInfo;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static io.stocktsdb.engine.EngineTestSupport.dump;
import static io.stocktsdb.engine.EngineTestSupport.dumpReverse;
import static org.assertj.core.api.Assertions.assertThat;

class SeriesSemanticsTest {
    @TempDir
    Path dir;
    Engine engine;

    @BeforeEach
    void open() {
        engine = EngineTestSupport.open(dir);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Series create(String key, SeriesOptions o) {
        Series s = engine.keyspace().createSeries(Key.of(key), o);
        assertThat(s).isNotNull();
        return s;
    }

    /** 256-byte test chunks hold 14 samples. */
    private SeriesOptions small(String key) {
        return EngineTestSupport.small(engine, key);
    }

    @Test
    void appendsAcrossChunksAndReadsBothWays() {
        Series s = create("t:a", small("t:a"));
        for (int i = 1; i <= 100; i++) assertThat(s.add(i * 10L, bits(i), null, 100, null)).isEqualTo(AddResult.ADDED);
        assertThat(dump(s, 0, Long.MAX_VALUE)).hasSize(100).startsWith("10=1.0", "20=2.0").endsWith("1000=100.0");
        assertThat(dump(s, 255, 305)).containsExactly("260=26.0", "270=27.0", "280=28.0", "290=29.0", "300=30.0");
        assertThat(dumpReverse(s, 255, 305)).containsExactly("300=30.0", "290=29.0", "280=28.0", "270=27.0", "260=26.0");
        SeriesInfo info = s.info(true);
        assertThat(info.totalSamples()).isEqualTo(100);
        assertThat(info.firstTimestamp()).isEqualTo(10);
        assertThat(info.lastTimestamp()).isEqualTo(1000);
        assertThat(info.chunkCount()).isEqualTo(8); // 7 full chunks of 14 + head with 2
        assertThat(info.chunks()).hasSize(8);
        assertThat(info.chunks().get(0).samples()).isEqualTo(14);
        assertThat(info.chunks().get(7).startTimestamp()).isEqualTo(990);
        // Sealed chunks are read back from disk after a checkpoint.
        engine.checkpoint();
        assertThat(dump(s, 0, Long.MAX_VALUE)).hasSize(100).contains("500=50.0");
        assertThat(dumpReverse(s, 0, Long.MAX_VALUE).get(99)).isEqualTo("10=1.0");
    }

    /**
     * Descending reads decode each chunk forwards and return it back to front: in-memory chunks
     * (copied under the lock), disk chunks (after a checkpoint), ranges that cut chunks, strings.
     */
    @Test
    void descendingRangesAreTheAscendingOnesReversed() {
        Series s = create("t:rev", doubles("t:rev").withChunkSizeBytes(128));
        Series str = create("t:revstr", engine.defaultSeriesOptions(Key.of("t:revstr"), ValueType.STRING).withChunkSizeBytes(128));
        for (int i = 1; i <= 600; i++) {
            assertThat(s.add(i * 7L, bits(i * 0.25 - (i % 3)), null, 100 - i % 2, null)).isEqualTo(AddResult.ADDED);
            assertThat(str.add(i * 7L, 0, ("v" + i).getBytes(StandardCharsets.UTF_8), 100, null)).isEqualTo(AddResult.ADDED);
        }
        assertThat(s.info(false).chunkCount()).isGreaterThan(5);
        long[][] ranges = {{0, Long.MAX_VALUE}, {100, 3000}, {701, 702}, {7, 7}, {4200, 4200}, {4201, 9000}, {5000, 1000}};
        for (int round = 0; round < 2; round++) {
            for (long[] r : ranges) {
                for (Series x : List.of(s, str)) {
                    List<String> reversed = new ArrayList<>(dump(x, r[0], r[1]));
                    java.util.Collections.reverse(reversed);
                    assertThat(dumpReverse(x, r[0], r[1])).as("%s %d..%d round %d", x.key(), r[0], r[1], round).isEqualTo(reversed);
                }
            }
            assertThat(dumpReverse(s, 0, Long.MAX_VALUE)).hasSize(600).startsWith("4200=" + (150.0 - 0)).endsWith("7=" + (0.25 - 1));
            engine.checkpoint(); // round 2: the sealed chunks come from disk
        }
    }

    private SeriesOptions doubles(String key) {
        return EngineTestSupport.doubles(engine, key);
    }

    @Test
    void emptySeriesHasOneChunkAndZeroTimestamps() {
        Series s = create("t:empty", small("t:empty"));
        SeriesInfo info = s.info(false);
        assertThat(info.chunkCount()).isEqualTo(1);
        assertThat(info.totalSamples()).isZero();
        assertThat(info.firstTimestamp()).isZero();
        assertThat(info.lastTimestamp()).isZero();
        assertThat(s.last()).isNull();
        assertThat(dump(s, 0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void duplicatePolicies() {
        Series s = create("t:dup", small("t:dup"));
        for (int i = 1; i <= 30; i++) s.add(i, bits(i), null, 100, null);
        assertThat(s.add(5, bits(100), null, 100, null)).isEqualTo(AddResult.BLOCKED); // default BLOCK
        assertThat(s.add(5, bits(100), null, 100, DuplicatePolicy.FIRST)).isEqualTo(AddResult.UPDATED);
        assertThat(s.add(6, bits(100), null, 100, DuplicatePolicy.LAST)).isEqualTo(AddResult.UPDATED);
        assertThat(s.add(7, bits(3), null, 100, DuplicatePolicy.MIN)).isEqualTo(AddResult.UPDATED);
        assertThat(s.add(8, bits(3), null, 100, DuplicatePolicy.MAX)).isEqualTo(AddResult.UPDATED);
        assertThat(s.add(9, bits(0.5), null, 100, DuplicatePolicy.SUM)).isEqualTo(AddResult.UPDATED);
        assertThat(s.add(30, bits(0.25), null, 100, DuplicatePolicy.SUM)).isEqualTo(AddResult.UPDATED);
        assertThat(dump(s, 5, 9)).containsExactly("5=5.0", "6=100.0", "7=3.0", "8=8.0", "9=9.5");
        assertThat(s.last()).isEqualTo(new Sample(30, bits(30.25), null, 100));
        assertThat(s.info(false).totalSamples()).isEqualTo(30);
    }

    @Test
    void outOfOrderInsertIsAllowedUnderBlockAndSplitsOversizedChunks() {
        Series s = create("t:ooo", small("t:ooo"));
        for (int i = 0; i < 28; i++) s.add(i * 100L, bits(i), null, 100, null); // two full chunks
        for (int j = 1; j <= 10; j++) assertThat(s.add(j, bits(-j), null, 100, null)).isEqualTo(AddResult.ADDED);
        assertThat(s.add(-50, bits(-50), null, 100, null)).isEqualTo(AddResult.ADDED); // before every chunk
        assertThat(s.info(false).totalSamples()).isEqualTo(39);
        assertThat(s.info(false).firstTimestamp()).isEqualTo(-50);
        assertThat(s.info(false).chunkCount()).isEqualTo(3); // sealed [0..1300] split in two, + the head
        List<String> all = dump(s, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(all).hasSize(39).startsWith("-50=-50.0", "0=0.0", "1=-1.0", "2=-2.0");
        List<Long> ts = new ArrayList<>();
        for (String x : all) ts.add(Long.parseLong(x.substring(0, x.indexOf('='))));
        assertThat(ts).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void retentionRejectsOldSamplesClampsReadsAndTrimsWholeChunks() {
        Series s = create("t:ret", small("t:ret").withRetentionMs(100));
        for (int i = 0; i <= 50; i++) s.add(i * 10L, bits(i), null, 100, null); // lastTs 500
        assertThat(s.add(399, bits(1), null, 100, DuplicatePolicy.LAST)).isEqualTo(AddResult.TOO_OLD);
        assertThat(s.add(400, bits(1), null, 100, DuplicatePolicy.LAST)).isEqualTo(AddResult.UPDATED); // == lastTs - retention
        assertThat(dump(s, 0, 1000)).containsExactly("400=1.0", "410=41.0", "420=42.0", "430=43.0", "440=44.0",
                "450=45.0", "460=46.0", "470=47.0", "480=48.0", "490=49.0", "500=50.0");
        SeriesInfo info = s.info(false);
        assertThat(info.totalSamples()).isEqualTo(11);
        assertThat(info.firstTimestamp()).isEqualTo(400);
        // Chunks ending before 400 were freed when new chunks started: [0..130] .. [280..410] sealed,
        // trimming keeps the chunk holding 400.
        assertThat(info.chunkCount()).isEqualTo(2);
    }

    @Test
    void ignoreFilterDropsNearDuplicatesUnderLast() {
        SeriesOptions o = small("t:ign").withDuplicatePolicy(DuplicatePolicy.LAST).withIgnore(10, 0.5);
        Series s = create("t:ign", o);
        assertThat(s.add(100, bits(1.0), null, 100, null)).isEqualTo(AddResult.ADDED);
        assertThat(s.add(105, bits(1.4), null, 100, null)).isEqualTo(AddResult.IGNORED);
        assertThat(s.add(111, bits(1.4), null, 100, null)).isEqualTo(AddResult.ADDED); // time diff 11 > 10
        assertThat(s.add(115, bits(2.0), null, 100, null)).isEqualTo(AddResult.ADDED); // value diff 0.6 > 0.5
        assertThat(s.add(115, bits(2.0), null, 100, DuplicatePolicy.BLOCK)).isEqualTo(AddResult.BLOCKED); // filter only under LAST
        assertThat(s.lastTimestamp()).isEqualTo(115);
        assertThat(dump(s, 0, 1000)).containsExactly("100=1.0", "111=1.4", "115=2.0");
    }

    @Test
    void deleteRangeAcrossChunkBoundaries() {
        Series s = create("t:del", small("t:del"));
        for (int i = 1; i <= 60; i++) s.add(i, bits(i), null, 100, null);
        engine.checkpoint(); // sealed chunks now on disk only
        assertThat(s.deleteRange(10, 45)).isEqualTo(36);
        assertThat(s.deleteRange(10, 45)).isZero();
        assertThat(dump(s, 0, 100)).hasSize(24).contains("9=9.0", "46=46.0").doesNotContain("10=10.0", "45=45.0");
        assertThat(s.deleteRange(55, 100)).isEqualTo(6);
        assertThat(s.last().timestamp()).isEqualTo(54);
        assertThat(s.info(false).totalSamples()).isEqualTo(18);
        assertThat(s.add(55, bits(555), null, 100, null)).isEqualTo(AddResult.ADDED);
        assertThat(dump(s, 50, 100)).containsExactly("50=50.0", "51=51.0", "52=52.0", "53=53.0", "54=54.0", "55=555.0");
    }

    @Test
    void stringAndHashSeriesKeepBytes() {
        Series s = create("t:str", engine.defaultSeriesOptions(Key.of("t:str"), ValueType.STRING));
        byte[] v1 = "{\"open\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(s.add(1, 0, v1, 50, null)).isEqualTo(AddResult.ADDED);
        assertThat(s.add(2, 0, "b".getBytes(StandardCharsets.UTF_8), 100, null)).isEqualTo(AddResult.ADDED);
        assertThat(dump(s, 0, 10)).containsExactly("1={\"open\":1}", "2=b");
        assertThat(s.last().quality()).isEqualTo(100);
    }

    @Test
    void businessRoutingAndStats() {
        Series s = create("stock:AAPL", small("stock:AAPL"));
        assertThat(s.business().name()).isEqualTo("stock_quotes");
        assertThat(engine.keyspace().businessOf(Key.of("iot:x")).name()).isEqualTo("iot_data");
        assertThat(engine.keyspace().businessOf(Key.of("other")).name()).isEqualTo("default");
        for (int i = 0; i < 5; i++) s.add(i, bits(i), null, 100, null);
        var row = engine.businessStats().stream().filter(r -> r.business().equals("stock_quotes")).findFirst().orElseThrow();
        assertThat(row.keys()).isEqualTo(1);
        assertThat(row.samples()).isEqualTo(5);
        assertThat(row.writes()).isEqualTo(5);
        assertThat(row.prefix()).isEqualTo("stock:");
    }

    @Test
    void alterKeepsTypeAndEncodingAndReplacesLabels() {
        Series s = create("t:alt", small("t:alt").withLabels(java.util.Map.of("a", "1")));
        SeriesOptions changed = s.options().withRetentionMs(5000).withLabels(java.util.Map.of("b", "2"));
        assertThat(s.alter(changed)).isTrue();
        assertThat(s.options().retentionMs()).isEqualTo(5000);
        assertThat(s.options().labels()).containsExactly(java.util.Map.entry("b", "2"));
        assertThat(s.options().valueType()).isEqualTo(ValueType.DOUBLE);
    }
}
