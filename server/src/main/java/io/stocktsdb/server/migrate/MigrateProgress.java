package io.stocktsdb.server.migrate;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A migration's progress, like the importer's: a bar on a terminal, else a line every few seconds. */
public final class MigrateProgress implements AutoCloseable {
    /** How progress is shown. */
    public enum Mode { AUTO, BAR, LINES, NONE }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stocktsdb-migrate-progress");
        t.setDaemon(true);
        return t;
    });
    private final MigrateSummary summary;
    private final PrintStream out;
    private ProgressBar bar;

    public MigrateProgress(Mode mode, MigrateSummary summary, PrintStream out, long lineIntervalMs) {
        this.summary = summary;
        this.out = out;
        Mode m = mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.LINES) : mode;
        if (m == Mode.BAR) {
            bar = new ProgressBarBuilder().setTaskName("migrate").setInitialMax(-1).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUnit(" keys", 1).showSpeed().setUpdateIntervalMillis(250).build();
            timer.scheduleAtFixedRate(this::updateBar, 250, 250, TimeUnit.MILLISECONDS);
        } else if (m == Mode.LINES) {
            timer.scheduleAtFixedRate(() -> out.println(line()), lineIntervalMs, lineIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    private void updateBar() {
        bar.maxHint(summary.keysScanned());
        bar.stepTo(summary.keysDone());
    }

    String line() {
        return String.format(Locale.ROOT, "migrate: %d of %d keys, %d samples", summary.keysDone(), summary.keysScanned(),
                summary.samplesCopied.get());
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
            bar.maxHint(summary.keysScanned());
            bar.stepTo(summary.keysDone());
            bar.close();
        }
    }
}
