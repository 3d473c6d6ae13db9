package io.stocktsdb.engine;

import io.stocktsdb.engine.batch.BatchJournal;
import io.stocktsdb.engine.batch.PointWriter;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.business.BusinessRouter;
import io.stocktsdb.engine.business.BusinessType;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.compaction.Compactions;
import io.stocktsdb.engine.index.SeriesIndex;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyDumps;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.keyspace.KeyspaceInternals;
import io.stocktsdb.engine.kline.Klines;
import io.stocktsdb.engine.query.Queries;
import io.stocktsdb.engine.series.ChunkFormat;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.storage.DirtyTracker;
import io.stocktsdb.engine.storage.DiskSpace;
import io.stocktsdb.engine.storage.OpLog;
import io.stocktsdb.engine.storage.RocksStore;
import io.stocktsdb.engine.storage.SeriesStore;
import org.rocksdb.ColumnFamilyHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Everything one opening of the data directory holds: RocksDB, the keyspace recovery rebuilt and
 * what hangs off it (label index, rules, K-line families, BATCH staging, DUMP/RESTORE), the op
 * log and the checkpointer. {@link Engine} serves from one at a time; a reload closes it and
 * opens the next on the same directory.
 */
final class OpenedStorage {
    private static final Logger log = LoggerFactory.getLogger(OpenedStorage.class);

    final RocksStore rocks;
    final BusinessRouter router;
    final Keyspace keyspace;
    final Compactions compactions;
    final Queries queries;
    final KeyDumps dumps;
    final Klines klines;
    final OpLog opLog;
    final Checkpointer checkpointer;
    final PointWriter pointWriter;
    final BatchJournal batches;
    final Recovery.Result recovery;
    final DiskSpace disk;
    volatile ReplicatedPosition replicated;

    /**
     * Opens and recovers the store. {@code previous}: the storage this one replaces (a reload),
     * null at start; its sequence numbers, counters and listeners go on here, and batches its
     * connections still have open stay staged.
     */
    private OpenedStorage(EngineConfig config, ChunkFormat format, OpenedStorage previous) {
        this.rocks = RocksStore.open(config.dataDir(), config.businessTypes(), config.blockCacheBytes(), config.writeBufferBytes(),
                config.acceptWalDamage());
        try {
            this.router = new BusinessRouter(businesses(config, rocks));
            DirtyTracker dirty = new DirtyTracker();
            SeriesStore store = new SeriesStore(rocks.db(), rocks.readOptions(), format, dirty, config.defaultDuplicatePolicy());
            this.recovery = Recovery.run(rocks, store, router, CommandClock::nowMs);
            this.keyspace = recovery.keyspace();
            this.compactions = new Compactions(keyspace);
            this.queries = new Queries(SeriesIndex.attach(keyspace), compactions);
            this.dumps = new KeyDumps(keyspace, CommandClock::nowMs);
            this.disk = DiskSpace.of(config.dataDir());
            // sequence numbers never go back: connections compare their pending seq with the committed one
            long lastSeq = previous == null ? recovery.lastSeq() : Math.max(recovery.lastSeq(), previous.opLog.lastAssignedSeq());
            this.opLog = new OpLog(rocks.db(), rocks.oplogCf(), rocks.stagingCf(), lastSeq, config.appendFsync() == AppendFsync.ALWAYS, disk);
            for (long[] seg : recovery.segments()) opLog.registerSegment(seg[0], seg[1]);
            store.attachOpLog(opLog);
            this.checkpointer = new Checkpointer(rocks, keyspace, dirty, opLog, recovery.checkpointSeq(), disk);
            BiFunction<Key, ValueType, SeriesOptions> defaults = (key, type) -> defaultSeriesOptions(router, key, type);
            this.pointWriter = new PointWriter(keyspace, (key, type) -> seedSeriesOptions(config, router, key, type));
            this.klines = new Klines(keyspace, defaults);
            klines.rebuild(); // before staged batches land: their ticks feed the families
            this.batches = new BatchJournal(opLog, pointWriter);
            if (previous == null) {
                batches.recover(rocks.db(), rocks.stagingCf());
            } else {
                batches.continueFrom(previous.batches);
                KeyspaceInternals.takeOver(keyspace, previous.keyspace);
                carryBusinessCounters(previous);
            }
            this.replicated = ReplicatedPosition.read(rocks);
        } catch (RuntimeException e) {
            rocks.close();
            throw e;
        }
    }

    static OpenedStorage open(EngineConfig config, ChunkFormat format) {
        return new OpenedStorage(config, format, null);
    }

    /** A reload: the same directory opened again after {@code previous} was closed. */
    static OpenedStorage reopen(EngineConfig config, ChunkFormat format, OpenedStorage previous) {
        return new OpenedStorage(config, format, previous);
    }

    private void carryBusinessCounters(OpenedStorage previous) {
        for (Business old : previous.router.all()) {
            Business now = router.byName(old.name());
            if (now != null) now.stats().carryCounters(old.stats());
        }
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

    /** See {@link Engine#defaultSeriesOptions}. */
    static SeriesOptions defaultSeriesOptions(BusinessRouter router, Key key, ValueType type) {
        BusinessType b = router.route(key).type();
        return new SeriesOptions(type, b.retentionMs(), b.chunkSizeBytes(), b.duplicatePolicy(), b.encoding(), 0, 0.0, Map.of(), List.of(), null);
    }

    /**
     * A series the seed commands create: the business defaults with the duplicate policy that
     * applies spelled out, as TS.CREATE does, so TS.INFO shows it rather than nil.
     */
    private static SeriesOptions seedSeriesOptions(EngineConfig config, BusinessRouter router, Key key, ValueType type) {
        SeriesOptions o = defaultSeriesOptions(router, key, type);
        return o.duplicatePolicy() != null ? o : o.withDuplicatePolicy(config.defaultDuplicatePolicy());
    }

    /**
     * Everything applied is made durable and, with {@code checkpoint}, written into RocksDB's own
     * tables (the op log trimmed); nothing is closed, so a failure here leaves the store serving.
     */
    void persist(boolean checkpoint) {
        opLog.commitAll();
        if (checkpoint) checkpointer.checkpoint();
        opLog.syncWal();
        if (checkpoint) rocks.flushMemtables();
    }

    /** Closes the op log, the checkpointer and RocksDB (after {@link #persist}, or without it to simulate a crash). */
    void release() {
        checkpointer.close();
        opLog.close();
        rocks.close();
    }
}
