package io.stocktsdb.engine.series;

import io.stocktsdb.engine.key.Key;

/**
 * A compaction rule stored on its source series: the destination, the aggregator (its persisted
 * code belongs to {@code io.stocktsdb.engine.rules}), the bucket and alignment, and the rule's
 * opaque persisted state (open bucket and aggregation context, owned by the rule code; may be
 * empty). The state array is never modified once in a record.
 */
public record RuleSpec(Key destKey, int aggregatorCode, long bucketDuration, long alignTimestamp, byte[] state) {
    public RuleSpec {
        if (destKey == null) throw new IllegalArgumentException("destKey");
        if (state == null) state = new byte[0];
    }
}
