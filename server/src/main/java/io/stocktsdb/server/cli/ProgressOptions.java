package io.stocktsdb.server.cli;

import io.stocktsdb.server.progress.ProgressDisplay;
import picocli.CommandLine.Option;

/** How the long-running tools (import, export, migrate) show their progress. */
public final class ProgressOptions {
    @Option(names = "--progress", paramLabel = "auto|bar|lines|none",
            description = "bar on a terminal, plain lines otherwise (default: ${DEFAULT-VALUE})")
    String progress = "auto";

    @Option(names = "--progress-interval", paramLabel = "SECONDS", description = "seconds between plain progress lines (default: ${DEFAULT-VALUE})")
    int progressInterval = 5;

    /** The chosen mode; IllegalArgumentException naming a bad value (checked before the task starts). */
    ProgressDisplay.Mode mode() { return ProgressDisplay.Mode.parse(progress); }

    /** Starts showing {@code source}'s progress on stderr. */
    ProgressDisplay show(ProgressDisplay.Mode mode, String task, String unit, ProgressDisplay.Source source) {
        return new ProgressDisplay(mode, task, unit, source, System.err, Math.max(1, progressInterval) * 1000L);
    }
}
