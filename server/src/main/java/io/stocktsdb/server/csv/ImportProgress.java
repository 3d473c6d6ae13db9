package io.stocktsdb.server.csv;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows an import's progress: on a terminal a progress bar (rows, rows/s, ETA; the total is
 * estimated from the bytes read so far), elsewhere a plain line every few seconds.
 */
public final class ImportProgress implements AutoCloseable {
    /** How progress is shown. */
    public enum Mode { AUTO, BAR, LINES, NONE }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stocktsdb-import-progress");
        t.setDaemon(true);
        return t;
    });
    private final LongSupplier rows;
    private final LongSupplier bytes;
    private final long totalBytes;
    private final long startNanos = System.nanoTime();
    private final PrintStream out;
    private final String task;
    private ProgressBar bar;

    /** {@code rows} and {@code bytes} are read from the timer thread. */
    public ImportProgress(Mode mode, String task, long totalBytes, LongSupplier rows, LongSupplier bytes, PrintStream out,
                          long lineIntervalMs) {
        this.rows = rows;
        this.bytes = bytes;
        this.totalBytes = Math.max(1, totalBytes);
        this.out = out;
        this.task = task;
        Mode m = mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.LINES) : mode;
        if (m == Mode.BAR) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUnit(" rows", 1).showSpeed().setUpdateIntervalMillis(250).build();
            timer.scheduleAtFixedRate(this::updateBar, 250, 250, TimeUnit.MILLISECONDS);
        } else if (m == Mode.LINES) {
            timer.scheduleAtFixedRate(this::printLine, lineIntervalMs, lineIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    private void updateBar() {
        long r = rows.getAsLong();
        long b = bytes.getAsLong();
        if (r > 0 && b > 0) bar.maxHint(Math.max(r, (long) ((double) r * totalBytes / b)));
        bar.stepTo(r);
    }

    /** One line: rows, share of the file, rows/s, ETA. */
    String line() {
        long r = rows.getAsLong();
        long b = Math.min(bytes.getAsLong(), totalBytes);
        double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double rate = r / secs;
        double frac = (double) b / totalBytes;
        long eta = frac > 0 ? (long) (secs * (1 - frac) / frac) : -1;
        return String.format(Locale.ROOT, "%s: %d rows (%.1f%%), %.0f rows/s, ETA %s", task, r, frac * 100, rate,
                eta < 0 ? "?" : Duration.ofSeconds(eta).toString().substring(2).toLowerCase(Locale.ROOT));
    }

    private void printLine() {
        out.println(line());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (bar != null) {
            long r = rows.getAsLong();
            bar.maxHint(r);
            bar.stepTo(r);
            bar.close();
        }
    }
}
