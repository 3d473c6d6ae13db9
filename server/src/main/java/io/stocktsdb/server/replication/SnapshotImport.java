package io.stocktsdb.server.replication;

import io.stocktsdb.engine.AppendFsync;
import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.EngineConfig;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyDumps;
import org.apache.ratis.server.protocol.TermIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replaces the live engine's content with a snapshot's (a follower that received the leader's
 * snapshot, or whose own engine is behind its latest snapshot): the checkpoint is opened as a
 * second, private engine on hard-linked copies of its files, the live keyspace is emptied and
 * every key is restored from its DUMP. The applied position is recorded last, so an import cut
 * short by a crash is simply redone at the next start (the position is still older than the
 * snapshot). Keeps the live engine object, so nothing holding it has to be rewired.
 */
final class SnapshotImport {
    private static final Logger log = LoggerFactory.getLogger(SnapshotImport.class);

    private SnapshotImport() {}

    static void load(Engine live, Path snapshotDir, TermIndex ti, Path workDir) throws IOException {
        long start = System.currentTimeMillis();
        SnapshotStore.deleteTree(workDir);
        linkTree(snapshotDir, workDir);
        Files.deleteIfExists(workDir.resolve(SnapshotStore.META));
        EngineConfig c = live.config();
        EngineConfig copyConfig = new EngineConfig(workDir, AppendFsync.NO, c.businessTypes(), c.defaultDuplicatePolicy(),
                c.checkpointIntervalMs(), c.checkpointOpLogBytes(), 8L << 20, 4L << 20);
        long keys = 0;
        try (Engine copy = Engine.open(copyConfig)) {
            KeyDumps from = copy.dumps();
            KeyDumps to = live.dumps();
            live.keyspace().flushAll();
            List<Key> all = copy.keyspace().keys(new byte[] {'*'});
            for (Key k : all) {
                byte[] payload = from.dump(k);
                if (payload == null) continue;
                long expireAt = copy.keyspace().expireAtMs(k);
                to.restore(k, payload, expireAt >= 0 ? expireAt : -1, true);
                keys++;
            }
            live.commitAll();
            live.applyReplicated(ti.getTerm(), ti.getIndex(), () -> { });
            live.commitAll();
        }
        SnapshotStore.deleteTree(workDir);
        log.info("raft snapshot loaded into the engine term={} index={} keys={} ms={}", ti.getTerm(), ti.getIndex(), keys,
                System.currentTimeMillis() - start);
    }

    private static void linkTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    try {
                        Files.createLink(target, f);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(f, target);
                    }
                }
            }
        }
    }
}
