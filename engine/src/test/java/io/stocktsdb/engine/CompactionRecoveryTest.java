package io.stocktsdb.engine;

import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.chunk.Sample;
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

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static io.stocktsdb.engine.EngineTestSupport.dump;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule state survives restarts exactly: a crashed engine, reopened, holds the same destination
 * samples and open buckets as before the crash, and then goes on exactly like an engine that
 * never stopped.
 */
class CompactionRecoveryTest {
    @TempDir
    Path crashed;
    @TempDir
    Path straight;

    /** Rules of "src": every aggregator once, odd buckets, an alignment, and a bucket wider than the retention. */
    private static final Aggregator[] AGGS = Aggregator.values();

    private static void setUp(Engine e) {
        SeriesOptions o = EngineTestSupport.small(e, "src").withDuplicatePolicy(DuplicatePolicy.SUM).withRetentionMs(400);
        e.keyspace().createSeries(Key.of("src"), o);
        for (int i = 0; i < AGGS.length; i++) {
            String d = "d" + i;
            e.keyspace().createSeries(Key.of(d), EngineTestSupport.small(e, d));
            long bucket = i == 0 ? 1000 : 37 + 11 * i; // d0: one bucket spans more than the 400 ms retention
            e.compactions().createRule(Key.of("src"), Key.of(d), AGGS[i], bucket, i % 3 == 0 ? 5 : 0, false);
        }
    }

    /** Appends, SUM upserts, out-of-order inserts and deletes (inside the retention window). */
    private static void workload(Engine e, long seed, int ops, int checkpointAt) {
        Random r = new Random(seed);
        Series s = e.keyspace().getSeries(Key.of("src"));
        for (int n = 0; n < ops; n++) {
            if (n == checkpointAt) e.checkpoint();
            long last = s.lastTimestamp();
            int kind = r.nextInt(20);
            if (kind < 15 || last < 500) {
                s.add(last + 1 + r.nextInt(30), bits(r.nextInt(2000) / 8.0), null, 100, null);
            } else if (kind < 19) {
                s.add(last - r.nextInt(120), bits(r.nextInt(100) / 4.0), null, 100, null);
            } else {
                long from = last - 100 - r.nextInt(100);
                try {
                    s.deleteRange(from, from + r.nextInt(60));
                } catch (TsdbException refused) {
                    // the 1000 ms rule's bucket starts before the retention window: RTS refuses too
                }
            }
        }
    }

    private static Map<String, Object> state(Engine e) {
        Map<String, Object> out = new LinkedHashMap<>();
        Series src = e.keyspace().getSeries(Key.of("src"));
        out.put("src", dump(src, Long.MIN_VALUE, Long.MAX_VALUE));
        out.put("rules", src.options().rules().stream().map(RuleSpec::destKey).map(Key::toString).toList());
        for (int i = 0; i < AGGS.length; i++) {
            Key d = Key.of("d" + i);
            out.put("d" + i, dump(e.keyspace().getSeries(d), Long.MIN_VALUE, Long.MAX_VALUE));
            out.put("d" + i + ".source", String.valueOf(e.keyspace().getSeries(d).options().sourceKey()));
            Sample l = e.compactions().latest(d);
            out.put("d" + i + ".latest", l == null ? "none" : l.timestamp() + "=" + Double.longBitsToDouble(l.valueBits()));
        }
        return out;
    }

    private static void crashAndCompare(Path crashedDir, Path straightDir, long seed, int ops, int checkpointAt) {
        Engine a = EngineTestSupport.open(crashedDir);
        Engine b = EngineTestSupport.open(straightDir);
        setUp(a);
        setUp(b);
        workload(a, seed, ops, checkpointAt);
        workload(b, seed, ops, -1);
        Map<String, Object> before = state(a);
        assertThat(state(b)).isEqualTo(before);
        assertThat(((List<?>) before.get("d1")).size()).isGreaterThan(50);
        EngineTestSupport.crash(a);

        a = EngineTestSupport.open(crashedDir);
        assertThat(a.persistenceStats().replayedOps()).isGreaterThan(0);
        assertThat(state(a)).isEqualTo(before);
        // The rules' open buckets carry on exactly: the same further workload, the same result.
        workload(a, seed + 1, ops / 2, -1);
        workload(b, seed + 1, ops / 2, -1);
        Map<String, Object> after = state(b);
        assertThat(state(a)).isEqualTo(after);
        EngineTestSupport.crash(a);
        b.close();

        try (Engine c = EngineTestSupport.open(crashedDir)) {
            assertThat(state(c)).isEqualTo(after);
        }
        try (Engine c = EngineTestSupport.open(crashedDir)) {
            assertThat(c.persistenceStats().replayedOps()).isZero(); // the clean close checkpointed
            assertThat(state(c)).isEqualTo(after);
        }
    }

