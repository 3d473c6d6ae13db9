package io.stocktsdb.server.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * The metric families of one scrape, built from live figures. Counter names are given without
 * {@code _total}: the exposition format adds it.
 */
final class Scrape {
    private final List<Family> families = new ArrayList<>();
    private final List<MetricSnapshot> others = new ArrayList<>();

    /** One metric family and its points. */
    final class Family {
        private final boolean counter;
        private final String name;
        private final String help;
        private final String[] labelNames;
        private final List<String[]> labelValues = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();

        private Family(boolean counter, String name, String help, String[] labelNames) {
            this.counter = counter;
            this.name = name;
            this.help = help;
            this.labelNames = labelNames;
        }

        /** Adds a point; one label value per label name of the family, in order. */
        Family point(double value, String... labelValues) {
            if (labelValues.length != labelNames.length) throw new IllegalArgumentException(name + ": label count");
            this.labelValues.add(labelValues);
            values.add(value);
            return this;
        }

        private MetricSnapshot build() {
            if (counter) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
                for (int i = 0; i < values.size(); i++) {
                    b.dataPoint(CounterDataPointSnapshot.builder().value(values.get(i)).labels(labels(i)).build());
                }
                return b.build();
            }
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
            for (int i = 0; i < values.size(); i++) {
                b.dataPoint(GaugeDataPointSnapshot.builder().value(values.get(i)).labels(labels(i)).build());
            }
            return b.build();
        }

        private Labels labels(int i) {
            return labelNames.length == 0 ? Labels.EMPTY : Labels.of(labelNames, labelValues.get(i));
        }
    }

    /** An info metric ({@code <name>_info{labels} 1}): constant facts as labels. */
    void info(String name, String help, String... labelNamesAndValues) {
        others.add(InfoSnapshot.builder().name(name).help(help)
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of(labelNamesAndValues)).build()).build());
    }

    void gauge(String name, String help, double value) {
        gauges(name, help).point(value);
    }

    void counter(String name, String help, double value) {
        counters(name, help).point(value);
    }

    Family gauges(String name, String help, String... labelNames) {
        Family f = new Family(false, name, help, labelNames);
        families.add(f);
        return f;
    }

    Family counters(String name, String help, String... labelNames) {
        Family f = new Family(true, name, help, labelNames);
        families.add(f);
        return f;
    }

    /** Families without points are left out. */
    MetricSnapshots build() {
        MetricSnapshots.Builder b = MetricSnapshots.builder();
        for (MetricSnapshot m : others) b.metricSnapshot(m);
        for (Family f : families) {
            if (!f.values.isEmpty()) b.metricSnapshot(f.build());
        }
        return b.build();
    }
}
