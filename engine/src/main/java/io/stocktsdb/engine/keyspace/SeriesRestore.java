package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesImage;
import io.stocktsdb.engine.storage.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * RESTORE of a series: builds it from the DUMP image outside any lock, then, under the key's
 * lock with every partner locked, decides which compaction links come back (docs/timeseries.md,
 * "Behaviour: compaction rules") and publishes it with the old key's removal, its deadline and
 * every partner's change in one op-log group.
 */
final class SeriesRestore {
    private final KeyTable t;

    SeriesRestore(KeyTable table) {
        this.t = table;
    }

    /** See {@link Keyspace#restoreSeries(Key, SeriesImage, boolean, long)}. */
    boolean restore(Key key, SeriesImage image, boolean replace, long expireAtMs) {
        if (!replace && t.live(key) != null) return false;
        Business business = t.router.route(key);
        Series x = SeriesInternals.create(t.nextSeriesId.getAndIncrement(), key, business,
                image.options().withRules(List.of()).withSourceKey(null), t.store, 0, true);
        boolean published = false;
        try {
            SeriesInternals.fillFromChunks(x, image.chunks());
            SeriesInternals.restoreLinks(x, image.options().rules(), null); // fails on corrupt rule state before anything changes
            published = restoreLocked(key, x, image, replace, expireAtMs);
            return published;
        } finally {
            if (!published) SeriesInternals.markRemoved(x); // undoes its sample counts; it was never visible
        }
    }

    private boolean restoreLocked(Key key, Series x, SeriesImage image, boolean replace, long expireAtMs) {
        Business business = x.business();
        t.lockKey(key);
        try {
            Object cur = t.current(key);
            if (cur != null && !replace) return false;
            Series old = cur instanceof Series s ? s : null;
            // A destination gets its rule back only under the name the rule had (not as a copy).
            RuleSpec def = image.sourceRule();
            Key sourceKey = def == null || !def.destKey().equals(key) || key.equals(image.options().sourceKey())
                    ? null : image.options().sourceKey();
            List<Series> roots = new ArrayList<>();
            roots.add(old);
            if (sourceKey != null && t.map.get(sourceKey) instanceof Series src) roots.add(src);
            for (RuleSpec r : image.options().rules()) {
                if (!r.destKey().equals(key) && t.map.get(r.destKey()) instanceof Series d) roots.add(d);
            }
            LinkedLocks locks = LinkedLocks.lock(t.map::get, roots.toArray(new Series[0]));
            SeriesInternals.lockStructural(x);
            try {
                List<RuleSpec> rules = new ArrayList<>();
                List<Series> dests = new ArrayList<>();
                for (RuleSpec r : x.valueType().isNumeric() ? image.options().rules() : List.<RuleSpec>of()) {
                    Series d = r.destKey().equals(key) ? null : locks.at(r.destKey());
                    if (d != null && !dests.contains(d) && linkableDestination(d, old, key)) {
                        rules.add(r);
                        dests.add(d);
                    }
                }
                Series source = sourceKey == null || x.valueType() != ValueType.DOUBLE ? null : locks.at(sourceKey);
                RuleSpec resumed = null;
                if (source != null && linkableSource(source, old, key, sourceKey)) {
                    resumed = SeriesInternals.resumedRule(source, new RuleSpec(key, def.aggregatorCode(), def.bucketDuration(), def.alignTimestamp(), null));
                }
                if (cur != null) t.removeEntry(key, cur);
                SeriesInternals.restoreLinks(x, rules, resumed == null ? null : sourceKey);
                RuleSpec attach = resumed;
                t.logGroup(() -> {
                    if (cur != null) {
                        t.store.log(new Op.DeleteKey(key));
                        if (old != null) locks.unlinkRemoved(old, key);
                    }
                    t.publish(x, t.store.log(new Op.RestoreSeries(key, x.id(), business.name(), SeriesInternals.persistedOptions(x), image.chunks())));
                    if (expireAtMs >= 0) t.setDeadline(key, expireAtMs);
                    for (Series d : dests) SeriesInternals.setSourceLink(d, key);
                    if (attach != null) SeriesInternals.attachRule(source, x, attach);
                });
                return true;
            } finally {
                SeriesInternals.unlockStructural(x);
                locks.unlock();
            }
        } finally {
            t.unlockKey(key);
        }
    }

    /** A restored rule may write into {@code d}: a live double series that is free (or was {@code old}'s). */
    private boolean linkableDestination(Series d, Series old, Key key) {
        if (d == old || d.isRemoved() || t.map.get(d.key()) != d || d.valueType() != ValueType.DOUBLE) return false;
        if (!d.options().rules().isEmpty()) return false;
        Key src = d.options().sourceKey();
        return src == null || (old != null && src.equals(key));
    }

    /** The restored series may be fed by {@code s}: a live numeric non-destination without a rule into the key (but old's). */
    private boolean linkableSource(Series s, Series old, Key key, Key sourceKey) {
        if (s == old || s.isRemoved() || t.map.get(sourceKey) != s || !s.valueType().isNumeric()) return false;
        if (s.options().sourceKey() != null) return false;
        boolean hasRule = s.options().rules().stream().anyMatch(r -> r.destKey().equals(key));
        return !hasRule || (old != null && sourceKey.equals(old.options().sourceKey()));
    }
}
