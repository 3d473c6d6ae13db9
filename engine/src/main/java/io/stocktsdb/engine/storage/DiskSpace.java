package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Free space of the data directory's file system, kept above a reserve: writes are refused
 * before RocksDB would meet a full disk (a RocksDB write that fails halfway puts the whole
 * database into an error state), and the reserve leaves room for what RocksDB writes by itself
 * (memtable flushes, compactions, the MANIFEST). Asking the OS costs a system call, so it is asked
 * at most every {@link #RECHECK_MS} ms, or sooner when the bytes written since could have eaten
 * into the reserve.
 */
public final class DiskSpace {
    private static final Logger log = LoggerFactory.getLogger(DiskSpace.class);
    public static final long RECHECK_MS = 100;
    private static final long MIN_RESERVE = 8L << 20;
    private static final long MAX_RESERVE = 256L << 20;

    private final Path dir;
    private final FileStore store;
    private final long reserve;
    private long freeAtCheck; // guarded by this
    private long writtenSinceCheck;
    private long checkedAtNanos;
    private volatile boolean low;

    private DiskSpace(Path dir, FileStore store, long reserve) {
        this.dir = dir;
        this.store = store;
        this.reserve = reserve;
    }

    /** The reserve is a tenth of the file system, between 8 MB and 256 MB. */
    public static DiskSpace of(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            DiskSpace d = new DiskSpace(dir, store, reserveFor(store.getTotalSpace()));
            d.check();
            return d;
        } catch (IOException e) {
            throw new StorageException("cannot read the free space of " + dir + ": " + e.getMessage(), e);
        }
    }

    static long reserveFor(long fileSystemBytes) {
        return Math.max(MIN_RESERVE, Math.min(MAX_RESERVE, fileSystemBytes / 10));
    }

    public long reserveBytes() { return reserve; }

    /**
     * True when {@code bytes} more can be written by a commit. New writes are refused once the
     * free space is below the reserve ({@link #low}); the commits of writes already applied may
     * still use the upper three quarters of it, so they are acknowledged rather than left waiting.
     */
    public synchronized boolean hasRoomFor(long bytes) {
        long floor = reserve / 4;
        boolean stale = System.nanoTime() - checkedAtNanos > RECHECK_MS * 1_000_000;
        if (stale || freeAtCheck - writtenSinceCheck - bytes < reserve) check();
        return freeAtCheck - writtenSinceCheck - bytes >= floor;
    }

    /** True when {@code bytes} more leave the whole reserve free (background writes such as checkpoints). */
    public synchronized boolean hasRoomAboveReserve(long bytes) {
        check();
        return freeAtCheck - bytes >= reserve;
    }

    /** Records {@code bytes} written since the last look at the file system. */
    public synchronized void wrote(long bytes) {
        writtenSinceCheck += bytes;
        if (!low && freeAtCheck - writtenSinceCheck < reserve) check();
    }

    /** True while the free space is below the reserve (as of the last check). */
    public boolean low() { return low; }

    /** Free bytes as of the last check. */
    public synchronized long freeBytes() { return freeAtCheck; }

    /** Looks at the file system now. */
    public synchronized void check() {
        long free;
        try {
            free = store.getUsableSpace();
        } catch (IOException e) {
            log.warn("cannot read free space of {}", dir, e);
            return;
        }
        freeAtCheck = free;
        writtenSinceCheck = 0;
        checkedAtNanos = System.nanoTime();
        boolean nowLow = free < reserve;
        if (nowLow != low) {
            if (nowLow) log.error("disk almost full: {} MB free in {}, below the {} MB reserve; writes are refused until space is freed",
                    free >> 20, dir, reserve >> 20);
            else log.warn("disk space back: {} MB free in {} (reserve {} MB)", free >> 20, dir, reserve >> 20);
        }
        low = nowLow;
    }

    /** The error text while writes are refused for space. */
    public String error() {
        return "Errors writing to the op log: No space left on device (" + (freeBytes() >> 20) + " MB free in " + dir
                + ", writes resume above " + (reserve >> 20) + " MB)";
    }
}
