package io.stocktsdb.engine.kline;

import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The K-line families of the keyspace (KLINE.* commands): creation (bar series created, history
 * backfilled, hooks attached to the tick series), drop, lookup, and the rebuild at start-up from
 * the definitions stored in the bar series' labels. Changes are serialized on this object.
 */
public final class Klines {
    private final Keyspace keyspace;
    private final BiFunction<Key, ValueType, SeriesOptions> defaults;
    private final TreeMap<String, KlineFamily> families = new TreeMap<>();

    public Klines(Keyspace keyspace, BiFunction<Key, ValueType, SeriesOptions> defaults) {
        this.keyspace = keyspace;
        this.defaults = defaults;
    }

    /** Re-attaches every family found in the bar series' labels (after recovery). */
    public synchronized void rebuild() {
        List<KlineSpec> specs = new ArrayList<>();
        keyspace.forEachSeries(s -> {
            Map<String, String> l = s.options().labels();
            String name = l.get(KlineSpec.FAMILY);
            if (name != null && !families.containsKey(name) && specs.stream().noneMatch(x -> x.name().equals(name))) {
                KlineSpec spec = KlineSpec.fromLabels(l);
                if (spec != null) specs.add(spec);
            }
        });
        for (KlineSpec spec : specs) {
            KlineFamily f = new KlineFamily(spec, keyspace);
            families.put(spec.name(), f);
            attach(f);
        }
    }

    public synchronized KlineFamily create(KlineSpec spec) {
        if (families.containsKey(spec.name())) throw KlineErrors.familyExists(spec.name());
        Series price = tickSeries("PRICE", spec.price());
        Series volume = null;
        if (spec.volume() != null) {
            if (spec.volume().equals(spec.price())) throw KlineErrors.sameKeys();
            volume = tickSeries("VOLUME", spec.volume());
        }
        if (SeriesInternals.priceHook(price) instanceof KlineFamily f) {
            throw KlineErrors.alreadyFeeds("PRICE", KlineSpec.text(spec.price()), f.spec().name());
        }
        if (volume != null && SeriesInternals.volumeHook(volume) instanceof KlineFamily f) {
            throw KlineErrors.alreadyFeeds("VOLUME", KlineSpec.text(spec.volume()), f.spec().name());
        }
        for (Timeframe tf : spec.timeframes()) {
            for (BarField field : BarField.ALL) {
                Key k = spec.barKey(tf, field);
                if (keyspace.exists(k)) throw KlineErrors.barSeriesExists(KlineSpec.text(k));
            }
        }
        for (Timeframe tf : spec.timeframes()) {
            for (BarField field : BarField.ALL) {
                Key k = spec.barKey(tf, field);
                SeriesOptions o = defaults.apply(k, ValueType.DOUBLE).withLabels(spec.barLabels(tf, field));
                if (keyspace.createSeries(k, o) == null) throw KlineErrors.barSeriesExists(KlineSpec.text(k));
            }
        }
        KlineFamily family = new KlineFamily(spec, keyspace);
        families.put(spec.name(), family);
        attach(family);
        SeriesInternals.updateBars(price, out -> family.backfill(price, out));
        return family;
    }

    /** Detaches the family and deletes its bar series; false when there is no such family. */
    public synchronized boolean drop(String name) {
        KlineFamily f = families.remove(name);
        if (f == null) return false;
        KlineSpec spec = f.spec();
        Series price = seriesOrNull(spec.price());
        if (price != null && SeriesInternals.priceHook(price) == f) SeriesInternals.setPriceHook(price, null);
        Series volume = spec.volume() == null ? null : seriesOrNull(spec.volume());
        if (volume != null && SeriesInternals.volumeHook(volume) == f) SeriesInternals.setVolumeHook(volume, null);
        for (Timeframe tf : spec.timeframes()) {
            for (BarField field : BarField.ALL) keyspace.delete(spec.barKey(tf, field));
        }
        return true;
    }

    public synchronized KlineFamily get(String name) {
        return families.get(name);
    }

    /** Every family, by name. */
    public synchronized List<KlineFamily> all() {
        return new ArrayList<>(families.values());
    }

    private void attach(KlineFamily f) {
        Series price = seriesOrNull(f.spec().price());
        if (price != null) SeriesInternals.setPriceHook(price, f);
        Series volume = f.spec().volume() == null ? null : seriesOrNull(f.spec().volume());
        if (volume != null) SeriesInternals.setVolumeHook(volume, f);
    }

    private Series tickSeries(String role, Key key) {
        Series s;
        try {
            s = keyspace.getSeries(key);
        } catch (WrongTypeException e) {
            throw KlineErrors.notSeries(role, KlineSpec.text(key));
        }
        if (s == null) throw KlineErrors.keyMissing(role, KlineSpec.text(key));
        if (!s.valueType().isNumeric()) throw KlineErrors.notNumeric(role, KlineSpec.text(key));
        if (s.options().labels().containsKey(KlineSpec.FAMILY)) throw KlineErrors.isBarSeries(role, KlineSpec.text(key));
        if (s.options().sourceKey() != null) throw KlineErrors.isRuleDestination(role, KlineSpec.text(key));
        return s;
    }

    private Series seriesOrNull(Key key) {
        try {
            return keyspace.getSeries(key);
        } catch (WrongTypeException e) {
            return null;
        }
    }
}
