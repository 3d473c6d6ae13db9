package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Big string values (a 500 MB SET) stored once, in parts, in the {@code bigvalues} column family:
 * key {@code [value id u64][part u32]}, {@link #PART_BYTES} per part. Op-log and metadata
 * records then carry only the id and length, so neither the op log, nor a checkpoint, nor the
 * WAL holds the value again.
 *
 * <p>Parts are written without the WAL, through one reused direct buffer (no JNI copy of the
 * whole value), and the column family's memtable is flushed every {@link #FLUSH_BYTES} and at the
 * end, so RocksDB never holds more than that much of a value in memory and the parts are on disk
 * before the small record naming them is logged. A crash before that record leaves unnamed parts,
 * which start-up deletes ({@link #storedIds}); parts of values no key names any more are deleted
 * by a checkpoint ({@link #deleteInto}). Flushes go to blob files (BlobDB), so compaction moves
 * references, not the values.
 */
public final class BigValueStore {
    private static final Logger log = LoggerFactory.getLogger(BigValueStore.class);
    /** String values at least this long are stored here (smaller ones inline in their records). */
    public static final int MIN_BYTES = 8 << 20;
    /** 4 MB less a 16-byte array header: a part read back fills whole G1 regions. */
    static final int PART_BYTES = (4 << 20) - 16;
    static final long FLUSH_BYTES = 64L << 20;
    private static final int KEY_BYTES = 12;

    private final RocksDB db;
    private final ColumnFamilyHandle cf;
    private final AtomicLong nextId;
    private final int minBytes;

    public BigValueStore(RocksDB db, ColumnFamilyHandle cf) {
        this(db, cf, MIN_BYTES);
    }

    /** @param minBytes values at least this long are stored here (tests use small ones) */
    public BigValueStore(RocksDB db, ColumnFamilyHandle cf, int minBytes) {
        this.db = db;
        this.cf = cf;
        this.minBytes = minBytes;
        this.nextId = new AtomicLong(lastStoredId() + 1);
    }

    /** Whether a value of this length is stored here. */
    public boolean isBig(int length) {
        return length >= minBytes;
    }

    /**
     * Writes the value made of {@code pieces} (in order) in parts of at most {@link #PART_BYTES}
     * and makes them durable (memtable flushed to disk); returns its new id. Serialised: one big
     * value is written at a time, through one part buffer.
     */
    public synchronized long write(byte[][] pieces) {
        long id = nextId.getAndIncrement();
        long start = System.nanoTime();
        long total = 0;
        ByteBuffer key = ByteBuffer.allocateDirect(KEY_BYTES);
        ByteBuffer part = ByteBuffer.allocateDirect(PART_BYTES);
        try (WriteOptions noWal = new WriteOptions().setDisableWAL(true);
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            long unflushed = 0;
            int index = 0;
            for (byte[] piece : pieces) {
                for (int off = 0; off < piece.length; off += PART_BYTES) {
                    int len = Math.min(PART_BYTES, piece.length - off);
                    key.clear();
                    key.putLong(id).putInt(index++).flip();
                    part.clear();
                    part.put(piece, off, len).flip();
                    db.put(cf, noWal, key, part);
                    unflushed += len;
                    total += len;
                    if (unflushed >= FLUSH_BYTES) {
                        db.flush(flush, cf);
                        unflushed = 0;
                    }
                }
            }
            db.flush(flush, cf);
        } catch (RocksDBException e) {
            log.error("big value write failed id={} bytes={}", id, total, e);
            deleteQuietly(id);
            throw new StorageException("big value write failed: " + e.getMessage(), e);
        }
        log.debug("big value stored id={} bytes={} ms={}", id, total, (System.nanoTime() - start) / 1_000_000);
        return id;
    }

    /** The value stored as {@code id}, {@code length} bytes long, as its stored parts (never one huge array). */
    public byte[][] read(long id, long length) {
        if (length < 0 || length > Integer.MAX_VALUE - 8) throw new StorageException("big value " + id + " has an impossible length " + length);
        List<byte[]> out = new ArrayList<>();
        long filled = 0;
        try (ReadOptions ro = new ReadOptions().setFillCache(false);
             RocksIterator it = db.newIterator(cf, ro)) {
            for (it.seek(partKey(id, 0)); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (k.length != KEY_BYTES || KeyCodec.getLong(k, 0) != id) break;
                byte[] v = it.value();
                if (filled + v.length > length) throw new StorageException("big value " + id + " is longer than its record says (" + length + ")");
                out.add(v);
                filled += v.length;
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StorageException("big value " + id + " read failed: " + e.getMessage(), e);
        }
        if (filled != length) throw new StorageException("big value " + id + " is incomplete: " + filled + " of " + length + " bytes");
        return out.toArray(new byte[0][]);
    }

    /** Adds the deletion of value {@code id}'s parts to {@code batch}. */
    public void deleteInto(WriteBatch batch, long id) throws RocksDBException {
        batch.deleteRange(cf, partKey(id, 0), partKey(id + 1, 0));
    }

    /** Deletes value {@code id}'s parts now (start-up: parts no record names). */
    public void delete(long id) {
        try {
            db.deleteRange(cf, partKey(id, 0), partKey(id + 1, 0));
        } catch (RocksDBException e) {
            throw new StorageException("big value " + id + " delete failed: " + e.getMessage(), e);
        }
    }

    /** Ids of every value with parts on disk. */
    public List<Long> storedIds() {
        List<Long> ids = new ArrayList<>();
        try (RocksIterator it = db.newIterator(cf)) {
            it.seekToFirst();
            while (it.isValid()) {
                long id = KeyCodec.getLong(it.key(), 0);
                ids.add(id);
                if (id == Long.MAX_VALUE) break;
                it.seek(partKey(id + 1, 0));
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StorageException("big value listing failed: " + e.getMessage(), e);
        }
        return ids;
    }

    private long lastStoredId() {
        try (RocksIterator it = db.newIterator(cf)) {
            it.seekToLast();
            return it.isValid() ? KeyCodec.getLong(it.key(), 0) : 0;
        }
    }

    private void deleteQuietly(long id) {
        try {
            delete(id);
        } catch (StorageException e) {
            log.warn("could not delete the parts of failed big value id={}; start-up deletes them", id, e);
        }
    }

    static byte[] partKey(long id, int part) {
        return ByteBuffer.allocate(KEY_BYTES).putLong(id).putInt(part).array();
    }
}
