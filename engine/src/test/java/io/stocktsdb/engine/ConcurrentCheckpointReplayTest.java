package io.stocktsdb.engine;

import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.series.ChunkFormat;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.storage.CodecChunkFormat;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static io.stocktsdb.engine.EngineTestSupport.dump;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ops that land while a checkpoint is snapshotting: some series' snapshots include them (their
 * persistedSeq passes the checkpoint seq), others do not. Replay must apply each exactly once,
 * which SUM upserts make visible.
 */
class ConcurrentCheckpointReplayTest {
    @TempDir
    Path dir;

    /**
     * Runs {@code hook} once, inside the {@code fireAt}-th chunk encode of a checkpoint, before
     * encoding. With one dirty chunk per series, series snapshotted earlier miss the hook's ops
     * and series snapshotted from then on include them.
     */
    static final class HookedFormat implements ChunkFormat {
        volatile Runnable hook;
        int fireAt;
        int encodes;

        @Override
        public byte[] encode(Chunk chunk) {
            Runnable h = hook;
            if (h != null && ++encodes == fireAt) {
                hook = null;
                h.run();
            }
            return CodecChunkFormat.INSTANCE.encode(chunk);
        }

        @Override
        public Chunk newChunk(ValueType type, ChunkEncoding encoding, int chunkSizeBytes) {
            return CodecChunkFormat.INSTANCE.newChunk(type, encoding, chunkSizeBytes);
        }

        @Override
        public Chunk decode(byte[] bytes, int offset, int length) {
            return CodecChunkFormat.INSTANCE.decode(bytes, offset, length);
        }

        @Override
        public Chunk[] splitIfOversized(Chunk chunk) {
            return CodecChunkFormat.INSTANCE.splitIfOversized(chunk);
        }
    }

    @Test
    void opsDuringTheSnapshotAreReplayedExactlyOnce() {
        HookedFormat format = new HookedFormat();
        Engine e = Engine.open(EngineTestSupport.config(dir), format);
        List<Series> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Series s = e.keyspace().createSeries(Key.of("s" + i),
                    EngineTestSupport.small(e, "s" + i).withDuplicatePolicy(DuplicatePolicy.SUM));
            for (int t = 0; t < 10; t++) s.add(t, bits(1), null, 100, null); // one chunk: the head
            all.add(s);
        }
        format.fireAt = 6;
        format.hook = () -> {
            for (Series s : all) {
                s.add(5, bits(10), null, 100, null); // SUM upsert: 11
                s.add(100, bits(7), null, 100, null); // append
            }
        };
        e.checkpoint();
        Map<String, List<String>> before = new LinkedHashMap<>();
        for (Series s : all) before.put(s.key().toString(), dump(s, 0, 1000));
        assertThat(before.get("s0")).contains("5=11.0", "100=7.0").hasSize(11);
        EngineTestSupport.crash(e);
        try (Engine e2 = EngineTestSupport.open(dir)) {
            // 5 series were snapshotted before the hook: their 10 ops replay; the other 14 are in snapshots.
            assertThat(e2.persistenceStats().replayedOps()).isEqualTo(10);
            for (Series s : all) {
                assertThat(dump(e2.keyspace().getSeries(s.key()), 0, 1000)).as(s.key().toString()).isEqualTo(before.get(s.key().toString()));
            }
        }
    }
}
