package io.stocktsdb.engine.storage.check;

import io.stocktsdb.engine.storage.wal.WalDamage;
import io.stocktsdb.engine.storage.wal.WalFileReport;
import io.stocktsdb.engine.storage.wal.WalScan;
import io.stocktsdb.engine.storage.wal.WriteBatchReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The offline check of a data directory (as {@code redis-check-aof}): every WAL file record by
 * record, every SST file block by block; prints each damaged range with the keys it holds and,
 * given a new directory, salvages what can be read into it ({@link Salvage}). Never writes to
 * the directory it checks.
 */
public final class DataCheck {
    /** Exit status: everything intact. */
    public static final int INTACT = 0;
    /** Exit status: damage found (and, with a fix directory, the readable data copied there). */
    public static final int DAMAGED = 1;

    private final Path dir;
    private final PrintWriter out;
    private final KeyNames names = new KeyNames();

    private DataCheck(Path dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /** Checks {@code dir}; with {@code fixDir} non-null also salvages into it. Returns the exit status. */
    public static int run(Path dir, Path fixDir, PrintWriter out) throws IOException {
        if (!Files.isRegularFile(dir.resolve("CURRENT"))) throw new IOException(dir + " is not a StockTSDB data directory (no CURRENT file)");
        if (fixDir != null && Files.exists(fixDir) && !isEmptyDir(fixDir)) throw new IOException("--fix directory " + fixDir + " exists and is not empty");
        return new DataCheck(dir, out).check(fixDir);
    }

    private int check(Path fixDir) throws IOException {
        out.println("checking " + dir);
        Catalog catalog = Catalog.read(dir, names);
        if (!catalog.opened) out.println("  RocksDB cannot open it read-only (" + catalog.openError + "); checking file by file");
        List<SstCheck> ssts = checkSsts(catalog);
        WalScan wal = checkWal(catalog);
        long damagedSsts = ssts.stream().filter(s -> !s.intact()).count();
        WalDamage walDamage = wal.firstDamage();
        if (damagedSsts == 0 && walDamage == null) {
            out.println("no damage found: " + wal.files().size() + " WAL file(s), " + ssts.size() + " SST file(s)");
            return INTACT;
        }
        out.println("damage found: " + (walDamage == null ? 0 : 1) + " damaged WAL file(s), " + damagedSsts + " damaged SST file(s)");
        if (fixDir == null) {
            out.println("to copy what can be read into a new directory (this one is not changed): check --data-dir " + dir + " --fix NEW_DIR");
        } else {
            Salvage.run(dir, fixDir, catalog, wal, ssts, out);
        }
        return DAMAGED;
    }

    private List<SstCheck> checkSsts(Catalog catalog) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".sst")).sorted(Comparator.comparing(Path::toString)).toList();
        }
        // the default column family first: its metadata names the series of the other files
        List<SstCheck> out = new ArrayList<>();
        List<Path> rest = new ArrayList<>();
        for (Path f : files) {
            Catalog.FileInfo info = catalog.files.get(f.getFileName().toString());
            if (info != null && info.columnFamily.equals("default")) out.add(SstCheck.of(f, "default", names));
            else rest.add(f);
        }
        for (Path f : rest) {
            Catalog.FileInfo info = catalog.files.get(f.getFileName().toString());
            out.add(SstCheck.of(f, info == null ? null : info.columnFamily, names));
        }
        for (SstCheck s : out) report(s, catalog.files.get(s.file().getFileName().toString()), catalog.opened);
        return out;
    }

    private void report(SstCheck s, Catalog.FileInfo info, boolean catalogued) {
        String where = "SST " + s.file().getFileName() + " (column family " + s.columnFamily()
                + (info != null ? ", level " + info.level : catalogued ? ", not live: RocksDB no longer uses it" : "") + ")";
        if (s.intact()) {
            out.println(where + ": ok, " + s.entries() + " entries");
            return;
        }
        out.println(where + ": DAMAGED: " + s.damage());
        out.println("  readable: " + s.readable() + " of " + (s.entries() < 0 ? "?" : s.entries()) + " entries around "
                + s.damagedRanges() + " unreadable range(s), " + KeyNames.list(s.keysReadable()));
        if (info != null) {
            byte[] from = s.lastReadable() != null ? s.lastReadable() : info.smallest;
            Set<String> lost = names.between(s.columnFamily(), from, info.largest);
            lost.removeAll(s.keysReadable());
            out.println("  unreadable: entries after the last key read before the damage; keys known to lie there and not read: "
                    + (lost.isEmpty() ? "none known" : KeyNames.list(lost)));
        } else {
            out.println("  unreadable: the rest of the file (its key range is unknown: the MANIFEST could not be read)");
        }
    }

    private WalScan checkWal(Catalog catalog) throws IOException {
        Set<String> lostKeys = new TreeSet<>();
        long[] lostEntries = {0};
        WalScan scan = WalScan.of(dir, (offset, batch, afterDamage) -> {
            WriteBatchReader.read(batch, (seq, cf, kind, key, value) -> {
                String cfName = catalog.columnFamily(cf);
                if (cfName.equals("default") && kind == WriteBatchReader.Kind.PUT) names.learn(key, value);
                if (afterDamage) {
                    lostEntries[0]++;
                    names.collect(cfName, key, value, lostKeys);
                }
            });
        });
        boolean past = false;
        for (WalFileReport r : scan.files()) {
            String head = "WAL " + r.file().getFileName() + ": " + r.size() + " bytes, " + r.batches() + " intact write batches";
            if (r.damage() == null) {
                out.println(head + (past ? " AFTER the damage: not replayed by a start that cuts the log there" : ", ok"));
                continue;
            }
            WalDamage d = r.damage();
            out.println(head + " before offset " + d.offset() + ": DAMAGED there (" + d.problem() + "), " + d.bytes()
                    + " bytes from there to the end" + (d.torn() ? " (a torn tail, as a crash while writing leaves)" : ""));
            if (r.batchesAfter() > 0) {
                out.println("  " + r.batchesAfter() + " intact write batches follow the damage (sequence numbers " + r.firstSeqAfter() + "-"
                        + r.lastSeqAfter() + ")");
            }
            past = true;
        }
        WalDamage d = scan.firstDamage();
        if (d != null) {
            long lost = scan.batchesLost();
            out.println(lost == 0 ? "  nothing intact follows the damage: a start cuts the log there (wal_recovery:tail_cut) and loses only the damaged batch"
                    : "  a start refuses (unless wal_accept_damage) because " + lost + " intact write batches (" + lostEntries[0]
                    + " entries) follow the damage; they hold " + KeyNames.list(lostKeys));
        }
        return scan;
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) return false;
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
