package io.stocktsdb.server.csv;

import io.stocktsdb.server.progress.ProgressDisplay;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * An import's (or export's) progress for {@link ProgressDisplay}: rows done, the total estimated
 * from the share of the input read so far, and a line with rows, share, rows/s and ETA.
 */
public final class ImportProgress implements ProgressDisplay.Source {
    private final LongSupplier rows;
    private final LongSupplier bytes;
    private final long totalBytes;
    private final long startNanos = System.nanoTime();
    private final String task;

    /** {@code rows} and {@code bytes} are read from the display's timer thread. */
    public ImportProgress(String task, long totalBytes, LongSupplier rows, LongSupplier bytes) {
        this.rows = rows;
        this.bytes = bytes;
        this.totalBytes = Math.max(1, totalBytes);
        this.task = task;
    }

    @Override
    public long done() { return rows.getAsLong(); }

    @Override
    public long total() {
        long r = rows.getAsLong();
        long b = bytes.getAsLong();
        return r > 0 && b > 0 ? Math.max(r, (long) ((double) r * totalBytes / b)) : 0;
    }

    /** One line: rows, share of the file, rows/s, ETA. */
    @Override
    public String line() {
        long r = rows.getAsLong();
        long b = Math.min(bytes.getAsLong(), totalBytes);
        double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double rate = r / secs;
        double frac = (double) b / totalBytes;
        long eta = frac > 0 ? (long) (secs * (1 - frac) / frac) : -1;
        return String.format(Locale.ROOT, "%s: %d rows (%.1f%%), %.0f rows/s, ETA %s", task, r, frac * 100, rate,
                eta < 0 ? "?" : Duration.ofSeconds(eta).toString().substring(2).toLowerCase(Locale.ROOT));
    }
}
