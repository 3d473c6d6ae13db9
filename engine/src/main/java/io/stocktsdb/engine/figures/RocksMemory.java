package io.stocktsdb.engine.figures;

/**
 * Memory RocksDB holds outside the Java heap (INFO memory).
 *
 * @param memtableBytes     all memtables of all column families
 * @param blockCacheBytes   block cache in use (shared by every column family)
 * @param blockCachePinnedBytes block cache entries pinned by readers
 * @param tableReadersBytes index and filter blocks held by open SST readers outside the cache
 */
public record RocksMemory(long memtableBytes, long blockCacheBytes, long blockCachePinnedBytes, long tableReadersBytes) {
    public long total() {
        return memtableBytes + blockCacheBytes + tableReadersBytes;
    }
}
