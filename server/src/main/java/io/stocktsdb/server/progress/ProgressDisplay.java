package io.stocktsdb.server.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of a long command-line task (import, export, migrate): on a terminal a progress
 * bar (count, speed, ETA), elsewhere the source's line every few seconds, or nothing.
 */
public final class ProgressDisplay implements AutoCloseable {
    /** How progress is shown; AUTO is a bar on a terminal, lines otherwise. */
    public enum Mode {
        AUTO, BAR, LINES, NONE;

        /** The mode named {@code s} (any case); IllegalArgumentException naming the value otherwise. */
        public static Mode parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown --progress value '" + s + "' (auto, bar, lines or none)");
            }
        }
    }

    /** What a task reports; read from the display's timer thread. */
    public interface Source {
        long done();

        /** The expected total so far, or 0 or less while unknown. */
        long total();

        /** One plain progress line. */
        String line();
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stocktsdb-progress");
        t.setDaemon(true);
        return t;
    });
    private final Source source;
    private ProgressBar bar;

    public ProgressDisplay(Mode mode, String task, String unit, Source source, PrintStream out, long lineIntervalMs) {
        this.source = source;
        Mode m = mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.LINES) : mode;
        if (m == Mode.BAR) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUnit(" " + unit, 1).showSpeed().setUpdateIntervalMillis(250).build();
            timer.scheduleAtFixedRate(this::updateBar, 250, 250, TimeUnit.MILLISECONDS);
        } else if (m == Mode.LINES) {
            timer.scheduleAtFixedRate(() -> out.println(source.line()), lineIntervalMs, lineIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    private void updateBar() {
        long done = source.done();
        long total = source.total();
        if (total > 0) bar.maxHint(Math.max(done, total));
        bar.stepTo(done);
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
            long done = source.done();
            bar.maxHint(Math.max(done, source.total()));
            bar.stepTo(done);
            bar.close();
        }
    }
}
