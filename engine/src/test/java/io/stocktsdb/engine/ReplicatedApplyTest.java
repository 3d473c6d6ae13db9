package io.stocktsdb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replicated entry's changes and its applied position land in the same op-log batch: after a
 * crash at any point, with checkpoints and commits racing the applies from another thread, the
 * engine holds exactly the entries up to the recorded position (each entry here adds one sample).
 */
class ReplicatedApplyTest {
    @TempDir
    Path dir;

    @Test
    void positionAndChangesAreCommittedTogether() throws Exception {
        Engine e = EngineTestSupport.open(dir);
        assertThat(e.replicatedPosition()).isEqualTo(ReplicatedPosition.NONE);
        Series s = e.keyspace().getOrCreateSeries(Key.of("r"), EngineTestSupport.doubles(e, "r"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        Thread racer = new Thread(() -> {
            while (!stop.get()) {
                e.commitAll();
                e.checkpoint();
                rounds.incrementAndGet();
            }
        });
        racer.start();
        // on a loaded machine the racer may run late: apply until it has committed and
        // checkpointed a few times meanwhile, or the test would check nothing (position 0)
        long index = 0;
        while (index < 3000 || rounds.get() < 3) {
            if (index >= 3000) Thread.sleep(1); // only waiting for the racer now: keep the log small
            index++;
            long ts = index;
            // two changes per entry: a split between them would show as a count off the position
            e.applyReplicated(1, index, () -> {
                s.add(ts * 2, Double.doubleToLongBits(1), null, 100, null);
                s.add(ts * 2 + 1, Double.doubleToLongBits(1), null, 100, null);
            });
        }
        stop.set(true);
        racer.join();
        assertThat(e.replicatedPosition()).isEqualTo(new ReplicatedPosition(1, index));
        e.closeWithoutCheckpoint(); // whatever a commit reached counts, nothing else
        try (Engine e2 = EngineTestSupport.open(dir)) {
            long position = e2.replicatedPosition().index();
            long samples = e2.keyspace().getSeries(Key.of("r")).info(false).totalSamples();
            assertThat(position).isGreaterThan(0);
            assertThat(samples).isEqualTo(2 * position);
        }
    }
}
