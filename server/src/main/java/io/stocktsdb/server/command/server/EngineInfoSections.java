package io.stocktsdb.server.command.server;

import io.stocktsdb.engine.AppendFsync;
import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.PersistenceStats;
import io.stocktsdb.engine.business.BusinessStats;
import io.stocktsdb.engine.figures.WalRecovery;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.Snapshots;
import io.stocktsdb.server.info.InfoBuilder;

/** INFO persistence, keyspace and business: figures owned by the storage engine. */
final class EngineInfoSections {
    /** Expiring keys looked at for avg_ttl (Redis also estimates it from a sample). */
    private static final int TTL_SAMPLE = 1000;

    private EngineInfoSections() {}

    /**
     * Redis 8.2's fields, true for this storage: the op log is Redis's AOF (always on, fsynced per
     * appendfsync) and a checkpoint (in-memory state written to RocksDB, op log trimmed) is its
     * rewrite; SAVE/BGSAVE's snapshot is its RDB. Nothing forks, so the copy-on-write figures are
     * 0. The server accepts connections only after recovery, so loading is 0 here. StockTSDB's own
     * figures follow Redis's.
     */
    static void persistence(InfoBuilder out, ServerContext server) {
        Engine engine = server.engine();
        PersistenceStats p = engine.persistenceStats();
        Snapshots snap = server.snapshots();
        Engine.CheckpointState cp = engine.checkpointState();
        AppendFsync fsync = engine.config().appendFsync();
        String writeError = engine.writeError();
        long now = System.currentTimeMillis();
        out.field("loading", 0);
        out.field("async_loading", 0);
        out.field("current_cow_peak", 0);
        out.field("current_cow_size", 0);
        out.field("current_cow_size_age", 0);
        out.field("current_fork_perc", "0.00");
        out.field("current_save_keys_processed", 0);
        out.field("current_save_keys_total", 0);
        out.field("rdb_changes_since_last_save", snap.changesSinceLastSave());
        out.field("rdb_bgsave_in_progress", snap.backgroundInProgress() ? 1 : 0);
        out.field("rdb_last_save_time", snap.lastSaveMs() / 1000);
        out.field("rdb_last_bgsave_status", snap.lastOk() ? "ok" : "err");
        out.field("rdb_last_bgsave_time_sec", snap.lastBackgroundSeconds());
        out.field("rdb_current_bgsave_time_sec", snap.currentBackgroundSeconds());
        out.field("rdb_saves", snap.saves());
        out.field("rdb_last_cow_size", 0);
        out.field("rdb_last_load_keys_expired", 0);
        out.field("rdb_last_load_keys_loaded", p.recoveredKeys());
        out.field("aof_enabled", 1);
        out.field("aof_rewrite_in_progress", cp.runningSinceMs() != 0 ? 1 : 0);
        out.field("aof_rewrite_scheduled", 0);
        out.field("aof_last_rewrite_time_sec", p.checkpoints() == 0 ? -1 : p.lastCheckpointDurationMs() / 1000);
        out.field("aof_current_rewrite_time_sec", cp.runningSinceMs() == 0 ? -1 : (now - cp.runningSinceMs()) / 1000);
        out.field("aof_last_bgrewrite_status", cp.lastFailed() ? "err" : "ok");
        out.field("aof_rewrites", p.checkpoints());
        out.field("aof_rewrites_consecutive_failures", cp.consecutiveFailures());
        out.field("aof_last_write_status", writeError == null ? "ok" : "err");
        out.field("aof_last_cow_size", 0);
        out.field("module_fork_in_progress", 0);
        out.field("module_fork_last_cow_size", 0);
        out.field("aof_current_size", p.opLogBytes());
        out.field("aof_base_size", 0);
        out.field("aof_pending_rewrite", 0);
        out.field("aof_buffer_length", 0);
        out.field("aof_pending_bio_fsync", 0);
        out.field("aof_delayed_fsync", 0);
        out.field("appendfsync", fsync.name().toLowerCase(java.util.Locale.ROOT));
        if (fsync == AppendFsync.EVERYSEC) out.field("aof_last_fsync_time", p.lastSyncMs() / 1000);
        out.field("write_error", writeError == null ? "" : writeError);
        out.field("write_error_count", engine.writeFailures());
        out.field("disk_free_bytes", engine.diskFreeBytes());
        out.field("disk_reserve_bytes", engine.diskReserveBytes());
        out.field("oplog_bytes_since_checkpoint", p.opLogBytes());
        out.field("oplog_records_since_checkpoint", p.opLogRecords());
        out.field("oplog_last_assigned_seq", p.lastAssignedSeq());
        out.field("oplog_last_committed_seq", p.lastCommittedSeq());
        out.field("checkpoints", p.checkpoints());
        out.field("last_checkpoint_time", p.lastCheckpointMs() / 1000);
        out.field("last_checkpoint_duration_ms", p.lastCheckpointDurationMs());
        out.field("recovery_time_ms", p.recoveryMs());
        out.field("recovery_keys", p.recoveredKeys());
        out.field("recovery_replayed_ops", p.replayedOps());
        WalRecovery wal = engine.walRecovery();
        out.field("wal_recovery", wal.state());
        out.field("wal_recovery_dropped_bytes", wal.bytesDropped());
        out.field("wal_recovery_dropped_batches", wal.batchesDropped());
        out.field("wal_recovery_damage", wal.file() == null ? "" : wal.file().getFileName() + ":" + wal.offset() + " " + wal.problem());
        out.field("snapshot_dir", snap.directory().toString());
    }

    /** Redis's one line per non-empty database; StockTSDB has only db0. */
    static void keyspace(InfoBuilder out, ServerContext server) {
        Keyspace ks = server.engine().keyspace();
        int keys = ks.size();
        if (keys == 0) return;
        out.field("db0", "keys=" + keys + ",expires=" + ks.expiringCount() + ",avg_ttl=" + ks.averageTtlMs(TTL_SAMPLE)
                + ",subexpiry=0");
    }

    /** One line per business type: its prefix, keys, samples, bytes in RocksDB, write and read operations. */
    static void business(InfoBuilder out, ServerContext server) {
        for (BusinessStats.Snapshot b : server.engine().businessStats()) {
            out.field(b.business(), "prefix=" + b.prefix() + ",keys=" + b.keys() + ",samples=" + b.samples()
                    + ",disk_bytes=" + b.bytesOnDisk() + ",writes=" + b.writes() + ",reads=" + b.reads());
        }
    }
}
