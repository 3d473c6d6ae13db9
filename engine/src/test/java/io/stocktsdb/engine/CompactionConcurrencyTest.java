package io.stocktsdb.engine;

import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sources writing into destinations while clients write the destinations directly, rename and
 * delete them and change rules: nothing deadlocks and the links end up consistent on both sides,
 * live and after a crash.
 */
class CompactionConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentWritesAndKeyOperationsKeepLinksConsistent() throws Exception {
        Engine e = EngineTestSupport.open(dir);
        var ks = e.keyspace();
        var rules = e.compactions();
        for (String k : List.of("s1", "s2", "d1", "d2", "d3")) {
            ks.createSeries(Key.of(k), EngineTestSupport.doubles(e, k).withDuplicatePolicy(DuplicatePolicy.LAST));
        }
        rules.createRule(Key.of("s1"), Key.of("d1"), Aggregator.AVG, 10, 0, false);
        rules.createRule(Key.of("s1"), Key.of("d2"), Aggregator.MAX, 7, 0, false);
        rules.createRule(Key.of("s2"), Key.of("d3"), Aggregator.SUM, 10, 0, false);
        int rounds = 3000;
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(worker(start, failures, () -> { // sources append and upsert
            for (int i = 0; i < rounds; i++) {
                for (String s : List.of("s1", "s2")) {
                    Series src = ks.getSeries(Key.of(s));
                    if (src != null) src.add(i, bits(i % 13), null, 100, null);
                    if (src != null && i % 5 == 0) src.add(i / 2, bits(1), null, 100, null);
                }
            }
        }));
        threads.add(worker(start, failures, () -> { // destinations written directly
            for (int i = 0; i < rounds; i++) {
                for (String d : List.of("d1", "d2", "d2x", "d3")) {
                    try {
                        Series dst = ks.getSeries(Key.of(d));
                        if (dst != null) dst.add(i, bits(-1), null, 100, DuplicatePolicy.LAST);
                    } catch (io.stocktsdb.engine.error.WrongTypeException ignored) {
                        // d3 is briefly a string
                    }
                }
            }
        }));
        threads.add(worker(start, failures, () -> { // renames back and forth, rule churn
            for (int i = 0; i < rounds / 3; i++) {
                if (i % 2 == 0) ks.rename(Key.of("d2"), Key.of("d2x"));
                else ks.rename(Key.of("d2x"), Key.of("d2"));
                ks.rename(Key.of("s2"), Key.of("s2"));
                try {
                    rules.deleteRule(Key.of("s2"), Key.of("d3"));
                } catch (TsdbException gone) {
                    // d3 was deleted meanwhile, so was its rule
                }
                ks.createSeries(Key.of("d3"), EngineTestSupport.doubles(e, "d3"));
                try {
                    rules.createRule(Key.of("s2"), Key.of("d3"), Aggregator.SUM, 10, 0, i % 4 == 0);
                } catch (TsdbException raced) {
                    // d3 is missing, a string, or was linked again in between
                }
            }
        }));
        threads.add(worker(start, failures, () -> { // deletes and overwrites of a destination, alters of a source
            for (int i = 0; i < rounds / 3; i++) {
                if (i % 3 == 0) ks.delete(Key.of("d3"));
                if (i % 3 == 1) ks.setString(Key.of("d3"), new byte[] {1}, -1, io.stocktsdb.engine.keyspace.SetMode.ALWAYS, false, false);
                if (i % 3 == 2) ks.delete(Key.of("d3"));
                Series s1 = ks.getSeries(Key.of("s1"));
                s1.alter(s1.options().withLabels(Map.of("round", Integer.toString(i))));
            }
        }));
        for (Thread t : threads) t.start();
        start.countDown();
        for (Thread t : threads) t.join(120_000);
        for (Thread t : threads) assertThat(t.isAlive()).as("deadlock: %s still running", t.getName()).isFalse();
        assertThat(failures).isEmpty();

        assertConsistent(e);
        assertThat(ks.getSeries(Key.of("s1")).options().rules()).hasSize(2);
        EngineTestSupport.crash(e);
        try (Engine e2 = EngineTestSupport.open(dir)) {
            assertConsistent(e2);
            assertThat(e2.keyspace().getSeries(Key.of("s1")).options().rules()).hasSize(2);
        }
    }

    private static Thread worker(CountDownLatch start, ConcurrentLinkedQueue<Throwable> failures, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                start.await();
                body.run();
            } catch (Throwable x) {
                failures.add(x);
            }
        });
        t.setDaemon(true);
        return t;
    }

    /** Every rule's destination points back at its source and every source link has its rule. */
    private static void assertConsistent(Engine e) {
        var ks = e.keyspace();
        ks.forEachSeries(s -> {
            for (RuleSpec r : s.options().rules()) {
                Series d = ks.getSeries(r.destKey());
                assertThat(d).as("destination %s of %s", r.destKey(), s.key()).isNotNull();
                assertThat(d.options().sourceKey()).isEqualTo(s.key());
            }
            Key source = s.options().sourceKey();
            if (source != null) {
                Series src = ks.getSeries(source);
                assertThat(src).as("source of %s", s.key()).isNotNull();
                assertThat(src.options().rules()).extracting(RuleSpec::destKey).contains(s.key());
            }
        });
    }
}
