package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.figures.WalRecovery;
import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.storage.wal.WalDamage;
import io.stocktsdb.engine.storage.wal.WalScan;
import org.rocksdb.WALRecoveryMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * How start-up treats the RocksDB write-ahead log, which carries every acknowledged write (the op
 * log column family, staged batches, checkpoint records) until a memtable flush. Before RocksDB
 * opens, every WAL file is read ({@link WalScan}):
 * <ul>
 * <li>intact: RocksDB replays it with {@code kAbsoluteConsistency}, so anything our reading
 *     missed still fails start-up loudly instead of being dropped;</li>
 * <li>damaged with nothing valid after the damage (a torn tail, what a crash leaves): replayed
 *     up to the damage with {@code kPointInTimeRecovery}, and a warning says what was cut
 *     (also in INFO persistence);</li>
 * <li>damaged with valid write batches after it: start-up refuses, naming the file, the offset
 *     and what would be lost, unless {@code wal_accept_damage} accepts the loss (then as above).</li>
 * </ul>
 */
final class WalRecoveryPolicy {
    private static final Logger log = LoggerFactory.getLogger(WalRecoveryPolicy.class);

    private WalRecoveryPolicy() {}

    /** Reads the WAL files of {@code dir} and decides; throws {@link StorageException} to refuse. */
    static WalRecovery decide(Path dir, boolean acceptDamage) {
        WalScan scan;
        try {
            scan = WalScan.of(dir, null);
        } catch (IOException e) {
            throw new StorageException("cannot read the write-ahead log in " + dir + ": " + e.getMessage(), e);
        }
        WalDamage d = scan.firstDamage();
        if (d == null) return WalRecovery.OK;
        long lost = scan.batchesLost();
        long bytes = scan.bytesLost();
        if (lost == 0) {
            log.warn("WAL DAMAGED: {} ends in {} at offset {}; cutting it there and dropping {} bytes (one incomplete write batch). "
                    + "Writes acknowledged before the damage are kept; INFO persistence shows wal_recovery:tail_cut", d.file(), d.problem(), d.offset(), bytes);
            return new WalRecovery("tail_cut", d.file(), d.offset(), d.problem(), bytes, 0);
        }
        long[] seqs = scan.seqsLost();
        String what = "the write-ahead log " + d.file() + " is damaged at offset " + d.offset() + " (" + d.problem() + ") and "
                + lost + " intact write batch" + (lost == 1 ? "" : "es") + " (RocksDB sequence numbers " + seqs[0] + "-" + seqs[1] + ", "
                + bytes + " bytes to the end of the log) come after it";
        if (!acceptDamage) {
            throw new StorageException(what + "; starting would drop them, so the server did not start and changed nothing. "
                    + "See what they hold: java -jar stocktsdb.jar check --data-dir " + dir
                    + "; copy what can be read into a new directory: check --data-dir " + dir + " --fix NEW_DIR"
                    + "; or start without them: --wal-accept-damage yes (config wal_accept_damage)");
        }
        log.error("WAL DAMAGED: {}; wal_accept_damage is set, so they are DROPPED and the server starts with the writes before the damage", what);
        return new WalRecovery("damage_accepted", d.file(), d.offset(), d.problem(), bytes, lost);
    }

    /** The RocksDB recovery mode that does what was decided. */
    static WALRecoveryMode mode(WalRecovery decided) {
        return decided.state().equals("ok") ? WALRecoveryMode.AbsoluteConsistency : WALRecoveryMode.PointInTimeRecovery;
    }
}
