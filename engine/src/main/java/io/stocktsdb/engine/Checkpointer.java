package io.stocktsdb.engine;

import io.stocktsdb.engine.keyspace.KeyspaceInternals;
import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.engine.storage.DiskSpace;

import io.stocktsdb.engine.storage.ChunkValueCodec;
import io.stocktsdb.engine.storage.DirtyTracker;
import io.stocktsdb.engine.storage.EngineRecordCodec;
import io.stocktsdb.engine.storage.KeyCodec;
import io.stocktsdb.engine.storage.MetadataCodec;
import io.stocktsdb.engine.storage.OpLog;
import io.stocktsdb.engine.storage.RocksStore;
import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes everything changed since the last checkpoint in ONE WriteBatch and trims the op log.
 *
 * <p>Snapshot phase (structure lock held exclusively, so no key is created, deleted or renamed;
 * sample ops on series continue): read T = last assigned seq, then collect a FLUSHALL wipe,
 * range deletes of deleted/moved series, metadata of changed keys (strings directly; series via
 * their snapshot), and every dirty series' chunks and metadata with persistedSeq = the seq of the
 * last op applied to it (which may exceed T). Then, outside the lock: commit the op log up to what
 * is assigned now (&gt;= T, so every change the snapshot holds is committed with the records of its
 * unit and no record &lt;= T can land after the trim), write the batch with the engine record
 * {checkpointSeq = T, nextSeriesId} and a delete of op-log entries &lt;= T.
 *
 * <p>Recovery invariant: every structural op &lt;= T is reflected on disk and none after it;
 * every series op &lt;= persistedSeq of its series is reflected. Replay applies the rest.
 */
final class Checkpointer {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final RocksStore rocks;
    private final Keyspace keyspace;
    private final DirtyTracker dirty;
    private final OpLog opLog;
    private final WriteOptions writeOptions = new WriteOptions();
    private final DiskSpace disk;
    private final AtomicLong count = new AtomicLong();
    private volatile long lastCheckpointMs;
    private volatile long lastDurationMs;
    private volatile long lastCheckpointSeq;
    private volatile long lastBatchBytes;
    private volatile long runningSinceMs;
    private volatile boolean lastFailed;
    private volatile long consecutiveFailures;

    public Checkpointer(RocksStore rocks, Keyspace keyspace, DirtyTracker dirty, OpLog opLog, long lastCheckpointSeq) {
        this(rocks, keyspace, dirty, opLog, lastCheckpointSeq, null);
    }

    /** @param disk the data directory's free space; a checkpoint that would eat into its reserve is postponed */
    public Checkpointer(RocksStore rocks, Keyspace keyspace, DirtyTracker dirty, OpLog opLog, long lastCheckpointSeq, DiskSpace disk) {
        this.rocks = rocks;
        this.disk = disk;
        this.keyspace = keyspace;
        this.dirty = dirty;
        this.opLog = opLog;
        this.lastCheckpointSeq = lastCheckpointSeq;
        this.lastCheckpointMs = System.currentTimeMillis();
    }

    /** Runs one checkpoint (serialised); returns false when there was nothing to write. */
    public synchronized boolean checkpoint() {
        runningSinceMs = System.currentTimeMillis();
        try {
            boolean wrote = checkpointNow();
            lastFailed = false;
            consecutiveFailures = 0;
            return wrote;
        } catch (RuntimeException e) {
            lastFailed = true;
            consecutiveFailures++;
            throw e;
        } finally {
            runningSinceMs = 0;
        }
    }

