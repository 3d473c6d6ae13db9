package io.stocktsdb.server.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One command's latency distribution for INFO latencystats, as Redis 7 keeps it: an HDR
 * histogram of 1 ns .. 1 s with two significant digits, longer calls counted as 1 s.
 * Recording is wait-free for the event-loop threads ({@link Recorder}); readers fold the
 * interval histograms into a cumulative one under a lock.
 */
public final class LatencyHistogram {
    static final long MAX_NANOS = 1_000_000_000L;
    private static final int DIGITS = 2;

    /** Latency at the three percentiles Redis reports by default, in microseconds. */
    public record Percentiles(long count, double p50, double p99, double p999) {}

    private final Recorder recorder = new Recorder(1, MAX_NANOS, DIGITS);
    private final Histogram total = new Histogram(1, MAX_NANOS, DIGITS);
    private Histogram interval;

    public void record(long nanos) {
        recorder.recordValue(nanos < 1 ? 1 : Math.min(nanos, MAX_NANOS));
    }

    public synchronized Percentiles percentiles() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return new Percentiles(total.getTotalCount(), micros(50), micros(99), micros(99.9));
    }

    private double micros(double percentile) {
        return total.getValueAtPercentile(percentile) / 1000.0;
    }

    public synchronized void reset() {
        interval = recorder.getIntervalHistogram(interval);
        total.reset();
    }
}
