package io.stocktsdb.engine.storage.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads every WAL file of a RocksDB directory, oldest first, and sums up what recovery can keep:
 * the batches before the first damage, and what lies past it.
 */
public record WalScan(List<WalFileReport> files) {
    /** The WAL files ({@code NNNNNN.log}) of {@code dir}, oldest first. */
    public static List<Path> walFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d+\\.log"))
                    .sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().replace(".log", ""))))
                    .toList();
        }
    }

    public static WalScan of(Path dir, WalFileReader.BatchVisitor visitor) throws IOException {
        List<WalFileReport> out = new ArrayList<>();
        for (Path f : walFiles(dir)) out.add(WalFileReader.read(f, visitor));
        return new WalScan(out);
    }

    /** The first damage in log order, or null when every file is intact. */
    public WalDamage firstDamage() {
        for (WalFileReport r : files) if (r.damage() != null) return r.damage();
        return null;
    }

    /** Valid batches that recovery would not replay: those past the first damage, in its file and in later files. */
    public long batchesLost() {
        long n = 0;
        boolean past = false;
        for (WalFileReport r : files) {
            if (past) n += r.batches() + r.batchesAfter();
            else if (r.damage() != null) {
                n += r.batchesAfter();
                past = true;
            }
        }
        return n;
    }

    /** Bytes past the first damage: the rest of its file and every later file. */
    public long bytesLost() {
        long n = 0;
        boolean past = false;
        for (WalFileReport r : files) {
            if (past) n += r.size();
            else if (r.damage() != null) {
                n += r.damage().bytes();
                past = true;
            }
        }
        return n;
    }

    /** The sequence range {first, last} of the valid batches lost, or null when none. */
    public long[] seqsLost() {
        long first = -1;
        long last = -1;
        boolean past = false;
        for (WalFileReport r : files) {
            long[][] ranges = past ? new long[][] {{r.firstSeq(), r.lastSeq()}, {r.firstSeqAfter(), r.lastSeqAfter()}}
                    : r.damage() != null ? new long[][] {{r.firstSeqAfter(), r.lastSeqAfter()}} : new long[0][];
            for (long[] range : ranges) {
                if (range[0] < 0) continue;
                if (first < 0) first = range[0];
                last = Math.max(last, range[1]);
            }
            if (r.damage() != null) past = true;
        }
        return first < 0 ? null : new long[] {first, last};
    }
}
