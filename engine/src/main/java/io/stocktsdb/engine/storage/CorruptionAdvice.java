package io.stocktsdb.engine.storage;

import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns RocksDB's corruption status ("block checksum mismatch: ... in /d/000011.sst offset 0 size
 * 3988") into a start-up message an operator can act on: the file, the kind of damage, and how
 * to salvage with the {@code check} subcommand.
 */
public final class CorruptionAdvice {
    private static final Pattern FILE = Pattern.compile("(\\S+\\.(sst|log|blob))(?:\\s+offset\\s+(\\d+))?(?:\\s+size\\s+(\\d+))?");

    private CorruptionAdvice() {}

    /** True when RocksDB reported damaged data (not an I/O or usage error). */
    public static boolean isCorruption(RocksDBException e) {
        Status s = e.getStatus();
        return (s != null && s.getCode() == Status.Code.Corruption) || String.valueOf(e.getMessage()).startsWith("Corruption");
    }

    /** What to tell the operator about {@code e} while opening or loading {@code dir}. */
    public static String message(Path dir, RocksDBException e) {
        String raw = String.valueOf(e.getMessage());
        String kind = raw.replaceFirst("^Corruption:\\s*", "");
        Matcher m = FILE.matcher(raw);
        String where;
        if (m.find()) {
            int cut = kind.indexOf(m.group(1));
            if (cut > 0) kind = kind.substring(0, cut).replaceAll("\\s*\\bin\\s*$", "").trim();
            String detail = kind.replace("(context removed)", "").replaceAll("[,\\s]+$", "");
            where = "data file " + m.group(1) + " is damaged (" + detail
                    + (m.group(3) != null ? "; the block at offset " + m.group(3) + (m.group(4) != null ? ", " + m.group(4) + " bytes" : "") : "") + ")";
        } else {
            where = "the database is damaged (" + kind + ")";
        }
        return "cannot load " + dir + ": the " + where + "; the server did not start and changed nothing. "
                + "See every damaged file and the keys it holds: java -jar stocktsdb.jar check --data-dir " + dir
                + "; copy what can be read into a new directory: check --data-dir " + dir + " --fix NEW_DIR"
                + ", then start with --data-dir NEW_DIR (or restore a backup)";
    }
}
