package io.stocktsdb.engine.storage.check;

import io.stocktsdb.engine.storage.wal.WalDamage;
import io.stocktsdb.engine.storage.wal.WalFileReport;
import io.stocktsdb.engine.storage.wal.WalScan;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LiveFileMetaData;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SstFileReader;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code check --fix NEW_DIR}: copies what can be read into a new directory, never touching the
 * original. The WAL is cut at its first damage (what follows is dropped, so the copy is a
 * consistent point in time, as {@code redis-check-aof --fix} truncates); the copy is replayed and
 * flushed by RocksDB. When SST files are damaged, a fresh database is built: column families
 * without damage are copied entry by entry through RocksDB (exact), a column family with a
 * damaged file is merged file by file, newest first, taking each key from the newest file that
 * still reads it (deletions recorded in other files are not seen there, so a key deleted long
 * ago can come back in that column family).
 */
final class Salvage {
    private static final long BATCH_BYTES = 4L << 20;

    private final Path source;
    private final Path target;
    private final PrintWriter out;

    private Salvage(Path source, Path target, PrintWriter out) {
        this.source = source;
        this.target = target;
        this.out = out;
    }

    static void run(Path source, Path target, Catalog catalog, WalScan wal, List<SstCheck> ssts, PrintWriter out) throws IOException {
        new Salvage(source, target, out).salvage(catalog, wal, ssts);
    }

    private void salvage(Catalog catalog, WalScan wal, List<SstCheck> ssts) throws IOException {
        Set<String> damagedCfs = new HashSet<>();
        for (SstCheck s : ssts) {
            if (!s.intact() && catalog.files.containsKey(s.file().getFileName().toString())) damagedCfs.add(s.columnFamily());
            else if (!s.intact() && !catalog.opened) throw new IOException("cannot salvage: RocksDB cannot open " + source
                    + " (" + catalog.openError + "); restore a backup");
        }
        Path staging = Files.createDirectories(target.toAbsolutePath().getParent()).resolve(target.getFileName() + ".salvage-tmp");
        Catalog.deleteTree(staging);
        copyWithWalCut(wal, staging);
        try {
            List<String> cfs = catalog.columnFamilyNames;
            List<LiveFileMetaData> live = replayAndFlush(staging, cfs);
            if (damagedCfs.isEmpty()) {
                Files.createDirectories(target);
                Files.delete(target);
                Files.move(staging, target);
                out.println("salvaged into " + target + ": every SST file intact"
                        + (wal.firstDamage() == null ? "" : "; the WAL cut at " + wal.firstDamage().file().getFileName() + ":" + wal.firstDamage().offset()));
            } else {
                rebuild(staging, cfs, live, damagedCfs);
            }
            out.println("start the server on the copy with --data-dir " + target);
        } catch (RocksDBException e) {
            throw new IOException("salvage failed: " + e.getMessage(), e);
        } finally {
            Catalog.deleteTree(staging);
        }
    }

    /** Copies every file but RocksDB's info logs and lock; WAL files up to the first damage, cut there. */
    private void copyWithWalCut(WalScan wal, Path staging) throws IOException {
        Files.createDirectories(staging);
        Set<Path> wals = new HashSet<>(WalScan.walFiles(source));
        try (Stream<Path> s = Files.list(source)) {
            for (Path f : s.toList()) {
                String n = f.getFileName().toString();
                if (!Files.isRegularFile(f) || wals.contains(f) || n.equals("LOCK") || n.startsWith("LOG")) continue;
                Files.copy(f, staging.resolve(n));
            }
        }
        for (WalFileReport r : wal.files()) {
            WalDamage d = r.damage();
            Path to = staging.resolve(r.file().getFileName());
            if (d == null) {
                Files.copy(r.file(), to);
                continue;
            }
            try (FileChannel in = FileChannel.open(r.file(), StandardOpenOption.READ);
                 FileChannel o = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long done = 0;
                while (done < d.offset()) done += in.transferTo(done, d.offset() - done, o);
            }
            out.println("  WAL " + r.file().getFileName() + " copied up to offset " + d.offset() + "; " + (r.size() - d.offset())
                    + " bytes after it and every later WAL file left out");
            break;
        }
    }

