package io.stocktsdb.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What to tell an operator whose data directory could not be opened for lack of space. */
final class SpaceAdvice {
    private SpaceAdvice() {}

    /** "" unless {@code e} is a full disk; then how much is free and how much to free. */
    static String forOpen(Path dir, Exception e) {
        String m = String.valueOf(e.getMessage());
        if (!m.contains("No space left on device")) return "";
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            long wal = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (p.getFileName().toString().endsWith(".log")) wal += Files.size(p);
                }
            }
            long reserve = DiskSpace.reserveFor(Files.getFileStore(dir).getTotalSpace());
            long needed = wal + reserve;
            return String.format("; %d MB free in %s, opening needs about %d MB (the %d MB of WAL files to replay plus the %d MB "
                    + "write reserve): free at least %d MB more, or copy the directory to a larger disk", free >> 20, dir,
                    needed >> 20, wal >> 20, reserve >> 20, Math.max(1, (needed - free) >> 20));
        } catch (IOException io) {
            return "";
        }
    }
}
