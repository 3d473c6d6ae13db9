package io.stocktsdb.engine;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.AddResult;
import io.stocktsdb.engine.series.MultiAdd;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static io.stocktsdb.engine.EngineTestSupport.dump;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TS.MADD's runs ({@link MultiAdd}: many series' adds logged as one ADD_RUN record, one seq per
 * sample) give exactly what single adds give, live and after a crash, with checkpoints taken
 * between and during runs.
 */
class MultiAddTest {
    @TempDir
    Path dirRuns;
    @TempDir
    Path dirSingles;

    private static final int SERIES = 24;

    /** Series of every kind a run meets: SUM/LAST/BLOCK/MIN policies, both encodings, retention, a compaction source. */
    private static List<Key> create(Engine e) {
        List<Key> keys = new ArrayList<>();
        DuplicatePolicy[] policies = {DuplicatePolicy.SUM, DuplicatePolicy.LAST, DuplicatePolicy.BLOCK, DuplicatePolicy.MIN};
        for (int i = 0; i < SERIES; i++) {
            Key k = Key.of((i % 2 == 0 ? "stock:" : "iot:") + i);
            SeriesOptions o = EngineTestSupport.small(e, k.toString()).withDuplicatePolicy(policies[i % policies.length]);
            if (i % 3 == 0) o = o.withEncoding(ChunkEncoding.COMPRESSED);
            if (i % 5 == 0) o = o.withRetentionMs(300);
            e.keyspace().createSeries(k, o);
            keys.add(k);
        }
        e.keyspace().createSeries(Key.of("dest"), EngineTestSupport.small(e, "dest"));
        e.compactions().createRule(keys.get(1), Key.of("dest"), Aggregator.SUM, 10, 0, false); // a source: falls back to single adds
        return keys;
    }

    /**
     * Commands of 1-40 samples: mostly appends, some upserts into sealed chunks, duplicates
     * (BLOCK refuses, SUM adds) and samples beyond retention. Every command's results are returned in order.
     */
    private static List<AddResult> load(Engine e, List<Key> keys, long seed, boolean runs, int commands, int checkpointEvery) {
        Random r = new Random(seed);
        List<AddResult> results = new ArrayList<>();
        long[] last = new long[keys.size()];
        for (int c = 0; c < commands; c++) {
            if (checkpointEvery > 0 && c > 0 && c % checkpointEvery == 0) e.checkpoint();
            int n = 1 + r.nextInt(40);
            try (MultiAdd run = e.keyspace().multiAdd()) {
                for (int j = 0; j < n; j++) {
                    int i = r.nextInt(keys.size());
                    Series s = e.keyspace().getSeries(keys.get(i));
                    int kind = r.nextInt(10);
                    long ts = kind < 7 || last[i] < 20 ? ++last[i] + r.nextInt(3) : r.nextInt((int) last[i]);
                    last[i] = Math.max(last[i], ts);
                    long v = bits(r.nextInt(400) / 4.0);
                    results.add(runs ? run.add(s, ts, v) : s.add(ts, v, null, 100, null));
                }
            }
        }
        return results;
    }

