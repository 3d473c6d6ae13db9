package io.stocktsdb.server.csv;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an import did: rows read, samples written, and every rejected row's line number with the
 * first reason found (reasons are kept for the first {@link #KEPT_REASONS} rejected lines).
 */
public final class ImportSummary {
    static final int KEPT_REASONS = 100_000;

    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong samplesWritten = new AtomicLong();
    private final TreeMap<Long, String> rejected = new TreeMap<>();
    private long rejectedBeyondKept;
    private volatile long elapsedNanos;

    void rowRead() { rowsRead.incrementAndGet(); }

    void written(long n) { samplesWritten.addAndGet(n); }

    /** Rejects a row; a row rejected twice (two failing fields) counts once, with its first reason. */
    synchronized void reject(long line, String reason) {
        if (rejected.containsKey(line)) return;
        if (rejected.size() < KEPT_REASONS) rejected.put(line, reason);
        else rejectedBeyondKept++;
    }

    void finished(long nanos) { this.elapsedNanos = nanos; }

    public long rowsRead() { return rowsRead.get(); }

    public long samplesWritten() { return samplesWritten.get(); }

    public synchronized long rowsRejected() { return rejected.size() + rejectedBeyondKept; }

    /** Line number -> reason, ascending. */
    public synchronized Map<Long, String> rejectedRows() { return new TreeMap<>(rejected); }

    public long elapsedNanos() { return elapsedNanos; }

    /** The closing report: totals, rate, and the first {@code show} rejected rows. */
    public void print(PrintWriter out, int show) {
        double secs = elapsedNanos / 1e9;
        out.printf(java.util.Locale.ROOT, "rows read:        %d%n", rowsRead());
        out.printf(java.util.Locale.ROOT, "samples written:  %d%n", samplesWritten());
        out.printf(java.util.Locale.ROOT, "rows rejected:    %d%n", rowsRejected());
        out.printf(java.util.Locale.ROOT, "time:             %.2f s (%.0f rows/s, %.0f samples/s)%n", secs,
                secs > 0 ? rowsRead() / secs : 0, secs > 0 ? samplesWritten() / secs : 0);
        int n = 0;
        for (Map.Entry<Long, String> e : rejectedRows().entrySet()) {
            if (n++ == show) {
                out.printf("  ... %d more (--rejects FILE lists them all)%n", rowsRejected() - show);
                break;
            }
            out.printf("  line %d: %s%n", e.getKey(), e.getValue());
        }
        out.flush();
    }
}
