package io.stocktsdb.engine;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.SetMode;
import io.stocktsdb.engine.series.AddResult;
import io.stocktsdb.engine.series.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static org.assertj.core.api.Assertions.assertThat;

/** Several threads write and commit concurrently; every acknowledged write is there after a crash. */
class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void everyCommittedWriteSurvivesACrash() throws Exception {
        EngineConfig config = EngineTestSupport.config(dir).withAppendFsync(AppendFsync.ALWAYS).withCheckpoint(50, 1L << 40);
        Engine e = EngineTestSupport.open(config);
        int threads = 4;
        int perThread = 3000;
        long[] acked = new long[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                    Series s = e.keyspace().getOrCreateSeries(Key.of("gc:" + id), EngineTestSupport.small(e, "gc:" + id));
                    for (int i = 1; i <= perThread; i++) {
                        // A "read batch" of two writes, then commit before acknowledging.
                        assertThat(s.add(i, bits(i * 0.5), null, 100, null)).isEqualTo(AddResult.ADDED);
                        e.keyspace().setString(Key.of("gc:last:" + id), Long.toString(i).getBytes(StandardCharsets.US_ASCII), -1, SetMode.ALWAYS, false, false);
                        e.commit(e.lastAssignedSeq());
                        acked[id] = i;
                        if (id == 0 && i % 1000 == 0) e.checkpoint(); // checkpoints interleave with the other writers
                    }
                } catch (Throwable x) {
                    failure.compareAndSet(null, x);
                }
            }, "writer-" + t);
            workers.add(w);
            w.start();
        }
        start.countDown();
        for (Thread w : workers) w.join();
        assertThat(failure.get()).isNull();
        assertThat(e.lastCommittedSeq()).isEqualTo(e.lastAssignedSeq());
        assertThat(e.persistenceStats().checkpoints()).isGreaterThanOrEqualTo(3);
        e.closeWithoutCheckpoint(); // no commitAll: only what was committed counts
        try (Engine e2 = EngineTestSupport.open(dir)) {
            for (int t = 0; t < threads; t++) {
                Series s = e2.keyspace().getSeries(Key.of("gc:" + t));
                assertThat(s.info(false).totalSamples()).isEqualTo(acked[t]);
                assertThat(s.last().valueBits()).isEqualTo(bits(acked[t] * 0.5));
                assertThat(EngineTestSupport.dump(s, 1000, 1002)).containsExactly("1000=500.0", "1001=500.5", "1002=501.0");
                assertThat(e2.keyspace().getString(Key.of("gc:last:" + t))).isEqualTo(Long.toString(acked[t]).getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
