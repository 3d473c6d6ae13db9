package io.stocktsdb.engine.storage.check;

import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.LiveFileMetaData;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the MANIFEST says about a data directory, read by opening it read-only with RocksDB's own
 * info log sent to a scratch directory (so nothing in the directory changes): column family ids
 * and names, and for every live SST file its column family, level and key range. When even that
 * fails (a damaged table footer), {@link #opened} is false and callers fall back on each SST
 * file's own properties.
 */
final class Catalog {
    static final class FileInfo {
        final String columnFamily;
        final int level;
        final byte[] smallest;
        final byte[] largest;
        final long largestSeqno;

        FileInfo(String columnFamily, int level, byte[] smallest, byte[] largest, long largestSeqno) {
            this.columnFamily = columnFamily;
            this.level = level;
            this.smallest = smallest;
            this.largest = largest;
            this.largestSeqno = largestSeqno;
        }
    }

    final Map<Integer, String> columnFamilies = new HashMap<>();
    /** SST file name ("000013.sst") -> what the MANIFEST says about it. */
    final Map<String, FileInfo> files = new HashMap<>();
    final List<String> columnFamilyNames = new ArrayList<>();
    boolean opened;
    String openError;

    static Catalog read(Path dir, KeyNames names) throws IOException {
        Catalog c = new Catalog();
        c.columnFamilies.put(0, "default");
        Path scratch = Files.createTempDirectory("stocktsdb-check-log");
        try (Options listOptions = new Options()) {
            for (byte[] n : RocksDB.listColumnFamilies(listOptions, dir.toString())) c.columnFamilyNames.add(new String(n, StandardCharsets.UTF_8));
        } catch (RocksDBException e) {
            c.openError = e.getMessage();
            return c;
        }
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String n : c.columnFamilyNames) descriptors.add(new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8)));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions o = new DBOptions().setDbLogDir(scratch.toString()).setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery);
             RocksDB db = RocksDB.openReadOnly(o, dir.toString(), descriptors, handles)) {
            try {
                for (ColumnFamilyHandle h : handles) c.columnFamilies.put(h.getID(), new String(h.getName(), StandardCharsets.UTF_8));
                for (LiveFileMetaData f : db.getLiveFilesMetaData()) {
                    c.files.put(f.fileName().replaceFirst("^/", ""), new FileInfo(new String(f.columnFamilyName(), StandardCharsets.UTF_8),
                            f.level(), f.smallestKey(), f.largestKey(), f.largestSeqno()));
                }
                learnSeriesNames(db, handles.get(0), names);
                c.opened = true;
            } finally {
                for (ColumnFamilyHandle h : handles) h.close();
            }
        } catch (RocksDBException e) {
            c.openError = e.getMessage();
        } finally {
            deleteTree(scratch);
        }
        return c;
    }

    /** Reads the default column family as far as it can, to name series by id. */
    private static void learnSeriesNames(RocksDB db, ColumnFamilyHandle defaultCf, KeyNames names) {
        try (RocksIterator it = db.newIterator(defaultCf)) {
            for (it.seekToFirst(); it.isValid(); it.next()) names.learn(it.key(), it.value());
            it.status();
        } catch (RocksDBException damaged) {
            // the SST check reports it; the names read so far still help
        }
    }

    String columnFamily(int id) {
        String n = columnFamilies.get(id);
        return n != null ? n : "column family #" + id;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(x);
        }
    }
}
