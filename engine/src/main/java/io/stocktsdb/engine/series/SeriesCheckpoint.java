package io.stocktsdb.engine.series;

import io.stocktsdb.engine.business.Business;

/**
 * One series' side of a checkpoint: what a snapshot emitted (dirty chunks with their versions,
 * the leading chunk deletes), confirmed once the batch is durable or undone when it failed.
 * Every method runs under the series lock.
 */
final class SeriesCheckpoint {
    private final SeriesChunks chunks;
    private final SeriesHost host;

    private ChunkSlot[] snapSlots = new ChunkSlot[0];
    private long[] snapVersions = new long[0];
    private long[] snapOldDiskTs = new long[0];
    private int snapCount;
    /** Leading entries of chunks.deletedDiskTs the snapshot emitted; dropped once it is written. */
    private int snapDeleted;

    SeriesCheckpoint(SeriesChunks chunks, SeriesHost host) {
        this.chunks = chunks;
        this.host = host;
    }

    /** Writes the pending changes of a live series into {@code sink}: chunk deletes, dirty chunks, then the metadata. */
    void snapshot(CheckpointSink sink, Series series, Business b, int slot, long id) {
        snapCount = 0;
        SeriesChunks c = chunks;
        for (int i = 0; i < c.deletedCount; i++) sink.deleteChunk(b, slot, id, c.deletedDiskTs[i]);
        snapDeleted = c.deletedCount;
        int dirty = c.dirtySlots.size();
        if (snapSlots.length < dirty) {
            snapSlots = new ChunkSlot[dirty];
            snapVersions = new long[dirty];
            snapOldDiskTs = new long[dirty];
        }
        for (ChunkSlot s : c.dirtySlots) {
            if (s.dropped) continue;
            snapOldDiskTs[snapCount] = s.diskTs;
            if (s.count == 0) {
                // An empty head is never stored; if an older version is on disk, delete it.
                if (s.diskTs != ChunkSlot.NOT_ON_DISK) {
                    sink.deleteChunk(b, slot, id, s.diskTs);
                    s.diskTs = ChunkSlot.NOT_ON_DISK;
                }
            } else {
                if (s.diskTs != ChunkSlot.NOT_ON_DISK && s.diskTs != s.firstTs) sink.deleteChunk(b, slot, id, s.diskTs);
                sink.putChunk(b, slot, id, s.firstTs, s.count, s.lastTs, host.chunkFormat().encode(s.chunk));
                s.diskTs = s.firstTs;
            }
            snapSlots[snapCount] = s;
            snapVersions[snapCount] = s.version;
            snapCount++;
        }
        // Read after the chunks: what the encoding above saw is what the metadata claims.
        sink.putSeries(series, series.key(), b, series.persistedOptions(), series.lastSeq);
    }

    /** The snapshot's batch is written; chunks unchanged since are clean now. */
    void written() {
        SeriesChunks c = chunks;
        System.arraycopy(c.deletedDiskTs, snapDeleted, c.deletedDiskTs, 0, c.deletedCount - snapDeleted);
        c.deletedCount -= snapDeleted;
        snapDeleted = 0;
        for (int i = 0; i < snapCount; i++) {
            ChunkSlot s = snapSlots[i];
            snapSlots[i] = null;
            if (s.version != snapVersions[i] || s.dropped) continue;
            s.dirty = false;
            if (s != c.head && s.count > 0) s.chunk = null;
        }
        snapCount = 0;
        c.dirtySlots.removeIf(s -> !s.dirty || s.dropped);
    }

    /** The snapshot's batch was not written: what it claimed is undone. */
    void failed() {
        for (int i = 0; i < snapCount; i++) {
            snapSlots[i].diskTs = snapOldDiskTs[i];
            snapSlots[i] = null;
        }
        snapCount = 0;
        snapDeleted = 0;
    }

    /** A snapshot in progress may not drop deletes it did not emit (RENAME range-deletes them all). */
    void forgetDeletes() {
        snapDeleted = 0;
    }

    /** A removed series' snapshot wrote nothing. */
    void nothingWritten() {
        snapCount = 0;
    }
}