    /** Opens the copy (replaying its cut WAL), flushes every memtable and returns its live files. */
    private static List<LiveFileMetaData> replayAndFlush(Path staging, List<String> cfs) throws RocksDBException {
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (ColumnFamilyOptions cfo = new ColumnFamilyOptions().setDisableAutoCompactions(true);
             DBOptions o = new DBOptions().setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery);
             RocksDB db = RocksDB.open(o, staging.toString(), descriptors(cfs, cfo), handles);
             FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            try {
                db.flush(fo, handles);
                return db.getLiveFilesMetaData();
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    private void rebuild(Path staging, List<String> cfs, List<LiveFileMetaData> live, Set<String> damagedCfs) throws RocksDBException, IOException {
        List<ColumnFamilyHandle> src = new ArrayList<>();
        List<ColumnFamilyHandle> dst = new ArrayList<>();
        try (ColumnFamilyOptions cfo = new ColumnFamilyOptions();
             DBOptions ro = new DBOptions();
             DBOptions wo = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             RocksDB from = RocksDB.openReadOnly(ro, staging.toString(), descriptors(cfs, cfo), src);
             RocksDB to = RocksDB.open(wo, target.toString(), descriptors(cfs, cfo), dst);
             WriteOptions w = new WriteOptions().setDisableWAL(true)) {
            try {
                for (int i = 0; i < cfs.size(); i++) {
                    String cf = cfs.get(i);
                    long n = damagedCfs.contains(cf) ? mergeFiles(staging, cf, live, to, dst.get(i), w) : copyAll(from, src.get(i), to, dst.get(i), w);
                    out.println("  column family " + cf + ": " + n + " entries copied" + (damagedCfs.contains(cf) ? " (merged file by file around the damage)" : ""));
                }
                try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
                    to.flush(fo, dst);
                }
            } finally {
                src.forEach(ColumnFamilyHandle::close);
                dst.forEach(ColumnFamilyHandle::close);
            }
        }
        out.println("salvaged into " + target + " (a new database built from what could be read)");
    }

    private static long copyAll(RocksDB from, ColumnFamilyHandle src, RocksDB to, ColumnFamilyHandle dst, WriteOptions w) throws RocksDBException {
        long n = 0;
        try (RocksIterator it = from.newIterator(src); WriteBatch batch = new WriteBatch()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                batch.put(dst, it.key(), it.value());
                n++;
                if (batch.getDataSize() >= BATCH_BYTES) {
                    to.write(w, batch);
                    batch.clear();
                }
            }
            it.status();
            to.write(w, batch);
        }
        return n;
    }

    /** Every file of the column family, newest first; a key already copied from a newer file is skipped. */
    private long mergeFiles(Path staging, String cf, List<LiveFileMetaData> live, RocksDB to, ColumnFamilyHandle dst, WriteOptions w)
            throws RocksDBException {
        List<LiveFileMetaData> files = new ArrayList<>();
        for (LiveFileMetaData f : live) if (new String(f.columnFamilyName(), StandardCharsets.UTF_8).equals(cf)) files.add(f);
        files.sort(Comparator.comparingLong(LiveFileMetaData::largestSeqno).reversed());
        long n = 0;
        for (LiveFileMetaData f : files) {
            Path file = staging.resolve(f.fileName().replaceFirst("^/", ""));
            try (Options o = new Options(); SstFileReader r = new SstFileReader(o)) {
                r.open(file.toString());
                long[] copied = {0};
                SstReading.Outcome read = SstReading.read(r, (k, v) -> {
                    if (to.get(dst, k) != null) return;
                    to.put(dst, w, k, v);
                    copied[0]++;
                });
                n += copied[0];
                if (read.firstDamage() != null) {
                    out.println("  " + f.fileName().replaceFirst("^/", "") + ": read around " + read.damagedRanges() + " unreadable range(s) ("
                            + read.firstDamage() + ")");
                }
            } catch (RocksDBException unreadable) {
                out.println("  " + f.fileName().replaceFirst("^/", "") + ": cannot be read at all (" + SstCheck.describe(unreadable) + "); left out");
            }
        }
        return n;
    }

    private static List<ColumnFamilyDescriptor> descriptors(List<String> cfs, ColumnFamilyOptions o) {
        List<ColumnFamilyDescriptor> d = new ArrayList<>();
        for (String n : cfs) d.add(new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8), o));
        return d;
    }
}
