package io.stocktsdb.engine;

import io.stocktsdb.engine.batch.BatchJournal;
import io.stocktsdb.engine.batch.PointWriter;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.business.BusinessRouter;
import io.stocktsdb.engine.business.BusinessStats;
import io.stocktsdb.engine.business.BusinessType;
import io.stocktsdb.engine.index.SeriesIndex;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.kline.Klines;
import io.stocktsdb.engine.keyspace.KeyDumps;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.query.Queries;
import io.stocktsdb.engine.compaction.CompactionService;
import io.stocktsdb.engine.compaction.Compactions;
import io.stocktsdb.engine.series.ChunkFormat;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.storage.CodecChunkFormat;
import io.stocktsdb.engine.storage.DirtyTracker;
import io.stocktsdb.engine.storage.OpLog;
import io.stocktsdb.engine.storage.DiskSpace;
import io.stocktsdb.engine.storage.RocksStore;
import io.stocktsdb.engine.storage.SeriesStore;
import org.rocksdb.ColumnFamilyHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final long TICK_MS = 200;

    private final EngineConfig config;
    private final RocksStore rocks;
    private final BusinessRouter router;
    private final SeriesStore store;
    private final Keyspace keyspace;
    private final Compactions compactions;
    private final KeyDumps dumps;
    private final Klines klines;
    private final Queries queries;
    private final OpLog opLog;
    private final Checkpointer checkpointer;
    private final PointWriter pointWriter;
    private final BatchJournal batches;
    private final Recovery.Result recovery;
    private final ScheduledExecutorService checkpointThread;
    private final ScheduledExecutorService syncThread;
    private final DiskSpace disk;
    private final ScheduledExecutorService diskThread;
    private volatile long lastSyncMs;
    private volatile long lastSyncedSeq;
    private volatile boolean closed;
    private volatile ReplicatedPosition replicated;

    private Engine(EngineConfig config, ChunkFormat format) {
        this.config = config;
        this.rocks = RocksStore.open(config.dataDir(), config.businessTypes(), config.blockCacheBytes(), config.writeBufferBytes(),
                config.acceptWalDamage());
        try {
            this.router = new BusinessRouter(businesses(config, rocks));
            DirtyTracker dirty = new DirtyTracker();
            this.store = new SeriesStore(rocks.db(), rocks.readOptions(), format, dirty, config.defaultDuplicatePolicy());
            this.recovery = Recovery.run(rocks, store, router, CommandClock::nowMs);
            this.keyspace = recovery.keyspace();
            this.compactions = new Compactions(keyspace);
            this.queries = new Queries(SeriesIndex.attach(keyspace), compactions);
            this.dumps = new KeyDumps(keyspace, CommandClock::nowMs);
            this.disk = DiskSpace.of(config.dataDir());
            this.opLog = new OpLog(rocks.db(), rocks.oplogCf(), rocks.stagingCf(), recovery.lastSeq(), config.appendFsync() == AppendFsync.ALWAYS, disk);
            for (long[] seg : recovery.segments()) opLog.registerSegment(seg[0], seg[1]);
            store.attachOpLog(opLog);
            this.checkpointer = new Checkpointer(rocks, keyspace, dirty, opLog, recovery.checkpointSeq(), disk);
            this.pointWriter = new PointWriter(keyspace, this::seedSeriesOptions);
            this.klines = new Klines(keyspace, this::defaultSeriesOptions);
            klines.rebuild(); // before staged batches land: their ticks feed the families
            this.batches = new BatchJournal(opLog, pointWriter);
            batches.recover(rocks.db(), rocks.stagingCf());
            this.replicated = ReplicatedPosition.read(rocks);
        } catch (RuntimeException e) {
            rocks.close();
            throw e;
        }
        this.checkpointThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "stocktsdb-checkpoint"));
        this.diskThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "stocktsdb-disk"));
        diskThread.scheduleWithFixedDelay(this::diskTick, DiskSpace.RECHECK_MS, DiskSpace.RECHECK_MS, TimeUnit.MILLISECONDS);
        checkpointThread.scheduleWithFixedDelay(this::backgroundTick, recovery.replayedOps() > 0 ? 0 : TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
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

    private static List<Business> businesses(EngineConfig config, RocksStore rocks) {
        List<Business> out = new ArrayList<>();
        Map<String, ColumnFamilyHandle> cfs = rocks.businessCfs();
        for (BusinessType t : config.businessTypes()) out.add(new Business(t, cfs.get(t.name()), true));
        BusinessType fallback = config.businessTypes().stream().filter(b -> b.prefix().isEmpty()).findFirst().orElseThrow();
        for (Map.Entry<String, ColumnFamilyHandle> e : cfs.entrySet()) {
            if (config.businessTypes().stream().noneMatch(b -> b.name().equals(e.getKey()))) {
                log.info("business column family kept without configuration name={}", e.getKey());
                out.add(new Business(new BusinessType(e.getKey(), "", fallback.retentionMs(), fallback.chunkSizeBytes(),
                        fallback.duplicatePolicy(), fallback.encoding()), e.getValue(), false));
            }
        }
        return out;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    /** Compaction rules (TS.CREATERULE, TS.DELETERULE, LATEST). */
    public CompactionService compactions() {
        return compactions;
    }

    /** K-line families (KLINE.*). */
    public Klines klines() {
        return klines;
    }

    /** Range, multi-series and label-index queries (the label index is kept from open on). */
    public Queries queries() {
        return queries;
    }

    /** DUMP and RESTORE of any key. */
    public KeyDumps dumps() {
        return dumps;
    }

    /** The name of the business type {@code key} belongs to (by key prefix; the default type otherwise). */
    public String businessTypeOf(Key key) {
        return router.route(key).type().name();
    }

    /** How many business types are configured, the default one included. */
    public int businessTypeCount() {
        return router.all().size();
    }

    public EngineConfig config() {
        return config;
    }

    /**
     * Options for a series created at {@code key} without explicit options: the defaults of the
     * key's business (retention, chunk size, duplicate policy, encoding), no labels or rules.
     */
    public SeriesOptions defaultSeriesOptions(Key key, ValueType type) {
        BusinessType b = router.route(key).type();
        return new SeriesOptions(type, b.retentionMs(), b.chunkSizeBytes(), b.duplicatePolicy(), b.encoding(), 0, 0.0, Map.of(), List.of(), null);
    }

    /**
     * A series the seed commands create: the business defaults with the duplicate policy that
     * applies spelled out, as TS.CREATE does, so TS.INFO shows it rather than nil.
     */
    private SeriesOptions seedSeriesOptions(Key key, ValueType type) {
        SeriesOptions o = defaultSeriesOptions(key, type);
        return o.duplicatePolicy() != null ? o : o.withDuplicatePolicy(config.defaultDuplicatePolicy());
    }

    /** Writes single points with the seed commands' semantics (TSDB_SET, HASH_SET). */
    public PointWriter points() {
        return pointWriter;
    }

    /** Durable staging of BATCH_SET points until their batch flushes. */
    public BatchJournal batches() {
        return batches;
    }

    /** Makes every op with seq &lt;= {@code seq} durable (per appendfsync) before returning. */
    public void commit(long seq) {
        opLog.commit(seq);
    }

    /** Commits everything applied so far, by any thread. */
    public void commitAll() {
        opLog.commitAll();
    }

    public long lastAssignedSeq() {
        return opLog.lastAssignedSeq();
    }

    public long lastCommittedSeq() {
        return opLog.lastCommittedSeq();
    }

    /**
     * Applies one replicated log entry: runs {@code body} (the entry's commands) and records
     * (term, index) as the applied position; the entry's ops and the position are committed in
     * the same RocksDB write batch, so after any crash the engine holds exactly the entries up to
     * the recorded position. Call from one thread, in log order.
     */
    public void applyReplicated(long term, long index, Runnable body) {
        opLog.beginUnit();
        try {
            body.run();
        } finally {
            ReplicatedPosition p = new ReplicatedPosition(term, index);
            opLog.appendEnginePut(ReplicatedPosition.RECORD_KEY, p.encode());
            replicated = p;
            opLog.endUnit();
        }
    }

    /** The last replicated entry applied ((0, 0) when none): what the op log holds after a restart. */
    public ReplicatedPosition replicatedPosition() {
        return replicated;
    }

    /** Runs a checkpoint now (normally done in the background); false when nothing changed. */
    public boolean checkpoint() {
        return checkpointer.checkpoint();
    }

    public PersistenceStats persistenceStats() {
        return new PersistenceStats(opLog.bytesSinceTrim(), opLog.recordsSinceTrim(), opLog.lastAssignedSeq(),
                opLog.lastCommittedSeq(), lastSyncMs, checkpointer.count(), checkpointer.lastCheckpointMs(),
                checkpointer.lastDurationMs(), recovery.millis(), recovery.keys(), recovery.replayedOps());
    }

    /** The checkpoint now: running since (0 = none), whether the last one failed, failures in a row (INFO persistence). */
    public CheckpointState checkpointState() {
        return new CheckpointState(checkpointer.runningSinceMs(), checkpointer.lastFailed(), checkpointer.consecutiveFailures());
    }

    /** See {@link #checkpointState()}. */
    public record CheckpointState(long runningSinceMs, boolean lastFailed, long consecutiveFailures) {}

    /** INFO business: one row per business, configured ones first. */
    public List<BusinessStats.Snapshot> businessStats() {
        List<BusinessStats.Snapshot> out = new ArrayList<>();
        for (Business b : router.all()) {
            BusinessStats s = b.stats();
            out.add(new BusinessStats.Snapshot(b.name(), b.type().prefix(), s.keys(), s.samples(),
                    rocks.approximateBytes(b.columnFamily()), s.writes(), s.reads()));
        }
        return out;
    }

    /**
     * Writes a consistent copy of the database to {@code target} (which must not exist) with
     * RocksDB's Checkpoint: SST files are hard-linked when on the same file system, the rest
     * copied. Everything committed before the call is in it; opening the copy as a data_dir
     * recovers it like any restart. Returns the time taken in ms.
     */
    public long backup(java.nio.file.Path target) {
        long start = System.currentTimeMillis();
        opLog.commitAll();
        try (org.rocksdb.Checkpoint cp = org.rocksdb.Checkpoint.create(rocks.db())) {
            cp.createCheckpoint(target.toString());
        } catch (org.rocksdb.RocksDBException e) {
            throw new io.stocktsdb.engine.error.StorageException("backup to " + target + " failed: " + e.getMessage(), e);
        }
        long ms = System.currentTimeMillis() - start;
        log.info("backup written dir={} ms={}", target, ms);
        return ms;
    }

    /** Memory RocksDB holds outside the heap (INFO memory). */
    public io.stocktsdb.engine.figures.RocksMemory rocksMemory() {
        return rocks.memory();
    }

    /** RocksDB sizes, compaction and stall figures (/metrics). */
    public io.stocktsdb.engine.figures.RocksFigures rocksFigures() {
        return rocks.figures();
    }

    /** CONFIG RESETSTAT: zeroes the business write/read counters and the expired-keys count. */
    public void resetStatistics() {
        for (Business b : router.all()) b.stats().resetCounters();
        keyspace.resetExpiredKeys();
    }

    /** Watches the free space and retries failed op-log writes, so writes resume by themselves. */
    private void diskTick() {
        try {
            disk.check();
            opLog.retryFailed();
        } catch (RuntimeException e) {
            log.error("disk check failed", e);
        }
    }

    /** What start-up found in the RocksDB WAL and did about it (INFO persistence). */
    public io.stocktsdb.engine.figures.WalRecovery walRecovery() {
        return rocks.walRecovery();
    }

    /**
     * Why writes are refused now (after Redis's MISCONF prefix): the op log cannot write, or the
     * data directory's free space is below its reserve; null when writes are accepted.
     */
    public String writeError() {
        String e = opLog.writeError();
        if (e != null) return e;
        return disk.low() ? disk.error() : null;
    }

    /** The data directory's free space at its last check (INFO persistence). */
    public long diskFreeBytes() { return disk.freeBytes(); }

    /** The free space below which writes are refused (INFO persistence). */
    public long diskReserveBytes() { return disk.reserveBytes(); }

    /**
     * The offline check of a data directory (the {@code check} subcommand, as redis-check-aof):
     * prints what is damaged and, given {@code fixDir}, salvages what can be read into it. Never
     * writes to {@code dir}. Returns the exit status (0 intact, 1 damage found).
     */
    public static int checkData(java.nio.file.Path dir, java.nio.file.Path fixDir, java.io.PrintWriter out) throws java.io.IOException {
        return io.stocktsdb.engine.storage.check.DataCheck.run(dir, fixDir, out);
    }

    /** Times the op log started refusing writes since start (INFO persistence). */
    public long writeFailures() { return opLog.writeFailures(); }

    private void backgroundTick() {
        try {
            // a checkpoint writes to RocksDB too: never into the reserve a full disk needs to recover
            if (disk.low() || opLog.writeError() != null) return;
            long sinceLast = System.currentTimeMillis() - checkpointer.lastCheckpointMs();
            if (sinceLast >= config.checkpointIntervalMs() || opLog.bytesSinceTrim() >= config.checkpointOpLogBytes()
                    || recovery.replayedOps() > 0 && checkpointer.count() == 0) {
                checkpointer.checkpoint();
            }
        } catch (RuntimeException e) {
            log.error("background checkpoint failed", e);
        }
    }

    private void syncTick() {
        try {
            long committed = opLog.lastCommittedSeq();
            if (committed != lastSyncedSeq) {
                opLog.syncWal();
                lastSyncedSeq = committed;
                lastSyncMs = System.currentTimeMillis();
            }
        } catch (RuntimeException e) {
            log.error("everysec WAL sync failed", e);
        }
    }

    /** Checkpoints, syncs and closes RocksDB. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        stopThreads();
        try {
            opLog.commitAll();
            checkpointer.checkpoint();
            opLog.syncWal();
            rocks.flushMemtables();
        } finally {
            releaseResources();
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
        releaseResources();
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

    private void releaseResources() {
        checkpointer.close();
        opLog.close();
        rocks.close();
    }
}
