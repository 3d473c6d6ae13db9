package io.stocktsdb.engine.business;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of one business (INFO business). Bytes on disk are measured by the engine on demand. */
public final class BusinessStats {
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final LongAdder writes = new LongAdder();
    private final LongAdder reads = new LongAdder();

    /** Immutable copy for INFO. */
    public record Snapshot(String business, String prefix, long keys, long samples, long bytesOnDisk, long writes, long reads) {}

    public void keyAdded() { keys.incrementAndGet(); }

    public void keyRemoved() { keys.decrementAndGet(); }

    public void samplesChanged(long delta) { if (delta != 0) samples.addAndGet(delta); }

    public void write() { writes.increment(); }

    public void read() { reads.increment(); }

    public long keys() { return keys.get(); }

    public long samples() { return samples.get(); }

    public long writes() { return writes.sum(); }

    public long reads() { return reads.sum(); }

    /** FLUSHALL: no keys, no samples. */
    public void clearState() {
        keys.set(0);
        samples.set(0);
    }

    /** Resets the write/read counters (CONFIG RESETSTAT); keys and samples are state, not counters. */
    public void resetCounters() {
        writes.reset();
        reads.reset();
    }

    /** A reload: the write/read counters go on from those of the business this one replaces. */
    public void carryCounters(BusinessStats old) {
        writes.add(old.writes());
        reads.add(old.reads());
    }
}
