package io.stocktsdb.engine.batch;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.AddResult;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.storage.OpLog;
import io.stocktsdb.engine.error.StorageException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes BATCH_SET durable when it is acknowledged while keeping its points invisible until the
 * batch flushes. Each staged point is a put into the {@code staging} column family, queued in
 * the op log's group commit so it is in RocksDB's WAL before the +OK leaves; a flush writes the
 * points as ordinary ops and deletes the batch's staging keys in the same WriteBatch. At start,
 * points of batches that never flushed (their server died) are flushed, as a disconnect would.
 *
 * <p>The points a connection adds in one read batch are staged as one record. Staging key:
 * {@code [batch id u64][index of the record's first point u32]} (big-endian). Value:
 * {@code [version u8 = 1][count u32]} then per point {@code [value type code u8][quality u8]
 * [timestamp i64][value bits i64][key length u32][key][blob length i32, -1 = none][blob]}.
 */
public final class BatchJournal {
    private static final Logger log = LoggerFactory.getLogger(BatchJournal.class);
    private static final int VERSION = 1;

    private final OpLog opLog;
    private final PointWriter writer;
    private final AtomicLong nextBatchId = new AtomicLong(System.currentTimeMillis() << 16);

    public BatchJournal(OpLog opLog, PointWriter writer) {
        this.opLog = opLog;
        this.writer = writer;
    }

    /**
     * A reload: this journal replaces {@code old} on the same store. Batch ids go on after its
     * (connections keep adding to batches they opened), and their staged points stay staged:
     * they are flushed by their connection, not by {@link #recover}.
     */
    public void continueFrom(BatchJournal old) {
        nextBatchId.accumulateAndGet(old.nextBatchId.get(), Math::max);
    }

    /** A batch id never used before, also across restarts. */
    public long newBatchId() {
        return nextBatchId.incrementAndGet();
    }

    /**
     * Stages points {@code firstIndex..} of a batch as one record; returns the op-log seq that
     * must be committed before they are acknowledged.
     */
    public long stage(long batchId, int firstIndex, List<StagedPoint> points) {
        return opLog.appendStagePut(stagingKey(batchId, firstIndex), encode(points));
    }

    /**
     * Writes the batch's points into their series and drops them from staging, atomically with
     * those writes. Points refused at flush time (the key changed type since BATCH_SET, or
     * retention) are logged: they were acknowledged, so they are never dropped silently.
     * Returns the seq to commit.
     */
    public long flush(long batchId, List<StagedPoint> points) {
        int refused = 0;
        for (StagedPoint p : points) {
            if (!apply(p)) refused++;
        }
        if (refused > 0) log.error("batch flush refused points batchId={} refused={} of={}", batchId, refused, points.size());
        return opLog.appendStageDeleteRange(stagingKey(batchId, 0), stagingKey(batchId + 1, 0));
    }

    private boolean apply(StagedPoint p) {
        try {
            AddResult r = writer.write(p.key(), p.type(), p.timestamp(), p.valueBits(), p.blob(), p.quality());
            if (r == AddResult.TOO_OLD) {
                log.error("batch point older than retention key={} ts={}", p.key(), p.timestamp());
                return false;
            }
            return true;
        } catch (io.stocktsdb.engine.error.WrongTypeException e) {
            log.error("batch point does not match its key's type any more key={} ts={} type={}", p.key(), p.timestamp(), p.type());
            return false;
        }
    }

    /** Start-up: flushes every batch left in staging by a server that stopped before flushing it. */
    public int recover(RocksDB db, ColumnFamilyHandle stagingCf) {
        List<StagedPoint> points = new ArrayList<>();
        long maxBatch = 0;
        try (RocksIterator it = db.newIterator(stagingCf)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                maxBatch = Math.max(maxBatch, ByteBuffer.wrap(it.key()).getLong());
                points.addAll(decode(it.value()));
            }
        }
        if (points.isEmpty()) return 0;
        for (StagedPoint p : points) apply(p);
        opLog.appendStageDeleteRange(stagingKey(0, 0), stagingKey(maxBatch + 1, 0));
        opLog.commitAll();
        nextBatchId.accumulateAndGet(maxBatch, Math::max);
        log.info("flushed batches left unflushed at the last stop points={}", points.size());
        return points.size();
    }

    static byte[] stagingKey(long batchId, int index) {
        return ByteBuffer.allocate(12).putLong(batchId).putInt(index).array();
    }

    static byte[] encode(List<StagedPoint> points) {
        int size = 1 + 4;
        for (StagedPoint p : points) size += 1 + 1 + 8 + 8 + 4 + p.key().length() + 4 + (p.blob() == null ? 0 : p.blob().length);
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put((byte) VERSION).putInt(points.size());
        for (StagedPoint p : points) {
            byte[] key = p.key().bytes();
            byte[] blob = p.blob();
            b.put((byte) p.type().code()).put((byte) p.quality()).putLong(p.timestamp()).putLong(p.valueBits());
            b.putInt(key.length).put(key);
            if (blob == null) {
                b.putInt(-1);
            } else {
                b.putInt(blob.length).put(blob);
            }
        }
        return b.array();
    }

    static List<StagedPoint> decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int version = b.get();
        if (version != VERSION) throw new StorageException("unknown staging record version " + version);
        int count = b.getInt();
        List<StagedPoint> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ValueType type = ValueType.ofCode(b.get());
            int quality = b.get();
            long ts = b.getLong();
            long bits = b.getLong();
            byte[] key = new byte[b.getInt()];
            b.get(key);
            int blobLen = b.getInt();
            byte[] blob = null;
            if (blobLen >= 0) {
                blob = new byte[blobLen];
                b.get(blob);
            }
            out.add(new StagedPoint(Key.of(key), type, ts, bits, blob, quality));
        }
        return out;
    }
}