    private boolean checkpointNow() {
        long start = System.nanoTime();
        List<Series> snapshotted = new ArrayList<>();
        Taken taken = new Taken();
        long t;
        long bound;
        try (WriteBatch batch = new WriteBatch()) {
            KeyspaceInternals.structureLock(keyspace).writeLock().lock();
            try {
                t = opLog.lastAssignedSeq();
                if (dirty.isEmpty() && t == lastCheckpointSeq) return false;
                snapshot(batch, snapshotted, taken);
                batch.put(rocks.defaultCf(), KeyCodec.engineRecordKey(EngineRecordCodec.NAME), EngineRecordCodec.encode(t, keyspace.nextSeriesId()));
            } finally {
                KeyspaceInternals.structureLock(keyspace).writeLock().unlock();
            }
            // The snapshot may hold changes applied after T was read (series ops go on meanwhile),
            // and this batch makes them durable: commit their records too, so a multi-record unit
            // (a replicated entry and its applied position) is never on disk in part. The commit
            // waits for a unit in progress to end; it also covers every record <= T, so none can
            // land after the trim.
            opLog.commit(opLog.lastAssignedSeq());
            // after the commit: a segment it wrote may reach past t and must stay
            bound = opLog.trimBoundary(t);
            batch.deleteRange(rocks.oplogCf(), KeyCodec.opLogKey(0), KeyCodec.opLogKey(bound));
            lastBatchBytes = batch.getDataSize();
            // the batch goes through the WAL: never into the reserve a nearly full disk keeps for commits
            if (disk != null && !disk.hasRoomAboveReserve(lastBatchBytes)) {
                throw new StorageException("checkpoint postponed: its " + (lastBatchBytes >> 20) + " MB would go below the free-space reserve");
            }
            rocks.db().write(writeOptions, batch);
            if (disk != null) disk.wrote(lastBatchBytes);
        } catch (RocksDBException | RuntimeException e) {
            // nothing was written: give everything back, or a later checkpoint would trim the
            // op log without having persisted what this one took
            Set<Series> undo = Collections.newSetFromMap(new IdentityHashMap<>());
            undo.addAll(snapshotted);
            undo.addAll(taken.series);
            for (Series s : undo) SeriesInternals.checkpointFailed(s);
            dirty.restore(taken.wipe, taken.rangeDeletes, taken.keys);
            log.error("checkpoint write failed series={}; its changes stay queued for the next one", snapshotted.size(), e);
            throw e instanceof StorageException se ? se : new StorageException("checkpoint failed", e);
        }
        for (Series s : snapshotted) SeriesInternals.checkpointWritten(s);
        KeyspaceInternals.forgetBigValues(keyspace, taken.deadBigValues);
        opLog.trimmedBelow(bound);
        lastCheckpointSeq = t;
        lastCheckpointMs = System.currentTimeMillis();
        lastDurationMs = (System.nanoTime() - start) / 1_000_000;
        count.incrementAndGet();
        log.debug("checkpoint seq={} series={} bytes={} ms={}", t, snapshotted.size(), lastBatchBytes, lastDurationMs);
        return true;
    }

    /** What a snapshot drained from the dirty tracker, to give back if the checkpoint fails. */
    private static final class Taken {
        boolean wipe;
        List<DirtyTracker.RangeDelete> rangeDeletes = List.of();
        List<Key> keys = List.of();
        List<Series> series = List.of();
        long[] deadBigValues = new long[0];
    }

