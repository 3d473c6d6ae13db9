package io.stocktsdb.server.migrate;

import io.stocktsdb.server.progress.ProgressDisplay;
import java.util.Locale;

/** A migration's progress for {@link ProgressDisplay}: keys done of keys scanned so far, and samples copied. */
public final class MigrateProgress implements ProgressDisplay.Source {
    private final MigrateSummary summary;

    public MigrateProgress(MigrateSummary summary) { this.summary = summary; }

    @Override
    public long done() { return summary.keysDone(); }

    @Override
    public long total() { return summary.keysScanned(); }

    @Override
    public String line() {
        return String.format(Locale.ROOT, "migrate: %d of %d keys, %d samples", summary.keysDone(), summary.keysScanned(),
                summary.samplesCopied.get());
    }
}
