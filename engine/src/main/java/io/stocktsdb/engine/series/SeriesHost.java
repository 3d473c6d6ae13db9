package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.key.Key;

import java.util.Map;

/**
 * What a {@link Series} needs from the engine: the op log (each method appends one record and
 * returns its sequence number), the chunk store and the checkpoint queue. Implemented by
 * {@code io.stocktsdb.engine.storage.SeriesStore}; calls happen under the series lock.
 */
public interface SeriesHost {
    long logAdd(Key key, long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy);

    /** Starts a run of adds logged as one record (see OpLog#beginRun): {@link MultiAdd}. */
    void beginAddRun(int quality);

    /** Logs one add of the open run (under the series lock); returns its seq. */
    long logRunAdd(long seriesId, long ts, long valueBits, DuplicatePolicy policy);

    void endAddRun();

    long logDeleteRange(Key key, long from, long to);

    /**
     * One record for samples at {@code ts} in the series {@code ids[0..n)} (distinct; a K-line
     * bar's fields), values {@code valueBits[0..n)}: its one seq is every series' op.
     */
    long logBarRow(long ts, long[] ids, long[] valueBits, int n, int quality, DuplicatePolicy policy);

    long logAlter(Key key, SeriesOptions options);

    /** Reads and decodes a sealed chunk stored under (business, slot, id, firstTs); fails if missing. */
    Chunk loadChunk(Business business, int slot, long seriesId, long firstTs);

    ChunkFormat chunkFormat();

    /** The policy used when neither the call nor the series sets one. */
    DuplicatePolicy defaultDuplicatePolicy();

    /** The series has unpersisted changes: queue it for the next checkpoint. */
    void queueForCheckpoint(Series series);

    /** Labels were replaced by ALTER (the label index listens). */
    void labelsChanged(Series series, Map<String, String> oldLabels);

    /** The live series at {@code key} (compaction destinations are found by key), or null. */
    Series seriesAt(Key key);

    /** Op-log group around records of several series that must commit together (see OpLog#beginGroup). */
    void beginLogGroup();

    void endLogGroup();
}
