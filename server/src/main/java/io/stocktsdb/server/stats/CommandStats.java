package io.stocktsdb.server.stats;

import java.util.concurrent.atomic.LongAdder;

/** Per-command counters for INFO commandstats: calls, total time, rejected and failed calls. */
public final class CommandStats {
    private final String name;
    private final LongAdder calls = new LongAdder();
    private final LongAdder micros = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public CommandStats(String name) { this.name = name; }

    public String name() { return name; }

    public void recordCall(long durationMicros, boolean failedCall) {
        calls.increment();
        micros.add(durationMicros);
        if (failedCall) failed.increment();
    }

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
    }
}
