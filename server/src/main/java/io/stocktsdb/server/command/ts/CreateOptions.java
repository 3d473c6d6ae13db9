package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.SeriesOptions;
import java.util.Map;

/**
 * The series options of TS.CREATE, TS.ALTER and the creating forms of TS.ADD/TS.INCRBY/TS.DECRBY
 * (docs/timeseries.md, "Behaviour: writes"), each either given or absent.
 *
 * @param retentionMs     -1 when absent
 * @param chunkSizeBytes  0 when absent
 * @param encoding        null when absent
 * @param duplicatePolicy null when absent
 * @param ignoreGiven     whether IGNORE was given (then the two values apply)
 * @param labels          null when LABELS is absent; empty for a bare LABELS
 */
record CreateOptions(long retentionMs, int chunkSizeBytes, ChunkEncoding encoding, DuplicatePolicy duplicatePolicy,
                     boolean ignoreGiven, long ignoreMaxTimeDiff, double ignoreMaxValDiff, Map<String, String> labels) {

    static final CreateOptions NONE = new CreateOptions(-1, 0, null, null, false, 0, 0, null);

    /**
     * Options for a new series: the given values over {@code defaults} (the key's business
     * defaults). Like RedisTimeSeries 8.0+, a series created without DUPLICATE_POLICY gets the
     * default policy copied in, so TS.INFO shows it ({@code globalPolicy} when the business has none).
     */
    SeriesOptions forNewSeries(SeriesOptions defaults, DuplicatePolicy globalPolicy) {
        SeriesOptions o = defaults;
        if (encoding != null) o = o.withEncoding(encoding);
        DuplicatePolicy policy = duplicatePolicy != null ? duplicatePolicy
                : defaults.duplicatePolicy() != null ? defaults.duplicatePolicy() : globalPolicy;
        return apply(o.withDuplicatePolicy(policy));
    }

    /** TS.ALTER: only the given options change (ENCODING is parsed but never applied). */
    SeriesOptions forAlter(SeriesOptions current) {
        SeriesOptions o = current;
        if (duplicatePolicy != null) o = o.withDuplicatePolicy(duplicatePolicy);
        return apply(o);
    }

    private SeriesOptions apply(SeriesOptions o) {
        if (retentionMs >= 0) o = o.withRetentionMs(retentionMs);
        if (chunkSizeBytes > 0) o = o.withChunkSizeBytes(chunkSizeBytes);
        if (ignoreGiven) o = o.withIgnore(ignoreMaxTimeDiff, ignoreMaxValDiff);
        if (labels != null) o = o.withLabels(labels);
        return o;
    }
}
