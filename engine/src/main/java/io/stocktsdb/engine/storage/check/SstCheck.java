package io.stocktsdb.engine.storage.check;

import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileReaderIterator;
import org.rocksdb.TableProperties;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Verifies one SST file (every block checksum, {@code SstFileReader.verifyChecksum}) and, when it
 * is damaged, reads it in key order as far as it can to tell which entries are still readable.
 *
 * @param damage        RocksDB's description of the damage, or null when the file is intact
 * @param readable      entries read before the damage (all of them when intact)
 * @param damagedRanges unreadable stretches skipped (reading resumes after each)
 * @param lastReadable  the last key read before the first damage (null when none)
 * @param keysReadable  user keys of the readable entries (only collected for damaged files)
 */
record SstCheck(Path file, String columnFamily, long entries, String damage, long readable, int damagedRanges, byte[] lastReadable,
                Set<String> keysReadable) {

    boolean intact() {
        return damage == null;
    }

    static SstCheck of(Path file, String knownColumnFamily, KeyNames names) {
        try (Options o = new Options(); SstFileReader r = new SstFileReader(o)) {
            try {
                r.open(file.toString());
            } catch (RocksDBException e) {
                return new SstCheck(file, knownColumnFamily, -1, describe(e), 0, 1, null, Set.of());
            }
            TableProperties p = r.getTableProperties();
            String cf = knownColumnFamily != null ? knownColumnFamily : new String(p.getColumnFamilyName(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                r.verifyChecksum();
                if (cf.equals("default")) learn(r, names);
                return new SstCheck(file, cf, p.getNumEntries(), null, p.getNumEntries(), 0, null, Set.of());
            } catch (RocksDBException e) {
                return readUntilDamage(r, file, cf, p.getNumEntries(), describe(e), names);
            }
        } catch (RocksDBException e) {
            return new SstCheck(file, knownColumnFamily, -1, describe(e), 0, 1, null, Set.of());
        }
    }

    private static void learn(SstFileReader r, KeyNames names) {
        try (ReadOptions ro = new ReadOptions(); SstFileReaderIterator it = r.newIterator(ro)) {
            for (it.seekToFirst(); it.isValid(); it.next()) names.learn(it.key(), it.value());
        }
    }

    private static SstCheck readUntilDamage(SstFileReader r, Path file, String cf, long entries, String damage, KeyNames names) throws RocksDBException {
        Set<String> keys = new LinkedHashSet<>();
        SstReading.Outcome o = SstReading.read(r, (k, v) -> {
            if (cf.equals("default")) names.learn(k, v);
            names.collect(cf, k, v, keys);
        });
        return new SstCheck(file, cf, entries, damage, o.entries(), o.damagedRanges(), o.lastBeforeDamage(), keys);
    }

    static String describe(RocksDBException e) {
        String m = String.valueOf(e.getMessage()).replace("(context removed)", "").replaceFirst("^Corruption:\\s*", "");
        int in = m.lastIndexOf(" in /");
        return (in > 0 ? m.substring(0, in) : m).replaceAll("[,\\s]+$", "").replaceAll("\\s+", " ");
    }
}
