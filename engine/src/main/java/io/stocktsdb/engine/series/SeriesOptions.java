package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.key.Key;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything TS.INFO shows about a series' configuration, immutable: changes publish a new
 * instance ({@code withXxx}).
 *
 * @param valueType          fixed at creation
 * @param retentionMs        0 = keep forever
 * @param chunkSizeBytes     target bytes per chunk (affects only new chunks)
 * @param duplicatePolicy    null = unset (TS.INFO shows nil; the business/global default applies)
 * @param encoding           fixed at creation
 * @param ignoreMaxTimeDiff  IGNORE filter, ms, &gt;= 0
 * @param ignoreMaxValDiff   IGNORE filter, &gt;= 0
 * @param labels             insertion-ordered, unmodifiable
 * @param rules              compaction rules where this series is the source
 * @param sourceKey          the source when this series is a compaction destination, else null
 */
public record SeriesOptions(ValueType valueType, long retentionMs, int chunkSizeBytes,
                            DuplicatePolicy duplicatePolicy, ChunkEncoding encoding,
                            long ignoreMaxTimeDiff, double ignoreMaxValDiff,
                            Map<String, String> labels, List<RuleSpec> rules, Key sourceKey) {

    public SeriesOptions {
        if (valueType == null || encoding == null) throw new IllegalArgumentException("valueType and encoding are required");
        if (retentionMs < 0 || chunkSizeBytes <= 0 || ignoreMaxTimeDiff < 0 || !(ignoreMaxValDiff >= 0)) {
            throw new IllegalArgumentException("negative option");
        }
        labels = labels == null || labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public SeriesOptions withRetentionMs(long v) {
        return new SeriesOptions(valueType, v, chunkSizeBytes, duplicatePolicy, encoding, ignoreMaxTimeDiff, ignoreMaxValDiff, labels, rules, sourceKey);
    }

    public SeriesOptions withChunkSizeBytes(int v) {
        return new SeriesOptions(valueType, retentionMs, v, duplicatePolicy, encoding, ignoreMaxTimeDiff, ignoreMaxValDiff, labels, rules, sourceKey);
    }

    /** For building creation options; ALTER keeps the encoding ({@link #keepingImmutableOf}). */
    public SeriesOptions withEncoding(ChunkEncoding v) {
        return new SeriesOptions(valueType, retentionMs, chunkSizeBytes, duplicatePolicy, v, ignoreMaxTimeDiff, ignoreMaxValDiff, labels, rules, sourceKey);
    }

    public SeriesOptions withDuplicatePolicy(DuplicatePolicy v) {
        return new SeriesOptions(valueType, retentionMs, chunkSizeBytes, v, encoding, ignoreMaxTimeDiff, ignoreMaxValDiff, labels, rules, sourceKey);
    }

    public SeriesOptions withIgnore(long maxTimeDiff, double maxValDiff) {
        return new SeriesOptions(valueType, retentionMs, chunkSizeBytes, duplicatePolicy, encoding, maxTimeDiff, maxValDiff, labels, rules, sourceKey);
    }

    public SeriesOptions withLabels(Map<String, String> v) {
        return new SeriesOptions(valueType, retentionMs, chunkSizeBytes, duplicatePolicy, encoding, ignoreMaxTimeDiff, ignoreMaxValDiff, v, rules, sourceKey);
    }

    public SeriesOptions withRules(List<RuleSpec> v) {
        return new SeriesOptions(valueType, retentionMs, chunkSizeBytes, duplicatePolicy, encoding, ignoreMaxTimeDiff, ignoreMaxValDiff, labels, v, sourceKey);
    }

    public SeriesOptions withSourceKey(Key v) {
        return new SeriesOptions(valueType, retentionMs, chunkSizeBytes, duplicatePolicy, encoding, ignoreMaxTimeDiff, ignoreMaxValDiff, labels, rules, v);
    }

    /** Options changed by TS.ALTER must keep the value type and encoding: this copies them from {@code current}. */
    public SeriesOptions keepingImmutableOf(SeriesOptions current) {
        return new SeriesOptions(current.valueType, retentionMs, chunkSizeBytes, duplicatePolicy, current.encoding, ignoreMaxTimeDiff, ignoreMaxValDiff, labels, rules, sourceKey);
    }
}
