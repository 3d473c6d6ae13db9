package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.error.WriteFailedException;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
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
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
    private static final byte SEGMENT_MARKER = OpLogValues.SEGMENT_MARKER;
    private static final int MAX_SEGMENT_BYTES = 4 << 20;
    /** An ADD_RUN record is closed (and the run goes on in a new one) once it reaches this size. */
    private static final int MAX_RUN_RECORD_BYTES = 64 << 10;
    /** A length of -1 in the pending stream marks a put into the staging column family. */
    private static final int STAGE_PUT = -1;
    /** A length of -2 marks a delete-range in the staging column family. */
    private static final int STAGE_DELETE_RANGE = -2;
    /** A length of -3 marks a put into the default column family (an engine record). */
    private static final int ENGINE_PUT = -3;
    /** A length of -4 marks a big record kept by reference (its index in the big-record list follows). */
    private static final int BIG_RECORD = -4;
    /**
     * Records at least this long (a huge SET) are not copied into the pending and segment
     * buffers: the encoded array itself becomes one op-log value (the single-record format).
     */
    static final int BIG_RECORD_BYTES = 1 << 20;
    /** A reused WriteBatch whose native buffer grew past this is replaced, so a huge write's memory goes back. */
    private static final long BATCH_KEEP_BYTES = 16L << 20;

    private final RocksDB db;
    private final ColumnFamilyHandle cf;
    private final ColumnFamilyHandle stagingCf;
    private final ColumnFamilyHandle defaultCf;
    private final WriteOptions writeOptions;
    private final DiskSpace disk;

    private final ReentrantLock appendLock = new ReentrantLock();
    private ByteBuffer pending = ByteBuffer.allocateDirect(INITIAL_BUFFER); // guarded by appendLock
    private java.util.List<byte[]> pendingBig = new java.util.ArrayList<>(); // guarded by appendLock
    private volatile long lastAssigned;

    /**
     * Units (a replicated entry's ops plus its applied position) hold the read side; a commit's
     * buffer swap takes the write side, so no batch ever carries part of a unit.
     */
    private final ReentrantReadWriteLock unitGate = new ReentrantReadWriteLock();

    private final ReentrantLock commitLock = new ReentrantLock();
    private ByteBuffer spare = ByteBuffer.allocateDirect(INITIAL_BUFFER); // guarded by commitLock
    private WriteBatch batch = new WriteBatch(); // guarded by commitLock
    private final ByteBuffer keyBuffer = ByteBuffer.allocateDirect(8); // guarded by commitLock
    private ByteBuffer segment = ByteBuffer.allocateDirect(INITIAL_BUFFER); // guarded by commitLock
    private final java.util.List<long[]> written = new java.util.ArrayList<>(); // guarded by commitLock
    /** Segments in the op log: first seq -> last seq. */
    private final java.util.concurrent.ConcurrentSkipListMap<Long, Long> segments = new java.util.concurrent.ConcurrentSkipListMap<>();
    private volatile long lastCommitted;

    static final long RETRY_MIN_MS = 100;
    static final long RETRY_MAX_MS = 1000;
    /** Records of a failed commit, written again before anything newer (guarded by commitLock). */
    private ByteBuffer failedRecords;
    private java.util.List<byte[]> failedBig;
    private long failedUpTo;
    private long retryAtNanos;
    private long retryDelayMs = RETRY_MIN_MS;
    private long failedSinceNanos;
    private volatile String lastError;
    private final AtomicLong failures = new AtomicLong();

    private final AtomicLong bytesSinceTrim = new AtomicLong();
    private final AtomicLong recordsSinceTrim = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();

    /**
     * @param lastSeq the highest seq ever used (recovery); new ops continue after it
     * @param sync    appendfsync always: every commit fsyncs the WAL
     * @param disk    the data directory's free space, checked before each write
     */
    public OpLog(RocksDB db, ColumnFamilyHandle cf, ColumnFamilyHandle stagingCf, long lastSeq, boolean sync, DiskSpace disk) {
        this.db = db;
        this.disk = disk;
        this.cf = cf;
        this.stagingCf = stagingCf;
        this.defaultCf = db.getDefaultColumnFamily();
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

    // the open run (beginRun .. endRun), guarded by appendLock
    private int openRunStart = -1;
    private int runCount;
    private int runQuality;
    private long runPrevTs;
    private long runLastSeq;

    /**
     * Starts a run of sample adds logged as ONE ADD_RUN record, sample {@code i} taking seq
     * {@code first + i} (so replay, checkpoints and trimming see one seq per sample as before).
     * Holds the append lock until {@link #endRun}: the run's samples are contiguous in seq and in
     * the log. Between the two calls the thread must not block on any lock (it would hold up
     * every writer) and must append nothing but {@link #runAdd}; a series whose write needs other
     * locks ends the run first.
     */
    public void beginRun(int quality) {
        appendLock.lock();
        openRunStart = -1;
        runQuality = quality;
        runLastSeq = lastAssigned;
    }

    /** Appends one sample to the open run (call under the series' lock); returns its seq. */
    public long runAdd(long seriesId, long ts, long valueBits, DuplicatePolicy policy) {
        if (openRunStart < 0) {
            ensure(RECORD_HEADER + OpCodec.RUN_HEADER_BYTES + OpCodec.RUN_SAMPLE_MAX_BYTES);
            openRunStart = pending.position();
            pending.putLong(runLastSeq + 1).putInt(0);
            OpCodec.writeRunHeader(pending, runQuality);
            runCount = 0;
            runPrevTs = 0;
        } else {
            ensure(OpCodec.RUN_SAMPLE_MAX_BYTES);
        }
        OpCodec.writeRunSample(pending, seriesId, ts - runPrevTs, valueBits, policy);
        runPrevTs = ts;
        runCount++;
        if (pending.position() - openRunStart >= MAX_RUN_RECORD_BYTES) finishRunRecord();
        return ++runLastSeq; // published by endRun: nobody can commit or append before it
    }

    /** Ends the run: its record gets its length and count, and the append lock is released. */
    public void endRun() {
        try {
            finishRunRecord();
            lastAssigned = runLastSeq;
        } finally {
            appendLock.unlock();
        }
    }

    /** Sets the open run record's length and count; the run's next sample starts a new record. */
    private void finishRunRecord() {
        if (openRunStart < 0) return;
        pending.putInt(openRunStart + 8, pending.position() - openRunStart - RECORD_HEADER);
        OpCodec.setRunCount(pending, openRunStart + RECORD_HEADER, runCount);
        openRunStart = -1;
    }

    /** Appends an encoded record ({@link OpCodec#encode}); returns its seq. */
    public long append(byte[] record) {
        appendLock.lock();
        try {
            long seq = lastAssigned + 1;
            if (record.length >= BIG_RECORD_BYTES) {
                ensure(RECORD_HEADER + 4);
                pending.putLong(seq).putInt(BIG_RECORD).putInt(pendingBig.size());
                pendingBig.add(record);
                lastAssigned = seq;
                return seq;
            }
            ensure(RECORD_HEADER + record.length);
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

    /** Queues a put of an engine record into the default column family, in the same batch as the ops around it. */
    public long appendEnginePut(byte[] key, byte[] value) {
        return appendSide(ENGINE_PUT, key, value);
    }

    /**
     * Starts a unit: the records this thread appends until {@link #endUnit} are committed in one
     * batch (other threads keep appending; a commit waits for the unit to end before it swaps the
     * pending buffer). A thread inside a unit must not commit: its commit calls return at once.
     */
    public void beginUnit() {
        unitGate.readLock().lock();
    }

    public void endUnit() {
        unitGate.readLock().unlock();
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

    /**
     * Makes every op with seq &lt;= {@code seq} durable per appendfsync; returns at once if it
     * already is. When RocksDB refuses the write (a full disk), the records are kept, in order,
     * and written again before anything newer: callers get a {@link WriteFailedException} at once
     * until a retry (every {@link #RETRY_MIN_MS} ms doubling to {@link #RETRY_MAX_MS}, by the next
     * commit or by {@link #retryFailed}) succeeds, after which everything is durable and
     * committing goes on as before.
     */
    public void commit(long seq) {
        if (lastCommitted >= seq || unitGate.getReadHoldCount() > 0) return;
        commitLock.lock();
        try {
            if (lastCommitted >= seq) return;
            if (failedRecords != null) {
                if (System.nanoTime() < retryAtNanos) throw new WriteFailedException(lastError);
                writeFailedRecords();
                if (lastCommitted >= seq) return;
            }
            ByteBuffer toWrite;
            java.util.List<byte[]> big;
            long upTo;
            unitGate.writeLock().lock();
            appendLock.lock();
            try {
                toWrite = pending;
                pending = spare;
                big = pendingBig;
                if (!big.isEmpty()) pendingBig = new java.util.ArrayList<>();
                upTo = lastAssigned;
            } finally {
                appendLock.unlock();
                unitGate.writeLock().unlock();
            }
            toWrite.flip();
            String refused = null;
            Throwable cause = null;
            if (!disk.hasRoomFor(toWrite.limit())) {
                refused = disk.error();
            } else {
                try {
                    writeBatch(toWrite, big);
                    disk.wrote(toWrite.limit() + bigBytes(big));
                } catch (RocksDBException e) {
                    refused = "Errors writing to the op log: " + reason(e);
                    cause = e;
                }
            }
            if (refused != null) {
                // keep the records: they are applied in memory, so they must reach the log
                failedRecords = toWrite;
                failedBig = big.isEmpty() ? java.util.List.of() : big;
                failedUpTo = upTo;
                spare = ByteBuffer.allocateDirect(INITIAL_BUFFER);
                retryDelayMs = RETRY_MIN_MS;
                failed(refused, cause, upTo, toWrite.limit());
            }
            commitSucceeded(toWrite, upTo, true);
        } finally {
            commitLock.unlock();
        }
    }

    /** Writes the records a failed commit kept; throws (and backs off) if that fails again. Holds commitLock. */
    private void writeFailedRecords() {
        ByteBuffer records = failedRecords;
        records.position(0);
        retryDelayMs = Math.min(RETRY_MAX_MS, retryDelayMs * 2);
        if (!disk.hasRoomFor(records.limit())) failed(disk.error(), null, failedUpTo, records.limit());
        try {
            writeBatch(records, failedBig);
            disk.wrote(records.limit());
        } catch (RocksDBException e) {
            failed("Errors writing to the op log: " + reason(e), e, failedUpTo, records.limit());
        }
        failedRecords = null;
        failedBig = null;
        log.warn("op log writes resumed: the {} bytes kept since the failure are written up to seq={} (failed for {} ms)",
                records.limit(), failedUpTo, (System.nanoTime() - failedSinceNanos) / 1_000_000);
        lastError = null;
        commitSucceeded(records, failedUpTo, false);
    }

    private void failed(String error, Throwable cause, long upTo, int bytes) {
        boolean first = lastError == null;
        lastError = error;
        retryAtNanos = System.nanoTime() + retryDelayMs * 1_000_000;
        if (first) {
            failedSinceNanos = System.nanoTime();
            failures.incrementAndGet();
            log.error("op log write refused up to seq={} bytes={}: {}; writes are refused and the records kept, retrying every {}-{} ms",
                    upTo, bytes, error, RETRY_MIN_MS, RETRY_MAX_MS, cause);
        } else if (cause != null) {
            log.debug("op log retry failed: {}", cause.getMessage());
        }
        throw new WriteFailedException(error, cause);
    }

    /** The OS error text, e.g. "No space left on device", without RocksDB's file context. */
    private static String reason(RocksDBException e) {
        org.rocksdb.Status st = e.getStatus();
        if (st != null && st.getSubCode() == org.rocksdb.Status.SubCode.NoSpace) return "No space left on device";
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int colon = m.lastIndexOf(": ");
        return colon >= 0 ? m.substring(colon + 2) : m;
    }

    /** Bookkeeping after {@code written} reached RocksDB; {@code recycle}: it becomes the next spare buffer. */
    private void commitSucceeded(ByteBuffer written, long upTo, boolean recycle) {
        bytesSinceTrim.addAndGet(written.limit());
        written.clear();
        if (recycle) spare = written.capacity() > 4 * INITIAL_BUFFER * 16 ? ByteBuffer.allocateDirect(INITIAL_BUFFER) : written;
        lastCommitted = upTo;
        commits.incrementAndGet();
    }

    /**
     * Background retry while writes are failing, so they resume even when no client commits;
     * does nothing when healthy or before the back-off elapsed.
     */
    public void retryFailed() {
        if (failedRecords == null) return;
        commitLock.lock();
        try {
            if (failedRecords == null || System.nanoTime() < retryAtNanos) return;
            writeFailedRecords();
        } catch (WriteFailedException stillFailing) {
            // logged once when it started; the next tick tries again
        } finally {
            commitLock.unlock();
        }
    }

    /** Why writes are failing ("Errors writing to the op log: No space left on device"), or null when they are not. */
    public String writeError() { return lastError; }

    /** How many times writing started to fail (INFO persistence). */
    public long writeFailures() { return failures.get(); }

    /** Commits everything appended so far. */
    public void commitAll() {
        commit(lastAssigned);
    }

    /**
     * Writes one commit's records as segments: one RocksDB value per up to
     * {@link #MAX_SEGMENT_BYTES} of records, keyed by its first seq, so a commit of thousands of
     * samples costs a few memtable inserts instead of one per sample. Side records (staging) are
     * separate puts in the same WriteBatch.
     */
    private void writeBatch(ByteBuffer buf, java.util.List<byte[]> big) throws RocksDBException {
        if (batch.getDataSize() > BATCH_KEEP_BYTES) {
            batch.close();
            batch = new WriteBatch();
        }
        batch.clear();
        segment.clear();
        int records = 0;
        int sideOps = 0;
        long first = -1;
        long last = -1;
        int segmentsBefore = written.size();
        while (buf.remaining() > 0) {
            long seq = buf.getLong();
            int len = buf.getInt();
            if (len == BIG_RECORD) {
                if (first >= 0) {
                    putSegment(first, last);
                    first = -1;
                }
                batch.put(cf, KeyCodec.opLogKey(seq), big.get(buf.getInt()));
                written.add(new long[] {seq, seq});
                records++;
                continue;
            }
            if (len < 0) {
                applySide(len, buf);
                sideOps++;
                continue;
            }
            if (first < 0) {
                first = seq;
                segment.put(SEGMENT_MARKER);
            }
            // pending and segment share the record layout (seq, length, bytes): the run of plain
            // records that fits in this segment is copied at once instead of record by record
            int runStart = buf.position() - RECORD_HEADER;
            int end = buf.position() + len;
            int segmentBytes = segment.position() + RECORD_HEADER + len;
            last = OpCodec.lastSeq(buf, buf.position(), len, seq);
            records += (int) (last - seq + 1); // ops, not records: an ADD_RUN holds many
            while (segmentBytes < MAX_SEGMENT_BYTES && end < buf.limit()) {
                int nextLen = buf.getInt(end + 8);
                if (nextLen < 0) break;
                long nextSeq = buf.getLong(end);
                last = OpCodec.lastSeq(buf, end + RECORD_HEADER, nextLen, nextSeq);
                end += RECORD_HEADER + nextLen;
                segmentBytes += RECORD_HEADER + nextLen;
                records += (int) (last - nextSeq + 1);
            }
            ensureSegment(end - runStart);
            ByteBuffer run = buf.duplicate();
            run.position(runStart).limit(end);
            segment.put(run);
            buf.position(end);
            if (segment.position() >= MAX_SEGMENT_BYTES) {
                putSegment(first, last);
                first = -1;
            }
        }
        if (first >= 0) putSegment(first, last);
        if (records == 0 && sideOps == 0) return;
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            while (written.size() > segmentsBefore) written.remove(written.size() - 1);
            throw e;
        }
        for (int i = segmentsBefore; i < written.size(); i++) segments.put(written.get(i)[0], written.get(i)[1]);
        written.clear();
        recordsSinceTrim.addAndGet(records);
    }

    private void putSegment(long first, long last) throws RocksDBException {
        segment.flip();
        keyBuffer.clear();
        keyBuffer.putLong(first).flip();
        batch.put(cf, keyBuffer, segment);
        segment.clear();
        written.add(new long[] {first, last});
    }

    private void ensureSegment(int n) {
        if (segment.remaining() >= n) return;
        int cap = segment.capacity();
        while (cap - segment.position() < n) cap *= 2;
        ByteBuffer bigger = ByteBuffer.allocateDirect(cap);
        segment.flip();
        bigger.put(segment);
        segment = bigger;
    }

    private static long bigBytes(java.util.List<byte[]> big) {
        long n = 0;
        for (byte[] b : big) n += b.length;
        return n;
    }

    /** Start-up: a segment recovery found in the op log. */
    public void registerSegment(long first, long last) {
        segments.put(first, last);
    }

    /**
     * The op-log key below which every segment only holds ops with seq &lt;= {@code seq}: a
     * checkpoint covering {@code seq} may delete [0, bound). A segment that straddles
     * {@code seq} stays; replay skips its ops the checkpoint already holds.
     */
    public long trimBoundary(long seq) {
        for (var e : segments.entrySet()) {
            if (e.getValue() > seq) return e.getKey();
        }
        return seq + 1;
    }

    /** Called once a checkpoint deleted the op log below {@code bound}. */
    public void trimmedBelow(long bound) {
        segments.headMap(bound).clear();
        trimmed();
    }

    private void applySide(int kind, ByteBuffer buf) throws RocksDBException {
        byte[] a = new byte[buf.getInt()];
        buf.get(a);
        byte[] b = new byte[buf.getInt()];
        buf.get(b);
        if (kind == STAGE_PUT) {
            batch.put(stagingCf, a, b);
        } else if (kind == ENGINE_PUT) {
            batch.put(defaultCf, a, b);
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
