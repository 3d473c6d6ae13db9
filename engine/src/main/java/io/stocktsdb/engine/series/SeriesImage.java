package io.stocktsdb.engine.series;

import java.util.List;

/**
 * A whole series as DUMP carries it and RESTORE rebuilds it.
 *
 * @param options    complete options, rules with their current state, sourceKey
 * @param sourceRule for a compaction destination: the rule its source ran into it at DUMP time
 *                   (destination key, aggregator, bucket, alignment; no state), so RESTORE can
 *                   re-attach it to the restored key; else null
 * @param chunks     every non-empty chunk in timestamp order, each in {@code ChunkCodec} bytes
 */
public record SeriesImage(SeriesOptions options, RuleSpec sourceRule, List<byte[]> chunks) {
    public SeriesImage {
        chunks = List.copyOf(chunks);
    }
}
