package io.stocktsdb.engine;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static io.stocktsdb.engine.EngineTestSupport.dump;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.filter.FilterParser;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyChangeListener;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.keyspace.SetMode;
import io.stocktsdb.engine.query.IndexQuery;
import io.stocktsdb.engine.series.ChunkFormat;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.storage.CodecChunkFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine.reload: the store closed and reopened in-process behind the same facade. */
class ReloadTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Strings (one with a deadline, one big), a labelled series feeding a compaction rule. */
    private static void fill(Engine e) {
        Keyspace ks = e.keyspace();
        ks.setString(Key.of("s"), b("v"), -1, SetMode.ALWAYS, false, false);
        ks.setString(Key.of("ttl"), b("t"), System.currentTimeMillis() + 3_600_000, SetMode.ALWAYS, false, false);
        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        ks.setString(Key.of("big"), big, -1, SetMode.ALWAYS, false, false);
        ks.createSeries(Key.of("src"), EngineTestSupport.small(e, "src").withLabels(Map.of("sym", "A")));
        ks.createSeries(Key.of("dst"), EngineTestSupport.doubles(e, "dst"));
        e.compactions().createRule(Key.of("src"), Key.of("dst"), Aggregator.SUM, 10, 0, false);
        Series src = ks.getSeries(Key.of("src"));
        for (long t = 0; t < 100; t++) src.add(t, bits(t), null, 100, null);
    }

    private static List<String> state(Engine e) {
        Keyspace ks = e.keyspace();
        List<String> out = new ArrayList<>();
        out.add(new String(ks.getString(Key.of("s")), StandardCharsets.UTF_8));
        out.add(String.valueOf(ks.expireAtMs(Key.of("ttl")) > System.currentTimeMillis()));
        out.add(String.valueOf(java.util.Arrays.hashCode(ks.getString(Key.of("big")))));
        out.add(dump(ks.getSeries(Key.of("src")), 0, 1000).toString());
        out.add(dump(ks.getSeries(Key.of("dst")), 0, 1000).toString());
        io.stocktsdb.engine.series.SeriesInfo info = ks.getSeries(Key.of("src")).info(false);
        out.add(info.totalSamples() + " " + info.firstTimestamp() + " " + info.lastTimestamp() + " " + info.chunkCount() + " "
                + info.options().labels());
        for (io.stocktsdb.engine.series.RuleSpec r : info.options().rules()) {
            out.add(r.destKey() + " " + r.aggregatorCode() + " " + r.bucketDuration() + " " + r.alignTimestamp());
        }
        io.stocktsdb.engine.chunk.Sample open = e.compactions().latest(Key.of("dst")); // the rule's open bucket
        out.add(open.timestamp() + "=" + Double.longBitsToDouble(open.valueBits()));
        out.add(e.queries().queryIndex(new IndexQuery(FilterParser.parse(List.of("sym=A")))).toString());
        return out;
    }

    @Test
    void reloadKeepsDataSequenceNumbersListenersAndCounters() {
        try (Engine e = EngineTestSupport.open(dir)) {
            fill(e);
            List<String> before = state(e);
            List<Key> changed = new ArrayList<>();
            List<Key> flushedExisting = new ArrayList<>();
            KeyChangeListener watcher = new KeyChangeListener() {
                @Override
                public void changed(Key key) { changed.add(key); }

                @Override
                public void flushing(java.util.function.Predicate<Key> existing) {
                    for (String k : List.of("s", "nosuch")) if (existing.test(Key.of(k))) flushedExisting.add(Key.of(k));
                }
            };
            e.keyspace().setChangeListener(watcher);
            long seq = e.lastAssignedSeq();

            e.reload(true);
            assertThat(state(e)).isEqualTo(before);
            assertThat(flushedExisting).containsExactly(Key.of("s")); // WATCH of an existing key is touched, as Redis's reload
            assertThat(e.lastAssignedSeq()).isGreaterThanOrEqualTo(seq);
            assertThat(e.persistenceStats().checkpoints()).isGreaterThanOrEqualTo(1);

            // NOSAVE: no checkpoint, recovery replays the op log written since the last one
            e.keyspace().getSeries(Key.of("src")).add(100, bits(7), null, 100, null);
            e.keyspace().setString(Key.of("s"), b("w"), -1, SetMode.ALWAYS, false, false);
            assertThat(changed).contains(Key.of("s")); // the listener set before the reload is still there
            long seq2 = e.lastAssignedSeq();
            e.reload(false);
            assertThat(e.persistenceStats().replayedOps()).isGreaterThan(0);
            assertThat(e.lastAssignedSeq()).isGreaterThanOrEqualTo(seq2);
            assertThat(e.keyspace().getString(Key.of("s"))).isEqualTo(b("w"));
            assertThat(e.keyspace().getSeries(Key.of("src")).last().timestamp()).isEqualTo(100);
            assertThat(dump(e.keyspace().getSeries(Key.of("dst")), 0, 1000)).hasSize(10); // bucket 90 closed by t=100
            e.keyspace().getSeries(Key.of("src")).add(101, bits(1), null, 100, null); // writes go on after it
        }
        try (Engine again = EngineTestSupport.open(dir)) {
            assertThat(again.keyspace().getSeries(Key.of("src")).last().timestamp()).isEqualTo(101);
            assertThat(again.keyspace().getString(Key.of("s"))).isEqualTo(b("w"));
        }
    }

    /** A chunk format whose decoding fails once armed: recovery decodes each series' last chunk. */
    private static final class FailingFormat implements ChunkFormat {
        final AtomicBoolean armed = new AtomicBoolean();

        @Override
        public Chunk newChunk(ValueType type, ChunkEncoding encoding, int chunkSizeBytes) {
            return CodecChunkFormat.INSTANCE.newChunk(type, encoding, chunkSizeBytes);
        }

        final AtomicBoolean encodeArmed = new AtomicBoolean();

        @Override
        public byte[] encode(Chunk chunk) {
            if (encodeArmed.get()) throw new StorageException("injected encode failure");
            return CodecChunkFormat.INSTANCE.encode(chunk);
        }

        @Override
        public Chunk decode(byte[] bytes, int offset, int length) {
            if (armed.get()) throw new StorageException("injected decode failure");
            return CodecChunkFormat.INSTANCE.decode(bytes, offset, length);
        }

        @Override
        public Chunk[] splitIfOversized(Chunk chunk) { return CodecChunkFormat.INSTANCE.splitIfOversized(chunk); }
    }

    @Test
    void aStoreThatCannotBeReopenedIsReportedAndNeverServedFrom() {
        FailingFormat format = new FailingFormat();
        List<String> before;
        Engine e = Engine.open(EngineTestSupport.config(dir), format);
        try {
            fill(e);
            before = state(e);
            e.checkpoint();
            format.armed.set(true);
            assertThatThrownBy(() -> e.reload(true)).hasMessageContaining("injected decode failure");
            assertThat(e.isOpen()).isFalse();
            assertThatThrownBy(e::keyspace).isInstanceOf(StorageException.class).hasMessageContaining("reopening it after a reload failed");
            assertThatThrownBy(() -> e.commit(e.lastAssignedSeq() + 1)).isInstanceOf(StorageException.class);
            assertThatThrownBy(() -> e.backup(dir.resolveSibling(dir.getFileName() + "-copy"))).isInstanceOf(StorageException.class);
        } finally {
            e.close(); // nothing open to close: no crash
        }
        try (Engine again = EngineTestSupport.open(dir)) {
            assertThat(state(again)).isEqualTo(before); // nothing lost: a restart recovers it
        }
    }

    @Test
    void aCheckpointThatFailsBeforeClosingLeavesTheStoreServing() {
        FailingFormat format = new FailingFormat();
        try (Engine e = Engine.open(EngineTestSupport.config(dir), format)) {
            fill(e);
            List<String> before = state(e);
            format.encodeArmed.set(true); // the checkpoint before closing cannot write the dirty chunks
            assertThatThrownBy(() -> e.reload(true)).hasMessageContaining("injected encode failure");
            assertThat(e.isOpen()).isTrue();
            assertThat(state(e)).isEqualTo(before);
            format.encodeArmed.set(false);
            e.keyspace().setString(Key.of("after"), b("1"), -1, SetMode.ALWAYS, false, false);
            e.commitAll();
            e.reload(true);
            assertThat(state(e)).isEqualTo(before);
            assertThat(e.keyspace().getString(Key.of("after"))).isEqualTo(b("1"));
        }
    }
}
