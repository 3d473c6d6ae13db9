package io.stocktsdb.engine.storage.check;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileReader;
import org.rocksdb.SstFileReaderIterator;

import java.util.Arrays;

/**
 * Reads an SST file in key order past its damaged blocks. RocksDB's iterator stops at the first
 * block it cannot read; then reading resumes by seeking just past the last good key's prefix,
 * longest prefix first (the next key after it, then the next 8-, 2-, 1-byte prefix): a seek that
 * lands beyond the damaged block reads on, one that lands inside it fails and the next, shorter
 * prefix jumps further. Keys between the last good key and the resume point are lost.
 */
final class SstReading {
    /** Receives each readable entry in key order. */
    @FunctionalInterface
    interface EntryConsumer {
        void accept(byte[] key, byte[] value) throws RocksDBException;
    }

    /** What reading found: entries read, and the first damage (null when none). */
    record Outcome(long entries, int damagedRanges, String firstDamage, byte[] lastBeforeDamage) {}

    private static final int[] PREFIXES = {8, 2, 1};

    private SstReading() {}

    static Outcome read(SstFileReader r, EntryConsumer consumer) throws RocksDBException {
        long n = 0;
        int ranges = 0;
        String first = null;
        byte[] lastBefore = null;
        byte[] last = null;
        try (ReadOptions ro = new ReadOptions(); SstFileReaderIterator it = r.newIterator(ro)) {
            it.seekToFirst();
            while (true) {
                for (; it.isValid(); it.next()) {
                    last = it.key();
                    consumer.accept(last, it.value());
                    n++;
                }
                try {
                    it.status();
                    return new Outcome(n, ranges, first, lastBefore);
                } catch (RocksDBException damaged) {
                    ranges++;
                    if (first == null) {
                        first = SstCheck.describe(damaged);
                        lastBefore = last;
                    }
                    if (!resume(it, last)) return new Outcome(n, ranges, first, lastBefore);
                }
            }
        }
    }

    /** Positions {@code it} at a readable key after {@code last}; false when none can be found. */
    private static boolean resume(SstFileReaderIterator it, byte[] last) {
        for (byte[] probe : probes(last)) {
            it.seek(probe);
            if (it.isValid()) return true;
            try {
                it.status();
                return false; // a clean end: nothing after the damage
            } catch (RocksDBException stillDamaged) {
                // try a probe further on
            }
        }
        return false;
    }

    private static byte[][] probes(byte[] last) {
        byte[] base = last == null ? new byte[0] : last;
        byte[][] out = new byte[PREFIXES.length + 1 + 255][];
        int i = 0;
        out[i++] = Arrays.copyOf(base, base.length + 1); // the very next key
        for (int len : PREFIXES) out[i++] = successor(base, len);
        int b0 = base.length == 0 ? 0 : Byte.toUnsignedInt(base[0]);
        for (int b = b0 + 1; b <= 255; b++) out[i++] = new byte[] {(byte) b};
        return Arrays.stream(out, 0, i).filter(p -> p != null && Arrays.compareUnsigned(p, base) > 0).toArray(byte[][]::new);
    }

    /** The smallest key greater than every key starting with the first {@code len} bytes of {@code key}, or null. */
    private static byte[] successor(byte[] key, int len) {
        if (key.length < len) return null;
        byte[] p = Arrays.copyOf(key, len);
        for (int i = len - 1; i >= 0; i--) {
            if (p[i] != (byte) 0xFF) {
                p[i]++;
                return Arrays.copyOf(p, i + 1);
            }
        }
        return null;
    }
}
