package io.stocktsdb.server.replication;

import org.apache.ratis.metrics.LongCounter;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.Timekeeper;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One Ratis metric registry of {@link LeanRatisMetrics}: counters are {@link LongAdder}s, a timer
 * adds each measured duration to a count and a total (no percentiles), gauges are kept as given.
 */
final class LeanRatisMetricRegistry implements RatisMetricRegistry {
    private final MetricRegistryInfo info;
    private final Map<String, Object> metrics = new ConcurrentHashMap<>();

    LeanRatisMetricRegistry(MetricRegistryInfo info) {
        this.info = info;
    }

    @Override
    public Timekeeper timer(String name) {
        return (Timekeeper) metrics.computeIfAbsent(name, n -> new Timer());
    }

    @Override
    public LongCounter counter(String name) {
        return (LongCounter) metrics.computeIfAbsent(name, n -> new Counter());
    }

    @Override
    public boolean remove(String name) {
        return metrics.remove(name) != null;
    }

    @Override
    public <T> void gauge(String name, Supplier<Supplier<T>> gauge) {
        metrics.put(name, gauge);
    }

    @Override
    public MetricRegistryInfo getMetricRegistryInfo() {
        return info;
    }

    /** Count and total nanoseconds of the timed sections. */
    static final class Timer implements Timekeeper {
        final LongAdder count = new LongAdder();
        final LongAdder totalNanos = new LongAdder();

        @Override
        public Context time() {
            long start = System.nanoTime();
            return () -> {
                long elapsed = System.nanoTime() - start;
                count.increment();
                totalNanos.add(elapsed);
                return elapsed;
            };
        }
    }

    static final class Counter implements LongCounter {
        private final LongAdder value = new LongAdder();

        @Override
        public void inc(long n) {
            value.add(n);
        }

        @Override
        public void dec(long n) {
            value.add(-n);
        }

        @Override
        public long getCount() {
            return value.sum();
        }
    }
}