    private void snapshot(WriteBatch batch, List<Series> snapshotted, Taken taken) throws RocksDBException {
        taken.wipe = dirty.takeWipe();
        taken.rangeDeletes = dirty.takeRangeDeletes();
        taken.keys = dirty.takeKeys();
        if (taken.wipe) {
            batch.deleteRange(rocks.defaultCf(), new byte[] {0}, KeyCodec.metadataUpperBound());
            for (ColumnFamilyHandle cf : rocks.businessCfs().values()) {
                batch.deleteRange(cf, new byte[] {0}, new byte[] {(byte) 0xFF});
            }
        }
        for (DirtyTracker.RangeDelete rd : taken.rangeDeletes) {
            batch.deleteRange(rd.business().columnFamily(), KeyCodec.seriesPrefix(rd.slot(), rd.seriesId()),
                    KeyCodec.seriesPrefixEnd(rd.slot(), rd.seriesId()));
        }
        Set<Series> toSnapshot = Collections.newSetFromMap(new IdentityHashMap<>());
        taken.series = dirty.takeSeries();
        toSnapshot.addAll(taken.series);
        for (Key k : taken.keys) {
            Object entry = KeyspaceInternals.rawEntry(keyspace, k);
            if (entry instanceof Series s) {
                toSnapshot.add(s);
            } else if (KeyspaceInternals.bigValueIdOf(entry) != 0) {
                batch.put(rocks.defaultCf(), KeyCodec.metadataKey(k), MetadataCodec.encodeBigString(KeyspaceInternals.bigValueIdOf(entry),
                        KeyspaceInternals.stringLengthOf(entry), KeyspaceInternals.deadlineOf(keyspace, k)));
            } else if (entry != null) {
                batch.put(rocks.defaultCf(), KeyCodec.metadataKey(k),
                        MetadataCodec.encodeString(KeyspaceInternals.stringValueOf(entry), KeyspaceInternals.deadlineOf(keyspace, k)));
            } else {
                batch.delete(rocks.defaultCf(), KeyCodec.metadataKey(k));
            }
        }
        // big values no key names any more: their parts go in this batch, with the records that stopped naming them
        taken.deadBigValues = KeyspaceInternals.unreferencedBigValues(keyspace);
        for (long id : taken.deadBigValues) rocks.bigValues().deleteInto(batch, id);
        Sink sink = new Sink(batch);
        for (Series s : toSnapshot) {
            if (SeriesInternals.checkpointSnapshot(s, sink)) snapshotted.add(s);
            if (sink.failure != null) throw sink.failure;
        }
    }

    public long count() { return count.get(); }

    /** Wall time the running checkpoint started, 0 when none runs. */
    public long runningSinceMs() { return runningSinceMs; }

    /** Whether the last checkpoint failed (its changes stay queued for the next). */
    public boolean lastFailed() { return lastFailed; }

    public long consecutiveFailures() { return consecutiveFailures; }

    public long lastCheckpointMs() { return lastCheckpointMs; }

    public long lastDurationMs() { return lastDurationMs; }

    public long lastCheckpointSeq() { return lastCheckpointSeq; }

    public long lastBatchBytes() { return lastBatchBytes; }

    public void close() {
        writeOptions.close();
    }

    private final class Sink implements io.stocktsdb.engine.series.CheckpointSink {
        private final WriteBatch batch;
        RocksDBException failure;

        Sink(WriteBatch batch) {
            this.batch = batch;
        }

        @Override
        public void putChunk(Business business, int slot, long seriesId, long firstTs, int count, long lastTs, byte[] encoded) {
            try {
                batch.put(business.columnFamily(), KeyCodec.chunkKey(slot, seriesId, firstTs), ChunkValueCodec.encode(count, lastTs, encoded));
            } catch (RocksDBException e) {
                failure = e;
            }
        }

        @Override
        public void deleteChunk(Business business, int slot, long seriesId, long firstTs) {
            try {
                batch.delete(business.columnFamily(), KeyCodec.chunkKey(slot, seriesId, firstTs));
            } catch (RocksDBException e) {
                failure = e;
            }
        }

        @Override
        public void putSeries(Series series, Key key, Business business, SeriesOptions options, long persistedSeq) {
            try {
                byte[] encodedOptions = SeriesInternals.encodedOptions(series, options, MetadataCodec::encodeOptions);
                batch.put(rocks.defaultCf(), KeyCodec.metadataKey(key),
                        MetadataCodec.encodeSeries(series.id(), persistedSeq, business.name(), encodedOptions, KeyspaceInternals.deadlineOf(keyspace, key)));
            } catch (RocksDBException e) {
                failure = e;
            }
        }
    }
}
