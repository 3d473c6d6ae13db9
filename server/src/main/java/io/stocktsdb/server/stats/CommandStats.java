package io.stocktsdb.server.stats;

import java.util.concurrent.atomic.LongAdder;

/** Per-command counters for INFO commandstats: calls, total time, rejected and failed calls. */
public final class CommandStats {
    private final String name;
    private final LongAdder calls = new LongAdder();
    private final LongAdder micros = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    /** Created at the first call: most commands are never called, and a histogram takes ~100 KB. */
    private volatile LatencyHistogram latency;

    public CommandStats(String name) { this.name = name; }

    public String name() { return name; }

    public void recordCall(long durationMicros, boolean failedCall) {
        calls.increment();
        micros.add(durationMicros);
        if (failedCall) failed.increment();
    }

    /** Adds one executed call's duration to the latency histogram (INFO latencystats). */
    public void recordLatency(long nanos) {
        LatencyHistogram h = latency;
        if (h == null) h = createLatency();
        h.record(nanos);
    }

    private synchronized LatencyHistogram createLatency() {
        if (latency == null) latency = new LatencyHistogram();
        return latency;
    }

    /** The latency histogram, or null when the command was never executed. */
    public LatencyHistogram latency() { return latency; }

    /** A call refused before it ran (arity, auth, MULTI errors). */
    public void recordRejected() { rejected.increment(); }

    public long calls() { return calls.sum(); }

    public long micros() { return micros.sum(); }

    public long rejected() { return rejected.sum(); }

    public long failed() { return failed.sum(); }

    public void reset() {
        calls.reset();
        micros.reset();
        rejected.reset();
        failed.reset();
        LatencyHistogram h = latency;
        if (h != null) h.reset();
    }
}
