package io.stocktsdb.engine.figures;

import java.util.List;

/**
 * RocksDB figures for {@code /metrics}, read from RocksDB properties when asked. Counters
 * (compactions, stalls, WAL bytes) count since the database was opened.
 *
 * @param memory            memory held by RocksDB
 * @param runningCompactions compactions running now
 * @param runningFlushes    memtable flushes running now
 * @param backgroundErrors  background errors since open
 * @param delayedWriteRate  bytes/s writes are throttled to while RocksDB delays them (0 = not delayed)
 * @param writeStopped      RocksDB stops writes now (a hard stall)
 * @param writeStallMicros  time user writes spent stalled since open
 * @param walBytesWritten   bytes written to the write-ahead log since open
 * @param walSyncs          WAL fsyncs since open
 * @param columnFamilies    one entry per column family
 */
public record RocksFigures(RocksMemory memory, long runningCompactions, long runningFlushes, long backgroundErrors,
                           long delayedWriteRate, boolean writeStopped, long writeStallMicros, long walBytesWritten,
                           long walSyncs, List<ColumnFamily> columnFamilies) {

    /**
     * One column family ({@code default}, {@code oplog}, {@code biz.<business>}).
     *
     * @param sstBytes              bytes of its SST files
     * @param memtableBytes         bytes of its live and immutable memtables
     * @param estimatedKeys         RocksDB's estimate of its keys
     * @param pendingCompactionBytes bytes compaction still has to rewrite
     * @param compactions           compactions (flushes included) since open
     * @param compactionSeconds     time spent compacting since open
     * @param compactionReadBytes   bytes read by compactions since open
     * @param compactionWriteBytes  bytes written by compactions since open
     * @param stallStops            times writes were stopped because of this family
     * @param stallDelays           times writes were delayed because of this family
     */
    public record ColumnFamily(String name, long sstBytes, long memtableBytes, long estimatedKeys,
                               long pendingCompactionBytes, long compactions, double compactionSeconds,
                               long compactionReadBytes, long compactionWriteBytes, long stallStops, long stallDelays) {}
}
