package io.stocktsdb.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.PersistenceStats;
import io.stocktsdb.engine.business.BusinessStats;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.figures.RocksFigures;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.ServerState;

/**
 * Keyspace, business, persistence and RocksDB figures. Empty while the engine is loading (it
 * does not exist yet) or after the server left the serving state (it may be closing).
 */
final class StorageCollector implements MultiCollector {
    private final ServerContext server;

    StorageCollector(ServerContext server) { this.server = server; }

    @Override
    public MetricSnapshots collect() {
        Scrape s = new Scrape();
        Engine engine = server.engine();
        if (engine == null || server.state() != ServerState.SERVING) return s.build();
        server.commandHold().offLoop(() -> { // not while DEBUG RELOAD swaps the storage
            if (engine.isOpen()) scrape(s, engine);
        });
        return s.build();
    }

    private static void scrape(Scrape s, Engine engine) {
        Keyspace ks = engine.keyspace();
        s.gauge("stocktsdb_keys", "Keys (time series and strings)", ks.size());
        s.gauge("stocktsdb_series", "Time series", ks.seriesCount());
        s.gauge("stocktsdb_expiring_keys", "Keys with a time to live", ks.expiringCount());
        s.counter("stocktsdb_expired_keys", "Keys deleted because their time to live passed", ks.expiredKeys());
        business(s, engine);
        persistence(s, engine.persistenceStats());
        rocks(s, engine.rocksFigures());
    }

    private static void business(Scrape s, Engine engine) {
        Scrape.Family keys = s.gauges("stocktsdb_business_keys", "Keys by business type", "business");
        Scrape.Family samples = s.gauges("stocktsdb_business_samples", "Samples stored by business type", "business");
        Scrape.Family writes = s.counters("stocktsdb_business_writes",
                "Sample writes (adds, updates) and range deletions by business type", "business");
        Scrape.Family reads = s.counters("stocktsdb_business_reads",
                "Series reads (range scans, latest-sample reads) by business type", "business");
        Scrape.Family bytes = s.gauges("stocktsdb_business_storage_bytes",
                "Bytes of the business's column family in RocksDB (SST files and memtables)", "business");
        for (BusinessStats.Snapshot b : engine.businessStats()) {
            keys.point(b.keys(), b.business());
            samples.point(b.samples(), b.business());
            writes.point(b.writes(), b.business());
            reads.point(b.reads(), b.business());
            bytes.point(b.bytesOnDisk(), b.business());
        }
    }

    private static void persistence(Scrape s, PersistenceStats p) {
        s.gauge("stocktsdb_oplog_bytes", "Op-log bytes written since the last checkpoint trimmed it", p.opLogBytes());
        s.gauge("stocktsdb_oplog_records", "Op-log records written since the last checkpoint trimmed it", p.opLogRecords());
        s.counter("stocktsdb_oplog_committed_ops", "Highest op-log sequence number written to RocksDB", p.lastCommittedSeq());
        s.counter("stocktsdb_checkpoints", "Checkpoints since start", p.checkpoints());
        s.gauge("stocktsdb_last_checkpoint_timestamp_seconds", "Unix time of the last checkpoint", p.lastCheckpointMs() / 1000.0);
        s.gauge("stocktsdb_last_checkpoint_duration_seconds", "Duration of the last checkpoint", p.lastCheckpointDurationMs() / 1000.0);
        if (p.lastSyncMs() > 0) {
            s.gauge("stocktsdb_last_fsync_timestamp_seconds", "Unix time of the last background op-log fsync (appendfsync everysec)",
                    p.lastSyncMs() / 1000.0);
        }
        s.gauge("stocktsdb_recovery_duration_seconds", "Time the last start spent loading and replaying", p.recoveryMs() / 1000.0);
        s.gauge("stocktsdb_recovery_replayed_ops", "Op-log records replayed at the last start", p.replayedOps());
    }

