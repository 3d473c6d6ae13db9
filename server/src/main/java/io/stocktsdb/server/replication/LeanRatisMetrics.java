package io.stocktsdb.server.replication;

import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.util.TimeDuration;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Ratis's metric registries (found by Ratis through {@code ServiceLoader}), kept cheap. Ratis times
 * every log write, flush, append, apply and request; its default implementation feeds each
 * sample into a Dropwizard reservoir (a lock and a skip-list insert and removal), which took
 * about 7% of a shard leader's CPU under write load, for figures nothing here reads: the server
 * reports the shard's state itself (INFO, CLUSTER_INFO, /metrics). These registries keep counts
 * and total times ({@link LeanRatisMetricRegistry}) and have no reporters.
 */
public final class LeanRatisMetrics extends MetricRegistries {
    private final Map<MetricRegistryInfo, RatisMetricRegistry> registries = new ConcurrentHashMap<>();
    private final List<Consumer<RatisMetricRegistry>> onAdd = new CopyOnWriteArrayList<>();
    private final List<Consumer<RatisMetricRegistry>> onRemove = new CopyOnWriteArrayList<>();

    @Override
    public void clear() {
        for (MetricRegistryInfo info : Set.copyOf(registries.keySet())) remove(info);
    }

    @Override
    public RatisMetricRegistry create(MetricRegistryInfo info) {
        return registries.computeIfAbsent(info, i -> {
            RatisMetricRegistry r = new LeanRatisMetricRegistry(i);
            onAdd.forEach(c -> c.accept(r));
            return r;
        });
    }

    @Override
    public boolean remove(MetricRegistryInfo info) {
        RatisMetricRegistry r = registries.remove(info);
        if (r != null) onRemove.forEach(c -> c.accept(r));
        return r != null;
    }

    @Override
    public Optional<RatisMetricRegistry> get(MetricRegistryInfo info) {
        return Optional.ofNullable(registries.get(info));
    }

    @Override
    public Set<MetricRegistryInfo> getMetricRegistryInfos() {
        return Set.copyOf(registries.keySet());
    }

    @Override
    public Collection<RatisMetricRegistry> getMetricRegistries() {
        return List.copyOf(registries.values());
    }

    @Override
    public void addReporterRegistration(Consumer<RatisMetricRegistry> add, Consumer<RatisMetricRegistry> remove) {
        onAdd.add(add);
        onRemove.add(remove);
        registries.values().forEach(add);
    }

    @Override
    public void removeReporterRegistration(Consumer<RatisMetricRegistry> add, Consumer<RatisMetricRegistry> remove) {
        onAdd.remove(add);
        onRemove.remove(remove);
    }

    @Override
    public void enableJmxReporter() {
        throw new UnsupportedOperationException("Ratis metrics have no JMX reporter here: the shard's state is in INFO and /metrics");
    }

    @Override
    public void enableConsoleReporter(TimeDuration period) {
        throw new UnsupportedOperationException("Ratis metrics have no console reporter here: the shard's state is in INFO and /metrics");
    }
}
