package io.stocktsdb.engine.series;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.SeriesSamples;
import io.stocktsdb.engine.rules.CompactionRule;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The running compaction rules of a source series, index-aligned with its
 * {@link SeriesOptions#rules()}: one {@link CompactionRule} state machine per rule, plus the
 * buffer of destination writes they produce. Guarded by the source series' lock.
 *
 * <p>The destination key lives in the {@link RuleSpec} (binary-safe, updated by RENAME); the
 * state machines are built with an empty destination name, which is all their persisted state
 * then carries of it.
 */
final class LiveRules {
    private final CompactionRule[] rules;
    final RuleWrites writes = new RuleWrites();

    private LiveRules(CompactionRule[] rules) {
        this.rules = rules;
    }

    /** Rebuilds the rules from their specs' persisted state (a fresh rule when the state is empty). */
    static LiveRules of(List<RuleSpec> specs) {
        if (specs.isEmpty()) return null;
        CompactionRule[] rules = new CompactionRule[specs.size()];
        for (int i = 0; i < rules.length; i++) rules[i] = restore(specs.get(i));
        return new LiveRules(rules);
    }

    static CompactionRule restore(RuleSpec spec) {
        if (spec.state().length == 0) return fresh(spec);
        try {
            CompactionRule r = CompactionRule.fromBytes(spec.state());
            if (r.aggregator().code() != spec.aggregatorCode() || r.bucketDuration() != spec.bucketDuration()
                    || r.alignTimestamp() != spec.alignTimestamp()) {
                throw new IllegalArgumentException("rule state does not match its spec (dest " + spec.destKey() + ")");
            }
            return r;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt compaction rule state (dest " + spec.destKey() + "): " + e.getMessage(), e);
        }
    }

    /** A rule that has seen no sample yet. */
    static CompactionRule fresh(RuleSpec spec) {
        return new CompactionRule("", Aggregator.ofCode(spec.aggregatorCode()), spec.bucketDuration(), spec.alignTimestamp());
    }

    int size() {
        return rules.length;
    }

    CompactionRule rule(int i) {
        return rules[i];
    }

    /** An appended sample ({@code ts} above the last timestamp): feeds every rule, buffering closed buckets. */
    void appended(long ts, double value) {
        for (int i = 0; i < rules.length; i++) {
            CompactionRule r = rules[i];
            if (r.onAppend(ts, value)) writes.close(i, r.closedBucketStart(), r.closedBucketValue());
        }
    }

    /** An out-of-order or duplicate write at {@code ts} changed the raw samples. */
    void upserted(long ts, SeriesSamples raw) {
        for (int i = 0; i < rules.length; i++) {
            writes.forRule(i);
            rules[i].onUpsert(ts, raw, writes);
        }
    }

    /** Raw samples in {@code [from, to]} were deleted; {@code lastAfter} is -1 when the series is now empty. */
    void deleted(long from, long to, long lastAfter, SeriesSamples raw) {
        for (int i = 0; i < rules.length; i++) {
            writes.forRule(i);
            rules[i].onDelete(from, to, lastAfter, raw, writes);
        }
    }

    /** The specs with every rule's current state, for the op log, checkpoints and DUMP. */
    List<RuleSpec> withState(List<RuleSpec> specs) {
        List<RuleSpec> out = new ArrayList<>(specs.size());
        for (int i = 0; i < rules.length; i++) {
            RuleSpec s = specs.get(i);
            out.add(new RuleSpec(s.destKey(), s.aggregatorCode(), s.bucketDuration(), s.alignTimestamp(), rules[i].toBytes()));
        }
        return out;
    }
}
