package io.stocktsdb.engine;

import io.stocktsdb.engine.batch.BatchJournal;
import io.stocktsdb.engine.batch.PointWriter;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.business.BusinessStats;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.compaction.CompactionService;
import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyDumps;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.kline.Klines;
import io.stocktsdb.engine.query.Queries;
import io.stocktsdb.engine.series.ChunkFormat;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.storage.CodecChunkFormat;
import io.stocktsdb.engine.storage.DiskSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The storage engine facade: one RocksDB, the in-memory keyspace, the op log with group commit,
 * background checkpoints, recovery at open.
 *
 * <p>Write path for the server: run the commands of one read batch (each mutation is applied in
 * memory and appended to the op log), then call {@link #commitAll()} (or {@link #commit(long)}
 * with {@link #lastAssignedSeq()} read after the batch) and flush the replies only after it
 * returns. Commit is group commit: one RocksDB write carries every thread's pending ops.
 *
 * <p>Background threads: {@code stocktsdb-checkpoint} (checkpoints every
 * {@code checkpointIntervalMs} while something changed, or when the op log exceeds
 * {@code checkpointOpLogBytes}) and, for everysec,
 * {@code stocktsdb-wal-sync} (fsyncs the WAL each second).
 *
 * <p>{@link #reload} closes the store and opens it again in-process (DEBUG RELOAD): the services
 * this facade hands out are then those of the reopened store, so callers ask for them per
 * command rather than keeping them.
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final long TICK_MS = 200;

    private final EngineConfig config;
    private final ChunkFormat format;
    /** What the engine serves from; replaced by {@link #reload}, null once a reload failed to reopen. */
    private volatile OpenedStorage s;
    /**
     * Background ticks and maintenance callers (BACKUP, figures for INFO and /metrics) hold the
     * read side; {@link #reload} and {@link #close} the write side, so none of them meets a
     * closed RocksDB. Commands do not take it: the server holds them during a reload.
     */
    private final ReentrantReadWriteLock life = new ReentrantReadWriteLock();
    private final ScheduledExecutorService checkpointThread;
    private final ScheduledExecutorService syncThread;
    private final ScheduledExecutorService diskThread;
    private volatile long lastSyncMs;
    private volatile long lastSyncedSeq;
    private volatile boolean closed;
    /** Checkpoints written by storage a reload replaced (INFO counts them since start). */
    private volatile long earlierCheckpoints;
    private volatile String reloadFailure;
    /** The storage a reload closed, kept for the sequence numbers callers still ask for. */
    private volatile OpenedStorage lastClosed;

    private Engine(EngineConfig config, ChunkFormat format) {
        this.config = config;
        this.format = format;
        this.s = OpenedStorage.open(config, format);
        this.checkpointThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "stocktsdb-checkpoint"));
        this.diskThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "stocktsdb-disk"));
        diskThread.scheduleWithFixedDelay(this::diskTick, DiskSpace.RECHECK_MS, DiskSpace.RECHECK_MS, TimeUnit.MILLISECONDS);
        checkpointThread.scheduleWithFixedDelay(this::backgroundTick, s.recovery.replayedOps() > 0 ? 0 : TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        if (config.appendFsync() == AppendFsync.EVERYSEC) {
            this.syncThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "stocktsdb-wal-sync"));
            syncThread.scheduleAtFixedRate(this::syncTick, 1, 1, TimeUnit.SECONDS);
        } else {
            this.syncThread = null;
        }
    }

    /** Opens (creating if needed) the database in {@code config.dataDir()} and recovers it. */
    public static Engine open(EngineConfig config) {
        return new Engine(config, CodecChunkFormat.INSTANCE);
    }

    /** As {@link #open(EngineConfig)} with another chunk format (tests wrap the real one). */
    static Engine open(EngineConfig config, ChunkFormat format) {
        return new Engine(config, format);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The storage served from; after a failed reload there is none, and every use says so. */
    private OpenedStorage storage() {
        OpenedStorage now = s;
        if (now == null) throw new StorageException("the storage is closed: " + reloadFailure + " (restart the server)");
        return now;
    }

    public Keyspace keyspace() {
        return storage().keyspace;
    }

    /** Compaction rules (TS.CREATERULE, TS.DELETERULE, LATEST). */
    public CompactionService compactions() {
        return storage().compactions;
    }

    /** K-line families (KLINE.*). */
    public Klines klines() {
        return storage().klines;
    }

    /** Range, multi-series and label-index queries (the label index is kept from open on). */
    public Queries queries() {
        return storage().queries;
    }

    /** DUMP and RESTORE of any key. */
    public KeyDumps dumps() {
        return storage().dumps;
    }

    /** The name of the business type {@code key} belongs to (by key prefix; the default type otherwise). */
    public String businessTypeOf(Key key) {
        return storage().router.route(key).type().name();
    }

    /** How many business types are configured, the default one included. */
    public int businessTypeCount() {
        return storage().router.all().size();
    }

    public EngineConfig config() {
        return config;
    }

    /**
     * Options for a series created at {@code key} without explicit options: the defaults of the
     * key's business (retention, chunk size, duplicate policy, encoding), no labels or rules.
     */
    public SeriesOptions defaultSeriesOptions(Key key, ValueType type) {
        return OpenedStorage.defaultSeriesOptions(storage().router, key, type);
    }

    /** Writes single points with the seed commands' semantics (TSDB_SET, HASH_SET). */
    public PointWriter points() {
        return storage().pointWriter;
    }

    /** Durable staging of BATCH_SET points until their batch flushes. */
    public BatchJournal batches() {
        return storage().batches;
    }

    /** Makes every op with seq &lt;= {@code seq} durable (per appendfsync) before returning. */
    public void commit(long seq) {
        OpenedStorage now = s;
        if (now == null && lastClosed.opLog.lastCommittedSeq() >= seq) return; // durable before a failed reload: nothing to do
        storage().opLog.commit(seq);
    }

    /** Commits everything applied so far, by any thread. */
    public void commitAll() {
        storage().opLog.commitAll();
    }

    /** The last seq handed out; after a failed reload, the last the closed store had. */
    public long lastAssignedSeq() {
        return lastOpLog().lastAssignedSeq();
    }

    public long lastCommittedSeq() {
        return lastOpLog().lastCommittedSeq();
    }

    private io.stocktsdb.engine.storage.OpLog lastOpLog() {
        OpenedStorage now = s;
        return now != null ? now.opLog : lastClosed.opLog;
    }

    /**
     * Applies one replicated log entry: runs {@code body} (the entry's commands) and records
     * (term, index) as the applied position; the entry's ops and the position are committed in
     * the same RocksDB write batch, so after any crash the engine holds exactly the entries up to
     * the recorded position. Call from one thread, in log order.
     */
    public void applyReplicated(long term, long index, Runnable body) {
        OpenedStorage st = storage();
        st.opLog.beginUnit();
        try {
            body.run();
        } finally {
            ReplicatedPosition p = new ReplicatedPosition(term, index);
            st.opLog.appendEnginePut(ReplicatedPosition.RECORD_KEY, p.encode());
            st.replicated = p;
            st.opLog.endUnit();
        }
    }

    /** The last replicated entry applied ((0, 0) when none): what the op log holds after a restart. */
    public ReplicatedPosition replicatedPosition() {
        return storage().replicated;
    }

    /** Runs a checkpoint now (normally done in the background); false when nothing changed. */
    public boolean checkpoint() {
        return whileOpen(() -> s.checkpointer.checkpoint());
    }

    public PersistenceStats persistenceStats() {
        OpenedStorage st = storage();
        Checkpointer cp = st.checkpointer;
        Recovery.Result r = st.recovery;
        return new PersistenceStats(st.opLog.bytesSinceTrim(), st.opLog.recordsSinceTrim(), st.opLog.lastAssignedSeq(),
                st.opLog.lastCommittedSeq(), lastSyncMs, earlierCheckpoints + cp.count(), cp.lastCheckpointMs(),
                cp.lastDurationMs(), r.millis(), r.keys(), r.replayedOps());
    }

    /** The checkpoint now: running since (0 = none), whether the last one failed, failures in a row (INFO persistence). */
    public CheckpointState checkpointState() {
        Checkpointer cp = storage().checkpointer;
        return new CheckpointState(cp.runningSinceMs(), cp.lastFailed(), cp.consecutiveFailures());
    }

    /** See {@link #checkpointState()}. */
    public record CheckpointState(long runningSinceMs, boolean lastFailed, long consecutiveFailures) {}

    /** INFO business: one row per business, configured ones first. */
    public List<BusinessStats.Snapshot> businessStats() {
        return whileOpen(() -> {
            List<BusinessStats.Snapshot> out = new ArrayList<>();
            for (Business b : s.router.all()) {
                BusinessStats st = b.stats();
                out.add(new BusinessStats.Snapshot(b.name(), b.type().prefix(), st.keys(), st.samples(),
                        s.rocks.approximateBytes(b.columnFamily()), st.writes(), st.reads()));
            }
            return out;
        });
    }

    /**
     * Writes a consistent copy of the database to {@code target} (which must not exist) with
     * RocksDB's Checkpoint: SST files are hard-linked when on the same file system, the rest
     * copied. Everything committed before the call is in it; opening the copy as a data_dir
     * recovers it like any restart. Returns the time taken in ms.
     */
    public long backup(java.nio.file.Path target) {
        return whileOpen(() -> {
            long start = System.currentTimeMillis();
            s.opLog.commitAll();
            try (org.rocksdb.Checkpoint cp = org.rocksdb.Checkpoint.create(s.rocks.db())) {
                cp.createCheckpoint(target.toString());
            } catch (org.rocksdb.RocksDBException e) {
                throw new StorageException("backup to " + target + " failed: " + e.getMessage(), e);
            }
            long ms = System.currentTimeMillis() - start;
            log.info("backup written dir={} ms={}", target, ms);
            return ms;
        });
    }

    /** Memory RocksDB holds outside the heap (INFO memory). */
    public io.stocktsdb.engine.figures.RocksMemory rocksMemory() {
        return whileOpen(() -> s.rocks.memory());
    }

    /** RocksDB sizes, compaction and stall figures (/metrics). */
    public io.stocktsdb.engine.figures.RocksFigures rocksFigures() {
        return whileOpen(() -> s.rocks.figures());
    }

    /** CONFIG RESETSTAT: zeroes the business write/read counters and the expired-keys count. */
    public void resetStatistics() {
        OpenedStorage st = storage();
        for (Business b : st.router.all()) b.stats().resetCounters();
        st.keyspace.resetExpiredKeys();
    }

    /** What start-up (or the last reload) found in the RocksDB WAL and did about it (INFO persistence). */
    public io.stocktsdb.engine.figures.WalRecovery walRecovery() {
        return storage().rocks.walRecovery();
    }

    /**
     * Why writes are refused now (after Redis's MISCONF prefix): the op log cannot write, or the
     * data directory's free space is below its reserve; null when writes are accepted.
     */
    public String writeError() {
        OpenedStorage st = storage();
        String e = st.opLog.writeError();
        if (e != null) return e;
        return st.disk.low() ? st.disk.error() : null;
    }

    /** The data directory's free space at its last check (INFO persistence). */
    public long diskFreeBytes() { return storage().disk.freeBytes(); }

    /** The free space below which writes are refused (INFO persistence). */
    public long diskReserveBytes() { return storage().disk.reserveBytes(); }

    /**
     * The offline check of a data directory (the {@code check} subcommand, as redis-check-aof):
     * prints what is damaged and, given {@code fixDir}, salvages what can be read into it. Never
     * writes to {@code dir}. Returns the exit status (0 intact, 1 damage found).
     */
    public static int checkData(java.nio.file.Path dir, java.nio.file.Path fixDir, java.io.PrintWriter out) throws java.io.IOException {
        return io.stocktsdb.engine.storage.check.DataCheck.run(dir, fixDir, out);
    }

    /** Times the op log started refusing writes since start (INFO persistence). */
    public long writeFailures() { return storage().opLog.writeFailures(); }

    /**
     * Closes the store and opens it again in this process, as a restart would but without
     * leaving it (DEBUG RELOAD): everything applied is committed and, with {@code checkpoint},
     * checkpointed; RocksDB is closed and reopened, and recovery rebuilds the keyspace, label
     * index, rules, K-line families, deadlines and big values from disk. Without
     * {@code checkpoint} recovery replays the op log since the last checkpoint (what a restart
     * after kill -9 does). Sequence numbers, counters and the listeners set on the keyspace go on.
     *
     * <p>The caller must hold every command (no thread may be inside a service of this engine):
     * the services handed out before are those of the closed store. Background work of the
     * engine waits by itself. A failure before the store is closed (the checkpoint could not be
     * written) leaves it serving and is thrown; a failure to reopen is thrown too, and leaves the
     * engine without storage: every use then throws {@link StorageException} (restart the server).
     */
    public void reload(boolean checkpoint) {
        life.writeLock().lock();
        try {
            OpenedStorage old = storage();
            long start = System.currentTimeMillis();
            old.persist(checkpoint);
            long checkpoints = old.checkpointer.count();
            old.release();
            lastClosed = old;
            s = null;
            reloadFailure = "it was closed for a reload";
            try {
                s = OpenedStorage.reopen(config, format, old);
            } catch (RuntimeException e) {
                reloadFailure = "reopening it after a reload failed: " + e.getMessage();
                log.error("reload failed: the storage stays closed dataDir={}", config.dataDir(), e);
                throw e;
            }
            earlierCheckpoints += checkpoints;
            log.info("storage reloaded dataDir={} checkpoint={} keys={} replayedOps={} ms={}", config.dataDir(), checkpoint,
                    s.recovery.keys(), s.recovery.replayedOps(), System.currentTimeMillis() - start);
        } finally {
            life.writeLock().unlock();
        }
    }

    /** False once closed, or when a reload could not reopen the store. */
    public boolean isOpen() {
        return s != null && !closed;
    }

    /** Runs {@code work} on the open store, never while a reload or close swaps it. */
    private <T> T whileOpen(Supplier<T> work) {
        life.readLock().lock();
        try {
            storage();
            return work.get();
        } finally {
            life.readLock().unlock();
        }
    }

    /** Background work skips its turn while a reload or close runs, or once the store is gone. */
    private void inBackground(String what, Runnable work) {
        if (!life.readLock().tryLock()) return;
        try {
            if (s != null && !closed) work.run();
        } catch (RuntimeException e) {
            log.error("{} failed", what, e);
        } finally {
            life.readLock().unlock();
        }
    }

    /** Watches the free space and retries failed op-log writes, so writes resume by themselves. */
    private void diskTick() {
        inBackground("disk check", () -> {
            s.disk.check();
            s.opLog.retryFailed();
        });
    }

    private void backgroundTick() {
        inBackground("background checkpoint", () -> {
            OpenedStorage st = s;
            // a checkpoint writes to RocksDB too: never into the reserve a full disk needs to recover
            if (st.disk.low() || st.opLog.writeError() != null) return;
            long sinceLast = System.currentTimeMillis() - st.checkpointer.lastCheckpointMs();
            if (sinceLast >= config.checkpointIntervalMs() || st.opLog.bytesSinceTrim() >= config.checkpointOpLogBytes()
                    || st.recovery.replayedOps() > 0 && st.checkpointer.count() == 0) {
                st.checkpointer.checkpoint();
            }
        });
    }

    private void syncTick() {
        inBackground("everysec WAL sync", () -> {
            long committed = s.opLog.lastCommittedSeq();
            if (committed != lastSyncedSeq) {
                s.opLog.syncWal();
                lastSyncedSeq = committed;
                lastSyncMs = System.currentTimeMillis();
            }
        });
    }

    /** Checkpoints, syncs and closes RocksDB. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        stopThreads();
        life.writeLock().lock();
        try {
            OpenedStorage st = s;
            if (st == null) return; // a failed reload left nothing open
            try {
                st.persist(true);
            } finally {
                st.release();
            }
        } finally {
            life.writeLock().unlock();
        }
        log.info("engine closed dataDir={}", config.dataDir());
    }

    /**
     * Test hook simulating a crash after the last commit: stops background work and closes
     * RocksDB without the shutdown checkpoint, so the next open must replay the op log.
     */
    void closeWithoutCheckpoint() {
        if (closed) return;
        closed = true;
        stopThreads();
        life.writeLock().lock();
        try {
            if (s != null) s.release();
        } finally {
            life.writeLock().unlock();
        }
    }

    private void stopThreads() {
        diskThread.shutdownNow();
        checkpointThread.shutdown();
        if (syncThread != null) syncThread.shutdown();
        try {
            checkpointThread.awaitTermination(30, TimeUnit.SECONDS);
            if (syncThread != null) syncThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
