package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.Chunk;

/**
 * The in-memory index entry of one chunk of a series (guarded by the series lock): its span and
 * count without I/O, where it is on disk, and the decoded chunk when it is in memory (the head,
 * and every chunk changed since the last checkpoint).
 */
final class ChunkSlot {
    static final long NOT_ON_DISK = Long.MIN_VALUE;

    long firstTs;
    long lastTs;
    int count;
    int byteSize;
    /** First timestamp under which the chunk is stored on disk, or {@link #NOT_ON_DISK}. */
    long diskTs = NOT_ON_DISK;
    /** Null when the chunk lives only on disk (clean). */
    Chunk chunk;
    /** Changed since the last checkpoint that persisted it. */
    boolean dirty;
    /** Bumped on every change, so a checkpoint can tell whether what it wrote is still current. */
    long version;
    /**
     * A decoded copy of the on-disk chunk shared by readers (never modified: writers load their
     * own copy into {@link #chunk}); valid while {@link #version} equals {@link #readCacheVersion}.
     * Soft, so the JVM drops it under memory pressure.
     */
    java.lang.ref.SoftReference<Chunk> readCache;
    long readCacheVersion;
    /** Dropped from the series (trimmed, emptied or merged away). */
    boolean dropped;

    ChunkSlot(Chunk chunk) {
        this.chunk = chunk;
        refresh();
    }

    ChunkSlot(long firstTs, long lastTs, int count, int byteSize, long diskTs) {
        this.firstTs = firstTs;
        this.lastTs = lastTs;
        this.count = count;
        this.byteSize = byteSize;
        this.diskTs = diskTs;
    }

    /** Re-reads span, count and size from the in-memory chunk. */
    void refresh() {
        count = chunk.count();
        byteSize = chunk.byteSize();
        if (count > 0) {
            firstTs = chunk.firstTimestamp();
            lastTs = chunk.lastTimestamp();
        }
    }
}
