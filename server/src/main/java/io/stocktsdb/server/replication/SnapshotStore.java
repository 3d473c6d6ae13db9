package io.stocktsdb.server.replication;

import io.stocktsdb.engine.Engine;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Snapshots of the engine in the division's state-machine directory: each is a RocksDB
 * checkpoint (SST files hard-linked from the engine's directory) in {@code snap_<term>_<index>/}
 * with a {@code snapshot.meta} file naming its term, index and creation time. Ratis ships the
 * listed files to a follower that fell behind the purged log; that follower's whole directory is
 * then replaced by the leader's files. The two newest snapshots are kept.
 */
final class SnapshotStore implements StateMachineStorage {
    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);
    static final String META = "snapshot.meta";
    private static final String PREFIX = "snap_";
    static final int KEEP = 2;

    private volatile File dir;
    private volatile Snapshot latest;

    /** One snapshot on disk. */
    record Snapshot(TermIndex termIndex, Path dir, long createdMs, FileListSnapshotInfo info) {}

    @Override
    public void init(RaftStorage storage) throws IOException {
        dir = storage.getStorageDir().getStateMachineDir();
        Files.createDirectories(dir.toPath());
        reload();
    }

    /** Re-reads the directory (after start-up or after Ratis installed a leader's snapshot). */
    void reload() throws IOException {
        latest = scan().stream().max(Comparator.comparingLong(s -> s.termIndex().getIndex())).orElse(null);
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        Snapshot s = latest;
        return s == null ? null : s.info();
    }

    Snapshot latest() {
        return latest;
    }

    /** Writes a checkpoint of {@code engine} (whose applied position is {@code ti}) and keeps the newest {@link #KEEP}. */
    Snapshot create(Engine engine, TermIndex ti) throws IOException {
        Path root = dir.toPath();
        Path tmp = root.resolve("tmp_" + PREFIX + ti.getTerm() + "_" + ti.getIndex());
        deleteTree(tmp);
        engine.backup(tmp);
        Properties p = new Properties();
        p.setProperty("term", Long.toString(ti.getTerm()));
        p.setProperty("index", Long.toString(ti.getIndex()));
        p.setProperty("created_ms", Long.toString(System.currentTimeMillis()));
        try (var w = Files.newBufferedWriter(tmp.resolve(META), StandardCharsets.UTF_8)) {
            p.store(w, "StockTSDB engine snapshot");
        }
        Path target = root.resolve(PREFIX + ti.getTerm() + "_" + ti.getIndex());
        deleteTree(target);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Snapshot s = read(target);
        latest = s;
        prune(KEEP);
        log.info("raft snapshot written term={} index={} dir={}", ti.getTerm(), ti.getIndex(), target);
        return s;
    }

    @Override
    public void format() {
        // nothing to format: snapshots are created on demand
    }

    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
        prune(Math.max(KEEP, policy.getNumSnapshotsRetained()));
    }

    private void prune(int keep) throws IOException {
        List<Snapshot> all = scan();
        all.sort(Comparator.comparingLong((Snapshot s) -> s.termIndex().getIndex()).reversed());
        for (int i = keep; i < all.size(); i++) deleteTree(all.get(i).dir());
    }

    @Override
    public File getSnapshotDir() {
        return dir;
    }

    private List<Snapshot> scan() throws IOException {
        List<Snapshot> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir.toPath())) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (Files.isDirectory(p) && p.getFileName().toString().startsWith(PREFIX) && Files.exists(p.resolve(META))) {
                    out.add(read(p));
                }
            }
        }
        return out;
    }

    private static Snapshot read(Path snapDir) throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(snapDir.resolve(META), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        TermIndex ti = TermIndex.valueOf(Long.parseLong(p.getProperty("term")), Long.parseLong(p.getProperty("index")));
        List<FileInfo> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(snapDir)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(f)) files.add(new FileInfo(f.toAbsolutePath(), null));
            }
        }
        return new Snapshot(ti, snapDir, Long.parseLong(p.getProperty("created_ms", "0")), new FileListSnapshotInfo(files, ti));
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
