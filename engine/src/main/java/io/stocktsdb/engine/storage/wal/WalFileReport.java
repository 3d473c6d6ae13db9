package io.stocktsdb.engine.storage.wal;

import java.nio.file.Path;

/**
 * What reading one WAL file found.
 *
 * @param batches        intact write batches before any damage
 * @param firstSeq       their first sequence number (-1 when none)
 * @param lastSeq        their last sequence number (-1 when none)
 * @param damage         where reading stopped, or null when the whole file is intact
 * @param batchesAfter   valid write batches found past the damage (lost if the file is cut there)
 * @param firstSeqAfter  their first sequence number (-1 when none)
 * @param lastSeqAfter   their last sequence number (-1 when none)
 */
public record WalFileReport(Path file, long size, long batches, long firstSeq, long lastSeq, WalDamage damage,
                            long batchesAfter, long firstSeqAfter, long lastSeqAfter) {
    public boolean intact() {
        return damage == null;
    }
}
