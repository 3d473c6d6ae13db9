package io.stocktsdb.engine;

import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyType;
import io.stocktsdb.engine.keyspace.SetMode;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static io.stocktsdb.engine.EngineTestSupport.dump;
import static org.assertj.core.api.Assertions.assertThat;

class RecoveryTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SeriesOptions small(Engine e, String key) {
        return EngineTestSupport.small(e, key);
    }

    /** Every series' full content, by key. */
    private static Map<String, List<String>> contents(Engine e, List<String> keys) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String k : keys) {
            Series s = e.keyspace().getSeries(Key.of(k));
            out.put(k, s == null ? null : dump(s, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        return out;
    }

    /** A mixed workload: appends over many chunks, SUM upserts and out-of-order inserts into sealed chunks, deletes. */
    private static List<String> workload(Engine e, int seriesCount, int samples, long seed, boolean checkpointHalfway) {
        Random r = new Random(seed);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < seriesCount; i++) {
            String k = (i % 3 == 0 ? "stock:" : i % 3 == 1 ? "iot:" : "x") + i;
            keys.add(k);
            SeriesOptions o = small(e, k).withDuplicatePolicy(DuplicatePolicy.SUM);
            e.keyspace().createSeries(Key.of(k), i % 2 == 0 ? o.withEncoding(ChunkEncoding.COMPRESSED) : o);
        }
        for (int n = 0; n < samples; n++) {
            if (checkpointHalfway && n == samples / 2) e.checkpoint();
            Series s = e.keyspace().getSeries(Key.of(keys.get(r.nextInt(seriesCount))));
            long last = s.lastTimestamp();
            int kind = r.nextInt(10);
            if (kind < 7 || last < 10) {
                s.add(last + 1 + r.nextInt(5), bits(r.nextInt(1000) / 4.0), null, 100, null);
            } else if (kind < 9) {
                s.add(r.nextInt((int) last), bits(0.25), null, 100, null); // SUM upsert or out-of-order insert
            } else {
                long from = r.nextInt((int) last);
                s.deleteRange(from, from + r.nextInt(5));
            }
        }
        return keys;
    }

    @Test
    void cleanReopenRestoresEverything() {
        Map<String, List<String>> before;
        List<String> keys;
        Map<String, Object> infos = new LinkedHashMap<>();
        try (Engine e = EngineTestSupport.open(dir)) {
            keys = workload(e, 30, 20_000, 1, true);
            e.keyspace().setString(Key.of("meta:a"), b("hello"), -1, SetMode.ALWAYS, false, false);
            e.keyspace().setString(Key.of("meta:ttl"), b("x"), System.currentTimeMillis() + 3_600_000, SetMode.ALWAYS, false, false);
            before = contents(e, keys);
            for (String k : keys) infos.put(k, summary(e, k));
        }
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(e.persistenceStats().replayedOps()).isZero();
            assertThat(contents(e, keys)).isEqualTo(before);
            for (String k : keys) assertThat(summary(e, k)).as(k).isEqualTo(infos.get(k));
            assertThat(e.keyspace().getString(Key.of("meta:a"))).isEqualTo(b("hello"));
            assertThat(e.keyspace().expireAtMs(Key.of("meta:ttl"))).isGreaterThan(System.currentTimeMillis());
            assertThat(e.keyspace().size()).isEqualTo(32);
            assertThat(e.keyspace().getSeries(Key.of("stock:0")).business().name()).isEqualTo("stock_quotes");
        }
    }

    private static String summary(Engine e, String k) {
        var i = e.keyspace().getSeries(Key.of(k)).info(false);
        return i.totalSamples() + "/" + i.firstTimestamp() + "/" + i.lastTimestamp() + "/" + i.options();
    }

    @Test
    void crashWithoutAnyCheckpointReplaysTheWholeLog() {
        Map<String, List<String>> before;
        List<String> keys;
        Engine e = EngineTestSupport.open(dir);
        keys = workload(e, 10, 5_000, 2, false);
        before = contents(e, keys);
        long seq = e.lastAssignedSeq();
        EngineTestSupport.crash(e);
        try (Engine e2 = EngineTestSupport.open(dir)) {
            assertThat(e2.persistenceStats().replayedOps()).isEqualTo(seq);
            assertThat(contents(e2, keys)).isEqualTo(before);
            assertThat(e2.lastAssignedSeq()).isEqualTo(seq);
        }
    }

    @Test
    void crashAfterCheckpointReplaysOnlyTheTailExactlyIncludingSumUpserts() {
        Map<String, List<String>> before;
        List<String> keys;
        Engine e = EngineTestSupport.open(dir);
        keys = workload(e, 10, 6_000, 3, true);
        // SUM upserts into sealed chunks after the checkpoint: replaying twice would double them.
        Series s = e.keyspace().getSeries(Key.of(keys.get(0)));
        assertThat(s.info(false).chunkCount()).isGreaterThan(3);
        s.add(2, bits(1000), null, 100, null);
        s.add(2, bits(1000), null, 100, null);
        before = contents(e, keys);
        EngineTestSupport.crash(e);
        try (Engine e2 = EngineTestSupport.open(dir)) {
            assertThat(e2.persistenceStats().replayedOps()).isGreaterThan(0);
            assertThat(contents(e2, keys)).isEqualTo(before);
            // A second crash right after recovery (before any new checkpoint) must give the same.
            EngineTestSupport.crash(e2);
        }
        try (Engine e3 = EngineTestSupport.open(dir)) {
            assertThat(contents(e3, keys)).isEqualTo(before);
            e3.checkpoint();
        }
        try (Engine e4 = EngineTestSupport.open(dir)) {
            assertThat(e4.persistenceStats().replayedOps()).isZero();
            assertThat(contents(e4, keys)).isEqualTo(before);
        }
    }

    @Test
    void renameAndDeleteOfSeriesAndStringsPersistAcrossCleanAndCrashRestarts() {
        Engine e = EngineTestSupport.open(dir);
        var ks = e.keyspace();
        Series a = ks.createSeries(Key.of("stock:A"), small(e, "stock:A"));
        for (int i = 0; i < 100; i++) a.add(i, bits(i), null, 100, null);
        Series gone = ks.createSeries(Key.of("iot:gone"), small(e, "iot:gone"));
        for (int i = 0; i < 50; i++) gone.add(i, bits(i), null, 100, null);
        ks.setString(Key.of("s1"), b("v1"), -1, SetMode.ALWAYS, false, false);
        ks.setString(Key.of("s2"), b("v2"), -1, SetMode.ALWAYS, false, false);
        e.checkpoint(); // everything on disk under the old names
        assertThat(ks.rename(Key.of("stock:A"), Key.of("iot:B"))).isTrue(); // new slot and new business
        assertThat(ks.delete(Key.of("iot:gone"))).isTrue();
        assertThat(ks.rename(Key.of("s1"), Key.of("s3"))).isTrue();
        assertThat(ks.delete(Key.of("s2"))).isTrue();
        Series b = ks.getSeries(Key.of("iot:B"));
        b.add(100, bits(100), null, 100, null);
        List<String> expected = dump(b, 0, 1000);
        assertThat(expected).hasSize(101);
        EngineTestSupport.crash(e);

        Engine e2 = EngineTestSupport.open(dir);
        assertRenamed(e2, expected);
        e2.checkpoint(); // now the rename and deletes are applied on disk
        e2.close();
        try (Engine e3 = EngineTestSupport.open(dir)) {
            assertThat(e3.persistenceStats().replayedOps()).isZero();
            assertRenamed(e3, expected);
            var iot = e3.businessStats().stream().filter(r -> r.business().equals("iot_data")).findFirst().orElseThrow();
            assertThat(iot.keys()).isEqualTo(1);
            assertThat(iot.samples()).isEqualTo(101);
            var stock = e3.businessStats().stream().filter(r -> r.business().equals("stock_quotes")).findFirst().orElseThrow();
            assertThat(stock.keys()).isZero();
        }
    }

    private static void assertRenamed(Engine e, List<String> expected) {
        var ks = e.keyspace();
        assertThat(ks.type(Key.of("stock:A"))).isEqualTo(KeyType.NONE);
        assertThat(ks.type(Key.of("iot:gone"))).isEqualTo(KeyType.NONE);
        assertThat(ks.type(Key.of("s1"))).isEqualTo(KeyType.NONE);
        assertThat(ks.type(Key.of("s2"))).isEqualTo(KeyType.NONE);
        assertThat(ks.getString(Key.of("s3"))).isEqualTo(b("v1"));
        Series b = ks.getSeries(Key.of("iot:B"));
        assertThat(b.business().name()).isEqualTo("iot_data");
        assertThat(dump(b, 0, 1000)).isEqualTo(expected);
        assertThat(ks.size()).isEqualTo(2);
    }

    @Test
    void deletedSeriesChunksAreRemovedAndIdsNeverReused() {
        long firstId;
        try (Engine e = EngineTestSupport.open(dir)) {
            Series s = e.keyspace().createSeries(Key.of("k"), small(e, "k"));
            firstId = s.id();
            for (int i = 0; i < 100; i++) s.add(i, bits(i), null, 100, null);
            e.checkpoint();
            e.keyspace().delete(Key.of("k"));
        }
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(e.keyspace().size()).isZero();
            Series s = e.keyspace().createSeries(Key.of("k"), small(e, "k"));
            assertThat(s.id()).isGreaterThan(firstId);
            assertThat(dump(s, 0, 1000)).isEmpty();
            var row = e.businessStats().stream().filter(r -> r.business().equals("default")).findFirst().orElseThrow();
            assertThat(row.samples()).isZero();
        }
    }

    @Test
    void flushAllIsPersisted() {
        Engine e = EngineTestSupport.open(dir);
        Series s = e.keyspace().createSeries(Key.of("a"), small(e, "a"));
        for (int i = 0; i < 40; i++) s.add(i, bits(i), null, 100, null);
        e.keyspace().setString(Key.of("s"), b("v"), -1, SetMode.ALWAYS, false, false);
        e.checkpoint();
        e.keyspace().flushAll();
        e.keyspace().setString(Key.of("after"), b("1"), -1, SetMode.ALWAYS, false, false);
        EngineTestSupport.crash(e);
        try (Engine e2 = EngineTestSupport.open(dir)) {
            assertThat(e2.keyspace().keys(b("*"))).containsExactly(Key.of("after"));
        }
        try (Engine e3 = EngineTestSupport.open(dir)) {
            assertThat(e3.keyspace().keys(b("*"))).containsExactly(Key.of("after"));
        }
    }

    @Test
    void retentionTrimmingIsPersisted() {
        try (Engine e = EngineTestSupport.open(dir)) {
            Series s = e.keyspace().createSeries(Key.of("r"), small(e, "r").withRetentionMs(50));
            for (int i = 0; i < 30; i++) s.add(i * 10L, bits(i), null, 100, null);
            e.checkpoint();
            for (int i = 30; i < 60; i++) s.add(i * 10L, bits(i), null, 100, null);
        }
        try (Engine e = EngineTestSupport.open(dir)) {
            Series s = e.keyspace().getSeries(Key.of("r"));
            assertThat(dump(s, 0, 10_000)).containsExactly("540=54.0", "550=55.0", "560=56.0", "570=57.0", "580=58.0", "590=59.0");
            assertThat(s.info(false).chunkCount()).isEqualTo(2); // chunks ending before 540 were trimmed
        }
    }

    @Test
    void alterAndLabelsArePersisted() {
        Engine e = EngineTestSupport.open(dir);
        Series s = e.keyspace().createSeries(Key.of("l"), small(e, "l").withLabels(Map.of("sym", "AAPL")));
        s.alter(s.options().withLabels(Map.of("sym", "MSFT", "venue", "X")).withDuplicatePolicy(DuplicatePolicy.MAX));
        EngineTestSupport.crash(e);
        try (Engine e2 = EngineTestSupport.open(dir)) {
            SeriesOptions o = e2.keyspace().getSeries(Key.of("l")).options();
            assertThat(o.labels()).containsEntry("sym", "MSFT").containsEntry("venue", "X").hasSize(2);
            assertThat(o.duplicatePolicy()).isEqualTo(DuplicatePolicy.MAX);
        }
    }
}
