package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.keyspace.Key;
import io.stocktsdb.engine.series.DuplicatePolicy;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The op log with leader-follower group commit.
 *
 * <p>Append (under the lock of whatever the op mutated, after mutating memory): takes the next
 * global sequence number and copies the encoded record into an in-memory pending buffer, in seq
 * order. Commit: the first thread to get the commit lock swaps out the whole pending buffer (ops
 * of every thread) and writes it as ONE RocksDB WriteBatch into the {@code oplog} column family,
 * one entry per op keyed by its big-endian seq, synced when appendfsync is always; threads whose
 * seq was covered by someone else's batch return without writing. A reply is flushed only after
 * commit returns, so an acknowledged write is at least in RocksDB's WAL (which survives kill -9).
 */
public final class OpLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpLog.class);
    private static final int INITIAL_BUFFER = 1 << 16;
    private static final int RECORD_HEADER = 12; // seq u64 + length u32
    /** A length of -1 in the pending stream marks a put into the staging column family. */
    private static final int STAGE_PUT = -1;
    /** A length of -2 marks a delete-range in the staging column family. */
    private static final int STAGE_DELETE_RANGE = -2;

    private final RocksDB db;
    private final ColumnFamilyHandle cf;
    private final ColumnFamilyHandle stagingCf;
    private final WriteOptions writeOptions;

    private final ReentrantLock appendLock = new ReentrantLock();
    private ByteBuffer pending = ByteBuffer.allocateDirect(INITIAL_BUFFER); // guarded by appendLock
    private volatile long lastAssigned;

    private final ReentrantLock commitLock = new ReentrantLock();
    private ByteBuffer spare = ByteBuffer.allocateDirect(INITIAL_BUFFER); // guarded by commitLock
    private final WriteBatch batch = new WriteBatch(); // guarded by commitLock
    private final ByteBuffer keyBuffer = ByteBuffer.allocateDirect(8); // guarded by commitLock
    private volatile long lastCommitted;
    private volatile boolean failed;

    private final AtomicLong bytesSinceTrim = new AtomicLong();
    private final AtomicLong recordsSinceTrim = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();

    /**
     * @param lastSeq the highest seq ever used (recovery); new ops continue after it
     * @param sync    appendfsync always: every commit fsyncs the WAL
     */
    public OpLog(RocksDB db, ColumnFamilyHandle cf, ColumnFamilyHandle stagingCf, long lastSeq, boolean sync) {
        this.db = db;
        this.cf = cf;
        this.stagingCf = stagingCf;
        this.writeOptions = new WriteOptions().setSync(sync);
        this.lastAssigned = lastSeq;
        this.lastCommitted = lastSeq;
    }

    /** Appends an ADD without allocating; returns its seq. */
    public long appendAdd(Key key, long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) {
        int size = OpCodec.addSize(key, blob);
        appendLock.lock();
        try {
            ensure(RECORD_HEADER + size);
            long seq = lastAssigned + 1;
            pending.putLong(seq).putInt(size);
            OpCodec.writeAdd(pending, key, ts, valueBits, blob, quality, policy);
            lastAssigned = seq;
            return seq;
        } finally {
            appendLock.unlock();
        }
    }

    /** Appends an encoded record ({@link OpCodec#encode}); returns its seq. */
    public long append(byte[] record) {
        appendLock.lock();
        try {
            ensure(RECORD_HEADER + record.length);
            long seq = lastAssigned + 1;
            pending.putLong(seq).putInt(record.length).put(record);
            lastAssigned = seq;
            return seq;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Queues a put into the staging column family, committed in the same WriteBatch as the ops
     * around it. Takes a seq so that {@link #commit} covers it; no op-log record is written.
     */
    public long appendStagePut(byte[] key, byte[] value) {
        return appendSide(STAGE_PUT, key, value);
    }

    /** Queues a delete of staging keys in [begin, end), atomically with the ops around it. */
    public long appendStageDeleteRange(byte[] begin, byte[] end) {
        return appendSide(STAGE_DELETE_RANGE, begin, end);
    }

    private long appendSide(int kind, byte[] a, byte[] b) {
        appendLock.lock();
        try {
            ensure(RECORD_HEADER + 8 + a.length + b.length);
            long seq = lastAssigned + 1;
            pending.putLong(seq).putInt(kind).putInt(a.length).put(a).putInt(b.length).put(b);
            lastAssigned = seq;
            return seq;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Starts a group: until {@link #endGroup}, other threads cannot append, so the records this
     * thread appends meanwhile are contiguous and always land in the same commit batch (one
     * atomic RocksDB write). Used when one command changes several series (a compaction source
     * and its destinations, a key and its rule partners). Call only after every lock the records
     * need is held and every in-memory change is made: nothing may block inside a group.
     */
    public void beginGroup() {
        appendLock.lock();
    }

    public void endGroup() {
        appendLock.unlock();
    }

    /** Makes every op with seq &lt;= {@code seq} durable per appendfsync; returns at once if it already is. */
    public void commit(long seq) {
        if (lastCommitted >= seq) return;
        commitLock.lock();
        try {
            if (lastCommitted >= seq) return;
            if (failed) throw new StorageException("op log is failed; no further commits");
            ByteBuffer toWrite;
            long upTo;
            appendLock.lock();
            try {
                toWrite = pending;
                pending = spare;
                upTo = lastAssigned;
            } finally {
                appendLock.unlock();
            }
            toWrite.flip();
            try {
                writeBatch(toWrite);
            } catch (RocksDBException e) {
                failed = true;
                log.error("op log commit failed up to seq={} bytes={}", upTo, toWrite.limit(), e);
                throw new StorageException("op log commit failed", e);
            }
            bytesSinceTrim.addAndGet(toWrite.limit());
            toWrite.clear();
            spare = toWrite.capacity() > 4 * INITIAL_BUFFER * 16 ? ByteBuffer.allocateDirect(INITIAL_BUFFER) : toWrite;
            lastCommitted = upTo;
            commits.incrementAndGet();
        } finally {
            commitLock.unlock();
        }
    }

    /** Commits everything appended so far. */
    public void commitAll() {
        commit(lastAssigned);
    }

    private void writeBatch(ByteBuffer buf) throws RocksDBException {
        batch.clear();
        int records = 0;
        int sideOps = 0;
        ByteBuffer value = buf.duplicate(); // one view per batch, moved over each record
        while (buf.remaining() > 0) {
            long seq = buf.getLong();
            int len = buf.getInt();
            if (len < 0) {
                applySide(len, buf);
                sideOps++;
                continue;
            }
            int start = buf.position();
            keyBuffer.clear();
            keyBuffer.putLong(seq).flip();
            value.limit(buf.limit());
            value.position(start);
            value.limit(start + len);
            batch.put(cf, keyBuffer, value);
            buf.position(start + len);
            records++;
        }
        if (records == 0 && sideOps == 0) return;
        db.write(writeOptions, batch);
        recordsSinceTrim.addAndGet(records);
    }

    private void applySide(int kind, ByteBuffer buf) throws RocksDBException {
        byte[] a = new byte[buf.getInt()];
        buf.get(a);
        byte[] b = new byte[buf.getInt()];
        buf.get(b);
        if (kind == STAGE_PUT) {
            batch.put(stagingCf, a, b);
        } else {
            batch.deleteRange(stagingCf, a, b);
        }
    }

    /** fsyncs the WAL (appendfsync everysec); a no-op cost when nothing was written. */
    public void syncWal() {
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            log.error("WAL sync failed", e);
            throw new StorageException("WAL sync failed", e);
        }
    }

    /** Called by a checkpoint that deleted the log up to its seq. */
    void trimmed() {
        bytesSinceTrim.set(0);
        recordsSinceTrim.set(0);
    }

    public long lastAssignedSeq() { return lastAssigned; }

    public long lastCommittedSeq() { return lastCommitted; }

    /** Bytes written to the op log column family since the last checkpoint trimmed it. */
    public long bytesSinceTrim() { return bytesSinceTrim.get(); }

    public long recordsSinceTrim() { return recordsSinceTrim.get(); }

    public long commits() { return commits.get(); }

    private void ensure(int n) {
        if (pending.remaining() >= n) return;
        int cap = pending.capacity();
        while (cap - pending.position() < n) cap *= 2;
        ByteBuffer bigger = ByteBuffer.allocateDirect(cap);
        pending.flip();
        bigger.put(pending);
        pending = bigger;
    }

    @Override
    public void close() {
        batch.close();
        writeOptions.close();
    }
}
