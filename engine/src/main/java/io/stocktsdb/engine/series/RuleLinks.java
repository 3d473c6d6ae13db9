package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.rules.CompactionRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The compaction links of one series: its rules (with their state) and, on a destination, its
 * source key. Changed only by the compaction service and key operations (CREATERULE,
 * DELETERULE, DEL, RENAME, RESTORE), with the partner series locked by the caller; every method
 * takes the series lock (reentrant) and logs the change as an ALTER unless it says otherwise.
 */
final class RuleLinks {
    private final Series series;
    private final SeriesHost host;

    RuleLinks(Series series, SeriesHost host) {
        this.series = series;
        this.host = host;
    }

    /** The options with each rule's current state, as the op log, checkpoints and DUMP store them. Under the lock. */
    SeriesOptions persistedOptions() {
        LiveRules lr = series.live;
        SeriesOptions o = series.options();
        return lr == null ? o : o.withRules(lr.withState(o.rules()));
    }

    /** Publishes new rules (their state in the specs) and logs the ALTER. Under the lock. */
    private void setRules(List<RuleSpec> specsWithState) {
        series.setOptions(series.options().withRules(specsWithState));
        series.live = LiveRules.of(specsWithState);
        series.mutated(host.logAlter(series.key(), series.options()));
    }

    /** The open bucket of the rule into {@code destKey} as {@code (bucketStart, value)}, or null. */
    Sample openBucket(Key destKey) {
        series.lock.lock();
        try {
            LiveRules lr = series.live;
            if (lr == null) return null;
            List<RuleSpec> specs = series.options().rules();
            for (int i = 0; i < specs.size(); i++) {
                if (!specs.get(i).destKey().equals(destKey)) continue;
                CompactionRule r = lr.rule(i);
                if (!r.hasOpenBucket()) return null;
                return new Sample(r.openBucketStart(), Double.doubleToRawLongBits(r.openBucketValue()), null, 100);
            }
            return null;
        } finally {
            series.lock.unlock();
        }
    }

    /**
     * TS.CREATERULE (both series locked by the caller, links validated): adds the rule into
     * {@code dest} and links {@code dest} back. With {@code backfill} the rule is first fed the
     * existing samples (retention applied): closed buckets are written into {@code dest}, the
     * last stays open. Everything is logged in one op-log group.
     */
    void addRule(Series dest, RuleSpec spec, boolean backfill) {
        series.lock.lock();
        try {
            CompactionRule rule = LiveRules.fresh(spec);
            int index = series.options().rules().size();
            RuleWrites w = new RuleWrites();
            if (backfill && series.chunks.hasLast) {
                SampleCursor c = series.chunks.cursor(Long.MIN_VALUE, Long.MAX_VALUE, true);
                while (c.next()) {
                    if (rule.onAppend(c.timestamp(), c.doubleValue())) w.close(index, rule.closedBucketStart(), rule.closedBucketValue());
                }
                for (int i = 0; i < w.size(); i++) if (RuleFanOut.applyRuleWrite(dest, w, i)) w.markApplied(i);
            }
            List<RuleSpec> specs = new ArrayList<>(persistedOptions().rules());
            specs.add(new RuleSpec(spec.destKey(), spec.aggregatorCode(), spec.bucketDuration(), spec.alignTimestamp(), rule.toBytes()));
            Series[] dests = new Series[index + 1];
            dests[index] = dest;
            host.beginLogGroup();
            try {
                series.fanOut.logRuleWrites(w, dests);
                dest.links.setSourceLink(series.key());
                setRules(specs);
            } finally {
                host.endLogGroup();
            }
        } finally {
            series.lock.unlock();
        }
    }

    /** Drops the rule into {@code destKey}; false when there is none. */
    boolean removeRule(Key destKey) {
        series.lock.lock();
        try {
            List<RuleSpec> specs = persistedOptions().rules();
            List<RuleSpec> kept = new ArrayList<>(specs.size());
            for (RuleSpec r : specs) if (!r.destKey().equals(destKey)) kept.add(r);
            if (kept.size() == specs.size()) return false;
            setRules(kept);
            return true;
        } finally {
            series.lock.unlock();
        }
    }

    /** RENAME of a destination: the rule into {@code oldKey} now goes to {@code newKey}. */
    boolean renameRuleDest(Key oldKey, Key newKey) {
        series.lock.lock();
        try {
            List<RuleSpec> specs = new ArrayList<>(persistedOptions().rules());
            boolean changed = false;
            for (int i = 0; i < specs.size(); i++) {
                RuleSpec r = specs.get(i);
                if (!r.destKey().equals(oldKey)) continue;
                specs.set(i, new RuleSpec(newKey, r.aggregatorCode(), r.bucketDuration(), r.alignTimestamp(), r.state()));
                changed = true;
            }
            if (changed) setRules(specs);
            return changed;
        } finally {
            series.lock.unlock();
        }
    }

    /** Sets (or, with null, clears) this destination's source link and logs the ALTER. */
    void setSourceLink(Key source) {
        series.lock.lock();
        try {
            if (Objects.equals(series.options().sourceKey(), source)) return;
            series.setOptions(series.options().withSourceKey(source));
            series.mutated(host.logAlter(series.key(), persistedOptions()));
        } finally {
            series.lock.unlock();
        }
    }

    /**
     * RESTORE of a destination: {@code spec} with the state of a rule that had been running all
     * along, its open bucket rebuilt from this series' samples of the bucket holding the last
     * sample. Attach it with {@link #attachRule}.
     */
    RuleSpec resumedRule(RuleSpec spec) {
        series.lock.lock();
        try {
            CompactionRule rule = LiveRules.fresh(spec);
            if (series.chunks.hasLast) rule.resume(series.chunks.lastTs, series.raw());
            return new RuleSpec(spec.destKey(), spec.aggregatorCode(), spec.bucketDuration(), spec.alignTimestamp(), rule.toBytes());
        } finally {
            series.lock.unlock();
        }
    }

    /** Adds a rule with its state into {@code dest} and links {@code dest} back; nothing is written into {@code dest}. */
    void attachRule(Series dest, RuleSpec specWithState) {
        series.lock.lock();
        try {
            List<RuleSpec> specs = new ArrayList<>(persistedOptions().rules());
            specs.add(specWithState);
            dest.links.setSourceLink(series.key());
            setRules(specs);
        } finally {
            series.lock.unlock();
        }
    }

    /** RESTORE, before the series is published: the links that were kept, not logged (the restore op carries them). */
    void restoreLinks(List<RuleSpec> rulesWithState, Key source) {
        series.lock.lock();
        try {
            series.setOptions(series.options().withRules(rulesWithState).withSourceKey(source));
            series.live = LiveRules.of(series.options().rules());
        } finally {
            series.lock.unlock();
        }
    }
}
