package io.stocktsdb.server.command.server;

import io.stocktsdb.engine.AppendFsync;
import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.PersistenceStats;
import io.stocktsdb.engine.business.BusinessStats;
import io.stocktsdb.engine.storage.WalRecovery;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.info.InfoBuilder;

/** INFO persistence, keyspace and business: figures owned by the storage engine. */
final class EngineInfoSections {
    /** Expiring keys looked at for avg_ttl (Redis also estimates it from a sample). */
    private static final int TTL_SAMPLE = 1000;

    private EngineInfoSections() {}

    /**
     * The op log is Redis's AOF (always on, fsynced per appendfsync); a checkpoint is our
     * snapshot, so the rdb_* fields that tools alert on describe the last checkpoint. The
     * server accepts connections only after recovery, so loading is always 0 here.
     */
    static void persistence(InfoBuilder out, ServerContext server) {
        Engine engine = server.engine();
        PersistenceStats p = engine.persistenceStats();
        AppendFsync fsync = engine.config().appendFsync();
        out.field("loading", 0);
        out.field("async_loading", 0);
        out.field("rdb_changes_since_last_save", p.opLogRecords());
        out.field("rdb_last_save_time", p.lastCheckpointMs() / 1000);
        out.field("aof_enabled", 1);
        out.field("appendfsync", fsync.name().toLowerCase(java.util.Locale.ROOT));
        if (fsync == AppendFsync.EVERYSEC) out.field("aof_last_fsync_time", p.lastSyncMs() / 1000);
        String writeError = engine.writeError();
        out.field("aof_last_write_status", writeError == null ? "ok" : "err");
        out.field("write_error", writeError == null ? "" : writeError);
        out.field("write_error_count", engine.writeFailures());
        out.field("disk_free_bytes", engine.diskSpace().freeBytes());
        out.field("disk_reserve_bytes", engine.diskSpace().reserveBytes());
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
