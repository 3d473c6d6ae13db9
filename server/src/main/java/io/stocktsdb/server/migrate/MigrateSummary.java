package io.stocktsdb.server.migrate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of a migration and the problems met, printed at the end. */
public final class MigrateSummary {
    final AtomicLong keysScanned = new AtomicLong();
    final AtomicLong keysDone = new AtomicLong();
    final AtomicLong seriesByDump = new AtomicLong();
    final AtomicLong seriesByRange = new AtomicLong();
    final AtomicLong stringsCopied = new AtomicLong();
    final AtomicLong samplesCopied = new AtomicLong();
    final AtomicLong rulesCreated = new AtomicLong();
    final AtomicLong rulesPresent = new AtomicLong();
    final AtomicLong verified = new AtomicLong();
    final Map<String, Long> skippedTypes = new TreeMap<>();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    long elapsedMs;

    public long keysScanned() { return keysScanned.get(); }

    public long keysDone() { return keysDone.get(); }

    public List<String> failures() { return List.copyOf(failures); }

    public List<String> mismatches() { return List.copyOf(mismatches); }

    /** Whether every selected key was copied (and verified, when asked). */
    public boolean clean() {
        return failures.isEmpty() && mismatches.isEmpty();
    }

    synchronized void skipped(String type) {
        skippedTypes.merge(type, 1L, Long::sum);
    }

    public void print(PrintWriter out, int showProblems) {
        out.printf(Locale.ROOT, "keys scanned:    %d%n", keysScanned.get());
        out.printf(Locale.ROOT, "series copied:   %d (DUMP/RESTORE %d, TS.RANGE %d), %d samples%n",
                seriesByDump.get() + seriesByRange.get(), seriesByDump.get(), seriesByRange.get(), samplesCopied.get());
        out.printf(Locale.ROOT, "strings copied:  %d%n", stringsCopied.get());
        out.printf(Locale.ROOT, "rules:           %d created, %d already present%n", rulesCreated.get(), rulesPresent.get());
        synchronized (this) {
            if (!skippedTypes.isEmpty()) out.printf(Locale.ROOT, "skipped types:   %s%n", skippedTypes);
        }
        out.printf(Locale.ROOT, "verified:        %d series%n", verified.get());
        out.printf(Locale.ROOT, "failed:          %d%n", failures.size());
        out.printf(Locale.ROOT, "mismatches:      %d%n", mismatches.size());
        out.printf(Locale.ROOT, "elapsed:         %.1f s%n", elapsedMs / 1000.0);
        List<String> problems = new ArrayList<>(failures);
        problems.addAll(mismatches);
        for (int i = 0; i < Math.min(showProblems, problems.size()); i++) out.println("  " + problems.get(i));
        if (problems.size() > showProblems) out.println("  ... " + (problems.size() - showProblems) + " more");
        out.flush();
    }
}
