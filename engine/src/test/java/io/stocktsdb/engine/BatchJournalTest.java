package io.stocktsdb.engine;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static io.stocktsdb.engine.EngineTestSupport.dump;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.engine.batch.StagedPoint;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.ValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BATCH_SET staging: invisible until flushed, durable once committed, flushed at start after a crash. */
class BatchJournalTest {
    @TempDir
    Path dir;

    private static List<StagedPoint> points(String key, long... ts) {
        java.util.List<StagedPoint> out = new java.util.ArrayList<>();
        for (long t : ts) out.add(new StagedPoint(Key.of(key), ValueType.DOUBLE, t, bits(t + 0.5), null, 90));
        return out;
    }

    @Test
    void stagedPointsAreInvisibleUntilFlushAndNotStagedTwice() {
        {
            Engine e = EngineTestSupport.open(dir);
            long id = e.batches().newBatchId();
            List<StagedPoint> p = points("iot:a", 1, 2, 3);
            e.commit(e.batches().stage(id, 0, p));
            assertThat(e.keyspace().exists(Key.of("iot:a"))).isFalse();
            e.commit(e.batches().flush(id, p));
            assertThat(dump(e.keyspace().getSeries(Key.of("iot:a")), 0, 10)).containsExactly("1=1.5", "2=2.5", "3=3.5");
            e.points().write(Key.of("iot:a"), ValueType.DOUBLE, 2, bits(99), null, 100); // a later write to ts 2
            EngineTestSupport.crash(e);
        }
        // reopened after a crash: the flushed batch is gone from staging, so ts 2 keeps the later value
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(dump(e.keyspace().getSeries(Key.of("iot:a")), 0, 10)).containsExactly("1=1.5", "2=99.0", "3=3.5");
        }
    }

    @Test
    void acknowledgedBatchSurvivesACrashAndIsFlushedAtStart() {
        Engine e = EngineTestSupport.open(dir);
        long id = e.batches().newBatchId();
        e.commit(e.batches().stage(id, 0, points("iot:b", 10, 11)));
        e.commit(e.batches().stage(id, 2, List.of(new StagedPoint(Key.of("iot:s"), ValueType.STRING, 5, 0,
                "hello".getBytes(StandardCharsets.UTF_8), 100))));
        EngineTestSupport.crash(e);
        try (Engine again = EngineTestSupport.open(dir)) {
            assertThat(dump(again.keyspace().getSeries(Key.of("iot:b")), 0, 100)).containsExactly("10=10.5", "11=11.5");
            assertThat(again.keyspace().getSeries(Key.of("iot:s")).last().blob()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(again.keyspace().getSeries(Key.of("iot:b")).last().quality()).isEqualTo(90);
            long next = again.batches().newBatchId();
            assertThat(next).isGreaterThan(id);
        }
        // and only once
        try (Engine third = EngineTestSupport.open(dir)) {
            assertThat(third.keyspace().getSeries(Key.of("iot:b")).info(false)).isNotNull();
            assertThat(dump(third.keyspace().getSeries(Key.of("iot:b")), 0, 100)).hasSize(2);
        }
    }
}