    private static void rocks(Scrape s, RocksFigures f) {
        s.gauge("stocktsdb_rocksdb_memtable_bytes", "Memory of all RocksDB memtables", f.memory().memtableBytes());
        s.gauge("stocktsdb_rocksdb_block_cache_bytes", "RocksDB block cache in use", f.memory().blockCacheBytes());
        s.gauge("stocktsdb_rocksdb_block_cache_pinned_bytes", "RocksDB block cache entries pinned by readers",
                f.memory().blockCachePinnedBytes());
        s.gauge("stocktsdb_rocksdb_table_readers_bytes", "Memory of RocksDB index and filter blocks outside the cache",
                f.memory().tableReadersBytes());
        s.gauge("stocktsdb_rocksdb_running_compactions", "RocksDB compactions running now", f.runningCompactions());
        s.gauge("stocktsdb_rocksdb_running_flushes", "RocksDB memtable flushes running now", f.runningFlushes());
        s.counter("stocktsdb_rocksdb_background_errors", "RocksDB background errors since open", f.backgroundErrors());
        s.gauge("stocktsdb_rocksdb_delayed_write_rate_bytes", "Rate RocksDB throttles writes to while it delays them, 0 when not",
                f.delayedWriteRate());
        s.gauge("stocktsdb_rocksdb_write_stopped", "1 while RocksDB stops writes (hard stall)", f.writeStopped() ? 1 : 0);
        s.counter("stocktsdb_rocksdb_write_stall_seconds", "Time writes spent stalled by RocksDB since open", f.writeStallMicros() / 1e6);
        s.counter("stocktsdb_rocksdb_wal_written_bytes", "Bytes written to the RocksDB write-ahead log since open", f.walBytesWritten());
        s.counter("stocktsdb_rocksdb_wal_syncs", "RocksDB write-ahead log fsyncs since open", f.walSyncs());
        Scrape.Family sst = s.gauges("stocktsdb_rocksdb_sst_bytes", "SST file bytes by column family", "cf");
        Scrape.Family mem = s.gauges("stocktsdb_rocksdb_cf_memtable_bytes", "Memtable bytes by column family", "cf");
        Scrape.Family keys = s.gauges("stocktsdb_rocksdb_estimated_keys", "RocksDB's estimate of its keys by column family", "cf");
        Scrape.Family pending = s.gauges("stocktsdb_rocksdb_pending_compaction_bytes",
                "Bytes compaction still has to rewrite by column family", "cf");
        Scrape.Family comps = s.counters("stocktsdb_rocksdb_compactions", "Compactions and flushes by column family", "cf");
        Scrape.Family compSec = s.counters("stocktsdb_rocksdb_compaction_seconds", "Time spent compacting by column family", "cf");
        Scrape.Family compRead = s.counters("stocktsdb_rocksdb_compaction_read_bytes", "Bytes read by compactions by column family", "cf");
        Scrape.Family compWrite = s.counters("stocktsdb_rocksdb_compaction_written_bytes",
                "Bytes written by compactions and flushes by column family", "cf");
        Scrape.Family stops = s.counters("stocktsdb_rocksdb_stall_stops", "Times writes were stopped because of this column family", "cf");
        Scrape.Family delays = s.counters("stocktsdb_rocksdb_stall_delays", "Times writes were delayed because of this column family", "cf");
        for (RocksFigures.ColumnFamily cf : f.columnFamilies()) {
            String n = cf.name();
            sst.point(cf.sstBytes(), n);
            mem.point(cf.memtableBytes(), n);
            keys.point(cf.estimatedKeys(), n);
            pending.point(cf.pendingCompactionBytes(), n);
            comps.point(cf.compactions(), n);
            compSec.point(cf.compactionSeconds(), n);
            compRead.point(cf.compactionReadBytes(), n);
            compWrite.point(cf.compactionWriteBytes(), n);
            stops.point(cf.stallStops(), n);
            delays.point(cf.stallDelays(), n);
        }
    }
}
