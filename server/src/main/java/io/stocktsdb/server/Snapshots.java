package io.stocktsdb.server;

import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.server.config.ConfigFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SAVE and BGSAVE: Redis's RDB snapshot is here a RocksDB checkpoint of the whole database in
 * {@code <data_dir>/snapshot} (SST files hard-linked, the rest copied; start a server with that
 * directory as data_dir to restore it). One snapshot is kept, as Redis keeps one dump.rdb: a new
 * one is cut into {@code snapshot.tmp} and renamed over the old one only once complete. Also the
 * figures of INFO persistence's rdb_* fields and LASTSAVE; at start the database counts as saved
 * (as in Redis), so rdb_changes_since_last_save counts writes since start or the last save.
 */
public final class Snapshots {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
    public static final String DIRECTORY = "snapshot";

    private final ServerContext server;
    private final AtomicLong saves = new AtomicLong();
    private volatile long lastSaveMs = System.currentTimeMillis();
    private volatile long seqAtLastSave;
    private volatile boolean lastOk = true;
    private volatile long bgsaveStartedMs;
    private volatile long lastBgsaveSeconds = -1;
    private boolean closed;

    Snapshots(ServerContext server) { this.server = server; }

    /** Storage is open: what it holds counts as saved. */
    void storageOpened() {
        seqAtLastSave = server.engine().lastAssignedSeq();
        lastSaveMs = System.currentTimeMillis();
    }

    /** SAVE: writes the snapshot on the caller's thread; false when it failed (logged). */
    public synchronized boolean save() {
        saves.incrementAndGet();
        return write();
    }

    /** BGSAVE: false when one is already running; otherwise the snapshot is written on its own thread. */
    public synchronized boolean startBackground() {
        if (bgsaveStartedMs != 0) return false;
        bgsaveStartedMs = System.currentTimeMillis();
        saves.incrementAndGet();
        Thread t = new Thread(() -> {
            synchronized (this) {
                write();
                lastBgsaveSeconds = (System.currentTimeMillis() - bgsaveStartedMs) / 1000;
                bgsaveStartedMs = 0;
            }
        }, "stocktsdb-bgsave");
        t.setDaemon(true);
        t.start();
        return true;
    }

    public boolean backgroundInProgress() { return bgsaveStartedMs != 0; }

    /** Seconds the running BGSAVE has taken, -1 when none runs. */
    public long currentBackgroundSeconds() {
        long started = bgsaveStartedMs;
        return started == 0 ? -1 : (System.currentTimeMillis() - started) / 1000;
    }

    public long lastBackgroundSeconds() { return lastBgsaveSeconds; }

    public long lastSaveMs() { return lastSaveMs; }

    public boolean lastOk() { return lastOk; }

    public long saves() { return saves.get(); }

    /** CONFIG RESETSTAT zeroes rdb_saves, as Redis. */
    public void resetStats() { saves.set(0); }

    public long changesSinceLastSave() { return Math.max(0, server.engine().lastAssignedSeq() - seqAtLastSave); }

    /** Where the snapshot lives. */
    public Path directory() { return Path.of(server.settings().getString(ConfigFields.DATA_DIR)).toAbsolutePath().resolve(DIRECTORY); }

    /** Shutdown: waits for a running snapshot; none starts afterwards (storage is about to close). */
    public synchronized void close() { closed = true; }

    private boolean write() {
        if (closed) {
            lastOk = false;
            return false;
        }
        long seq = server.engine().lastAssignedSeq();
        Path target = directory();
        Path tmp = target.resolveSibling(DIRECTORY + ".tmp");
        Path old = target.resolveSibling(DIRECTORY + ".old");
        try {
            deleteTree(tmp);
            long ms = server.engine().backup(tmp);
            deleteTree(old);
            if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
            seqAtLastSave = seq;
            lastSaveMs = System.currentTimeMillis();
            lastOk = true;
            log.info("DB saved on disk dir={} ms={}", target, ms);
            return true;
        } catch (IOException | UncheckedIOException | StorageException e) {
            lastOk = false;
            log.warn("snapshot failed dir={}: {}", target, e.toString());
            try {
                deleteTree(tmp);
            } catch (IOException | UncheckedIOException ignored) {
                // a leftover is removed by the next save
            }
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
