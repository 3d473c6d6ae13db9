package io.stocktsdb.engine.figures;

import java.nio.file.Path;

/**
 * What start-up found in the RocksDB write-ahead log and did about it (INFO persistence); the
 * storage layer decides it before RocksDB opens.
 *
 * @param state          "ok", "tail_cut" or "damage_accepted"
 * @param file           the damaged WAL file (null when ok)
 * @param offset         where in it the damage starts
 * @param problem        what is wrong there
 * @param bytesDropped   WAL bytes not replayed (0 when ok)
 * @param batchesDropped valid write batches not replayed
 */
public record WalRecovery(String state, Path file, long offset, String problem, long bytesDropped, long batchesDropped) {
    public static final WalRecovery OK = new WalRecovery("ok", null, 0, "", 0, 0);
}