    @Test
    void crashWithoutCheckpointReplaysRulesExactly() {
        crashAndCompare(crashed, straight, 11, 4000, -1);
    }

    @Test
    void crashAfterACheckpointRestoresRuleStateAndReplaysTheTail() {
        crashAndCompare(crashed, straight, 12, 4000, 2500);
    }

    @Test
    void linksChangedByKeyOperationsSurviveACrash() {
        Engine e = EngineTestSupport.open(crashed);
        var ks = e.keyspace();
        for (String k : List.of("s1", "d1", "s2", "d2", "d3")) ks.createSeries(Key.of(k), EngineTestSupport.doubles(e, k));
        e.compactions().createRule(Key.of("s1"), Key.of("d1"), Aggregator.SUM, 10, 0, false);
        e.compactions().createRule(Key.of("s2"), Key.of("d2"), Aggregator.SUM, 10, 0, false);
        e.compactions().createRule(Key.of("s2"), Key.of("d3"), Aggregator.MAX, 10, 0, true);
        e.checkpoint();
        ks.rename(Key.of("s1"), Key.of("s1b"));
        ks.rename(Key.of("d1"), Key.of("d1b"));
        ks.delete(Key.of("d2"));
        e.compactions().deleteRule(Key.of("s2"), Key.of("d3"));
        Series s1 = ks.getSeries(Key.of("s1b"));
        s1.add(1, bits(2), null, 100, null);
        s1.add(12, bits(3), null, 100, null);
        EngineTestSupport.crash(e);

        try (Engine e2 = EngineTestSupport.open(crashed)) {
            var ks2 = e2.keyspace();
            assertThat(ks2.getSeries(Key.of("s1b")).options().rules()).extracting(RuleSpec::destKey).containsExactly(Key.of("d1b"));
            assertThat(ks2.getSeries(Key.of("d1b")).options().sourceKey()).isEqualTo(Key.of("s1b"));
            assertThat(dump(ks2.getSeries(Key.of("d1b")), 0, 100)).containsExactly("0=2.0");
            Sample l = e2.compactions().latest(Key.of("d1b"));
            assertThat(l.timestamp() + "=" + Double.longBitsToDouble(l.valueBits())).isEqualTo("10=3.0");
            assertThat(ks2.getSeries(Key.of("s2")).options().rules()).isEmpty();
            assertThat(ks2.getSeries(Key.of("d3")).options().sourceKey()).isNull();
        }
    }

    @Test
    void backfillIsDurableAsOneUnit() {
        Engine e = EngineTestSupport.open(crashed);
        Series src = e.keyspace().createSeries(Key.of("src"), EngineTestSupport.doubles(e, "src"));
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < 1000; t++) src.add(t, bits(t % 7), null, 100, null);
        e.keyspace().createSeries(Key.of("dst"), EngineTestSupport.small(e, "dst"));
        e.compactions().createRule(Key.of("src"), Key.of("dst"), Aggregator.SUM, 100, 0, true);
        expected.addAll(dump(e.keyspace().getSeries(Key.of("dst")), 0, 10_000));
        assertThat(expected).hasSize(9);
        EngineTestSupport.crash(e);
        try (Engine e2 = EngineTestSupport.open(crashed)) {
            assertThat(dump(e2.keyspace().getSeries(Key.of("dst")), 0, 10_000)).isEqualTo(expected);
            Sample l = e2.compactions().latest(Key.of("dst"));
            assertThat(l.timestamp()).isEqualTo(900);
        }
    }
}
