package io.stocktsdb.engine.compaction;

import io.stocktsdb.engine.keyspace.KeyspaceInternals;
import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.chunk.ValueType;

/**
 * The engine's {@link CompactionService}. A rule change holds both keys' stripe locks (so
 * neither key is deleted or renamed meanwhile), then the source's and the destination's series
 * locks, source first, and logs both series' ALTERs (and a backfill's destination samples) in
 * one op-log group. The source is checked not to be a destination before the destination is
 * locked, which keeps the global order "source before destination" deadlock-free.
 */
public final class Compactions implements CompactionService {
    private final Keyspace keyspace;

    public Compactions(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public void createRule(Key source, Key dest, Aggregator aggregator, long bucketDuration, long alignTimestamp, boolean backfill) {
        if (bucketDuration <= 0) throw new TsdbException(TsdbError.BUCKET_DURATION_POSITIVE);
        if (alignTimestamp < 0) throw new TsdbException(TsdbError.ALIGN_TIMESTAMP_NEGATIVE);
        if (source.equals(dest)) throw new TsdbException(TsdbError.SAME_SOURCE_AND_DEST);
        KeyspaceInternals.lockKeys(keyspace, source, dest);
        try {
            Series src = open(source, "source");
            SeriesInternals.lockStructural(src);
            try {
                if (src.options().sourceKey() != null) throw new TsdbException(TsdbError.SOURCE_HAS_SOURCE_RULE);
                Series dst = open(dest, "destination");
                SeriesInternals.lockStructural(dst);
                try {
                    if (!dst.options().rules().isEmpty()) throw new TsdbException(TsdbError.DEST_HAS_DEST_RULES);
                    if (dst.options().sourceKey() != null) throw new TsdbException(TsdbError.DEST_HAS_SOURCE_RULE);
                    if (dst.valueType() != ValueType.DOUBLE) throw new TsdbException(TsdbError.DEST_NOT_DOUBLE);
                    SeriesInternals.addRule(src, dst, new RuleSpec(dest, aggregator.code(), bucketDuration, alignTimestamp, null), backfill);
                } finally {
                    SeriesInternals.unlockStructural(dst);
                }
            } finally {
                SeriesInternals.unlockStructural(src);
            }
        } finally {
            KeyspaceInternals.unlockKeys(keyspace, source, dest);
        }
    }

    @Override
    public void deleteRule(Key source, Key dest) {
        KeyspaceInternals.lockKeys(keyspace, source, dest);
        try {
            Series src = open(source, null);
            SeriesInternals.lockStructural(src);
            try {
                if (src.options().rules().stream().noneMatch(r -> r.destKey().equals(dest))) {
                    throw new TsdbException(TsdbError.RULE_DOES_NOT_EXIST);
                }
                Series dst = keyspace.getSeries(dest); // links are consistent: the destination exists
                if (dst != null && dst != src) SeriesInternals.lockStructural(dst);
                try {
                    KeyspaceInternals.logGroup(keyspace, () -> {
                        SeriesInternals.removeRule(src, dest);
                        if (dst != null && dst != src && source.equals(dst.options().sourceKey())) SeriesInternals.setSourceLink(dst, null);
                    });
                } finally {
                    if (dst != null && dst != src) SeriesInternals.unlockStructural(dst);
                }
            } finally {
                SeriesInternals.unlockStructural(src);
            }
        } catch (WrongTypeException e) {
            throw new TsdbException(TsdbError.NOT_A_SERIES);
        } finally {
            KeyspaceInternals.unlockKeys(keyspace, source, dest);
        }
    }

    @Override
    public Sample latest(Key dest) {
        try {
            Series dst = keyspace.getSeries(dest);
            if (dst == null) return null;
            Key source = dst.options().sourceKey();
            if (source == null) return null;
            Series src = keyspace.getSeries(source);
            return src == null ? null : SeriesInternals.openBucket(src, dest);
        } catch (WrongTypeException e) {
            return null;
        }
    }

    /** The series at {@code key} for a rule; {@code role} non-null also requires numeric values. */
    private Series open(Key key, String role) {
        Series s;
        try {
            s = keyspace.getSeries(key);
        } catch (WrongTypeException e) {
            throw new TsdbException(TsdbError.NOT_A_SERIES);
        }
        if (s == null) throw new TsdbException(TsdbError.KEY_DOES_NOT_EXIST);
        if (role != null && !s.valueType().isNumeric()) {
            throw new TsdbException(TsdbError.RULE_SERIES_NOT_NUMERIC, role, s.valueType().wireName());
        }
        return s;
    }
}