    private static Map<String, List<String>> contents(Engine e, List<Key> keys) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Key k : keys) out.put(k.toString(), dump(e.keyspace().getSeries(k), Long.MIN_VALUE, Long.MAX_VALUE));
        out.put("dest", dump(e.keyspace().getSeries(Key.of("dest")), Long.MIN_VALUE, Long.MAX_VALUE));
        return out;
    }

    @Test
    void runsGiveWhatSingleAddsGiveLiveAndAfterCrashes() {
        Engine singles = EngineTestSupport.open(dirSingles);
        List<Key> keys = create(singles);
        List<AddResult> expectedResults = load(singles, keys, 11, false, 400, 150);
        singles.commitAll();
        Map<String, List<String>> expected = contents(singles, keys);
        long expectedSeq = singles.lastAssignedSeq();
        long singleRecordBytes = singles.persistenceStats().opLogBytes();
        EngineTestSupport.crash(singles);

        Engine runs = EngineTestSupport.open(dirRuns);
        create(runs);
        assertThat(load(runs, keys, 11, true, 400, 150)).isEqualTo(expectedResults);
        assertThat(expectedResults).contains(AddResult.BLOCKED, AddResult.TOO_OLD, AddResult.ADDED, AddResult.UPDATED);
        assertThat(contents(runs, keys)).isEqualTo(expected);
        assertThat(runs.lastAssignedSeq()).as("one seq per logged sample").isEqualTo(expectedSeq);
        runs.commitAll();
        assertThat(runs.persistenceStats().opLogBytes()).as("the runs were logged as ADD_RUN records")
                .isLessThan(singleRecordBytes / 2);
        EngineTestSupport.crash(runs);

        try (Engine again = EngineTestSupport.open(dirRuns)) {
            assertThat(again.persistenceStats().replayedOps()).isGreaterThan(0);
            assertThat(contents(again, keys)).isEqualTo(expected);
            assertThat(again.lastAssignedSeq()).isEqualTo(expectedSeq);
            EngineTestSupport.crash(again); // a second crash before any checkpoint replays the same log again
        }
        try (Engine third = EngineTestSupport.open(dirRuns)) {
            assertThat(contents(third, keys)).isEqualTo(expected);
            third.checkpoint();
        }
        try (Engine fourth = EngineTestSupport.open(dirRuns)) {
            assertThat(fourth.persistenceStats().replayedOps()).isZero();
            assertThat(contents(fourth, keys)).isEqualTo(expected);
        }
    }

    @Test
    void aSeriesDeletedAndCreatedAgainGetsOnlyItsOwnSamplesBack() {
        Engine e = EngineTestSupport.open(dirRuns);
        Key k = Key.of("stock:x");
        Series old = e.keyspace().createSeries(k, EngineTestSupport.small(e, "stock:x"));
        try (MultiAdd run = e.keyspace().multiAdd()) {
            for (int t = 1; t <= 30; t++) assertThat(run.add(old, t, bits(t))).isEqualTo(AddResult.ADDED);
        }
        assertThat(e.keyspace().delete(k)).isTrue();
        try (MultiAdd run = e.keyspace().multiAdd()) {
            assertThat(run.add(old, 31, bits(31))).isEqualTo(AddResult.REMOVED);
        }
        Series fresh = e.keyspace().createSeries(k, EngineTestSupport.small(e, "stock:x"));
        try (MultiAdd run = e.keyspace().multiAdd()) {
            for (int t = 100; t < 105; t++) assertThat(run.add(fresh, t, bits(-t))).isEqualTo(AddResult.ADDED);
        }
        List<String> expected = dump(fresh, 0, 1000);
        assertThat(expected).hasSize(5);
        EngineTestSupport.crash(e);
        try (Engine e2 = EngineTestSupport.open(dirRuns)) {
            assertThat(dump(e2.keyspace().getSeries(k), 0, 1000)).isEqualTo(expected);
        }
    }

    /** A writer thread's runs while another thread checkpoints over and over: every sample replays exactly once. */
    @Test
    void runsRacingCheckpointsReplayExactlyOnce() throws Exception {
        Engine e = EngineTestSupport.open(dirRuns);
        List<Series> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(e.keyspace().createSeries(Key.of("s" + i), EngineTestSupport.doubles(e, "s" + i).withDuplicatePolicy(DuplicatePolicy.SUM)));
        }
        AtomicBoolean done = new AtomicBoolean();
        Thread checkpoints = new Thread(() -> {
            while (!done.get()) e.checkpoint();
        });
        checkpoints.start();
        try {
            for (int round = 0; round < 3_000; round++) {
                try (MultiAdd run = e.keyspace().multiAdd()) {
                    for (Series s : all) {
                        run.add(s, round, bits(1));
                        if (round % 7 == 3) run.add(s, round - 2, bits(0.5)); // SUM upsert: a double replay would show
                    }
                }
                e.commitAll();
            }
        } finally {
            done.set(true);
            checkpoints.join();
        }
        Map<String, List<String>> before = new LinkedHashMap<>();
        for (Series s : all) before.put(s.key().toString(), dump(s, 0, 10_000));
        EngineTestSupport.crash(e);
        try (Engine e2 = EngineTestSupport.open(dirRuns)) {
            for (Series s : all) {
                assertThat(dump(e2.keyspace().getSeries(s.key()), 0, 10_000)).as(s.key().toString()).isEqualTo(before.get(s.key().toString()));
            }
        }
    }
}
