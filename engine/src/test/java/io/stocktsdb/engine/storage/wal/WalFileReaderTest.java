package io.stocktsdb.engine.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** Reads WAL files that real RocksDB wrote, intact, cut short and with a flipped byte. */
class WalFileReaderTest {
    static {
        RocksDB.loadLibrary();
    }

    @TempDir
    Path dir;

    /** 300 batches of 10 puts (1 KB values, so records span blocks) into "default" and "side"; closed without a flush. */
    private Path writeWal() throws Exception {
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions o = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             RocksDB db = RocksDB.open(o, dir.toString(), List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                     new ColumnFamilyDescriptor("side".getBytes(StandardCharsets.UTF_8))), handles);
             WriteOptions w = new WriteOptions()) {
            for (int b = 0; b < 300; b++) {
                try (WriteBatch batch = new WriteBatch()) {
                    for (int i = 0; i < 10; i++) {
                        batch.put(handles.get(i % 2), ("k" + b + "." + i).getBytes(StandardCharsets.UTF_8), new byte[1000 + b]);
                    }
                    db.write(w, batch);
                }
            }
            handles.forEach(ColumnFamilyHandle::close);
        }
        List<Path> wals = WalScan.walFiles(dir);
        assertThat(wals).hasSize(1);
        return wals.get(0);
    }

    @Test
    void anIntactLogReadsEveryBatchAndEntry() throws Exception {
        Path wal = writeWal();
        List<String> keys = new ArrayList<>();
        List<Integer> cfs = new ArrayList<>();
        WalFileReport r = WalFileReader.read(wal, (offset, batch, after) ->
                WriteBatchReader.read(batch, (seq, cf, kind, key, value) -> {
                    keys.add(new String(key, StandardCharsets.UTF_8));
                    cfs.add(cf);
                }));
        assertThat(r.intact()).isTrue();
        assertThat(r.batches()).isEqualTo(300);
        assertThat(r.lastSeq() - r.firstSeq() + 1).isEqualTo(3000);
        assertThat(keys).hasSize(3000).startsWith("k0.0", "k0.1").endsWith("k299.9");
        assertThat(cfs.subList(0, 2)).containsExactly(0, 1);
    }

    @Test
    void aFileCutInsideARecordIsATornTailWithNothingAfter() throws Exception {
        Path wal = writeWal();
        long size = Files.size(wal);
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
            f.setLength(size / 2 + 123);
        }
        WalFileReport r = WalFileReader.read(wal, null);
        assertThat(r.damage()).isNotNull();
        assertThat(r.damage().torn()).isTrue();
        assertThat(r.damage().offset() + r.damage().bytes()).isEqualTo(size / 2 + 123);
        assertThat(r.batchesAfter()).isZero();
        assertThat(r.batches()).isBetween(100L, 200L);
        assertThat(new WalScan(List.of(r)).batchesLost()).isZero();
    }

    @Test
    void aFlippedByteInTheMiddleIsDamageFollowedByIntactBatches() throws Exception {
        Path wal = writeWal();
        long size = Files.size(wal);
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
            f.seek(size / 3);
            int b = f.read();
            f.seek(size / 3);
            f.write(b ^ 0x5A);
        }
        List<Boolean> afterFlags = new ArrayList<>();
        WalFileReport r = WalFileReader.read(wal, (offset, batch, after) -> afterFlags.add(after));
        assertThat(r.damage()).isNotNull();
        assertThat(r.damage().torn()).isFalse();
        assertThat(r.damage().problem()).isEqualTo("a checksum mismatch");
        assertThat(r.damage().offset()).isLessThanOrEqualTo(size / 3);
        assertThat(r.batchesAfter()).isGreaterThan(150);
        assertThat(r.batches() + r.batchesAfter()).isBetween(297L, 299L);
        assertThat(afterFlags).contains(false, true);
        WalScan scan = new WalScan(List.of(r));
        assertThat(scan.batchesLost()).isEqualTo(r.batchesAfter());
        assertThat(scan.seqsLost()[1]).isEqualTo(r.lastSeqAfter());
    }

    @Test
    void zerosAfterTheLastRecordArePreallocatedSpaceNotDamage() throws Exception {
        Path wal = writeWal();
        long size = Files.size(wal);
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
            f.setLength(size + 100_000);
        }
        WalFileReport r = WalFileReader.read(wal, null);
        assertThat(r.intact()).isTrue();
        assertThat(r.batches()).isEqualTo(300);
    }
}
