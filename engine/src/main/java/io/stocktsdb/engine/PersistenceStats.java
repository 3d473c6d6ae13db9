package io.stocktsdb.engine;

/**
 * Figures for INFO persistence.
 *
 * @param opLogBytes          op-log bytes written since the last checkpoint trimmed the log
 * @param opLogRecords        op-log records written since then
 * @param lastAssignedSeq     highest op seq handed out
 * @param lastCommittedSeq    highest op seq written to RocksDB
 * @param lastSyncMs          wall time of the last WAL fsync (everysec/always), 0 if never
 * @param checkpoints         checkpoints since start
 * @param lastCheckpointMs    wall time of the last checkpoint (or of start)
 * @param lastCheckpointDurationMs duration of the last checkpoint
 * @param recoveryMs          time the last start (or reload) spent loading and replaying
 * @param recoveredKeys       keys loaded at start (or reload)
 * @param replayedOps         op-log records replayed at start (or reload)
 */
public record PersistenceStats(long opLogBytes, long opLogRecords, long lastAssignedSeq, long lastCommittedSeq,
                               long lastSyncMs, long checkpoints, long lastCheckpointMs, long lastCheckpointDurationMs,
                               long recoveryMs, long recoveredKeys, long replayedOps) {}
