package io.stocktsdb.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.ratis.metrics.LongCounter;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.Timekeeper;
import org.junit.jupiter.api.Test;

class LeanRatisMetricsTest {
    private static final MetricRegistryInfo INFO = new MetricRegistryInfo("n1@group-1", "ratis", "log_worker", "test");

    @Test
    void ratisFindsTheseRegistriesOnTheClassPath() {
        assertThat(MetricRegistries.global()).isInstanceOf(LeanRatisMetrics.class);
    }

    @Test
    void oneRegistryPerInfoWithCountersAndTimersThatCount() {
        LeanRatisMetrics registries = new LeanRatisMetrics();
        RatisMetricRegistry r = registries.create(INFO);
        assertThat(registries.create(INFO)).isSameAs(r);
        assertThat(registries.get(INFO)).containsSame(r);

        LongCounter c = r.counter("appendEntries");
        c.inc();
        c.inc(4);
        c.dec();
        assertThat(r.counter("appendEntries").getCount()).isEqualTo(4);

        Timekeeper t = r.timer("flush");
        assertThat(t.time().stop()).isGreaterThanOrEqualTo(0);
        t.time().stop();
        assertThat(((LeanRatisMetricRegistry.Timer) t).count.sum()).isEqualTo(2);

        assertThat(registries.remove(INFO)).isTrue();
        assertThat(registries.get(INFO)).isEmpty();
        assertThat(registries.getMetricRegistries()).isEmpty();
    }

    @Test
    void reporterRegistrationsSeeRegistriesAddedAndRemoved() {
        LeanRatisMetrics registries = new LeanRatisMetrics();
        java.util.List<String> seen = new java.util.ArrayList<>();
        registries.addReporterRegistration(r -> seen.add("+" + r.getMetricRegistryInfo().getMetricsComponentName()),
                r -> seen.add("-" + r.getMetricRegistryInfo().getMetricsComponentName()));
        registries.create(INFO);
        registries.clear();
        assertThat(seen).containsExactly("+log_worker", "-log_worker");
        assertThatThrownBy(registries::enableJmxReporter).isInstanceOf(UnsupportedOperationException.class);
    }
}
