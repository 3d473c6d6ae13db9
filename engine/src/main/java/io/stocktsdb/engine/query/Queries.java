package io.stocktsdb.engine.query;

import io.stocktsdb.engine.index.SeriesIndex;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.compaction.CompactionService;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.chunk.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's query entry point: executes query records on this engine's series. Multi-series
 * queries come in two steps so that a coordinator can merge the answers of several engines:
 * {@code *Part} methods answer for this engine alone, {@link QueryMerge} merges parts (GROUPBY,
 * REDUCE, sorting, COUNT after the merge); the single node merges its one part
 * ({@link #mrange}, {@link #mget}, {@link #queryIndex}).
 *
 * <p>The caller checks what it must before reading samples: the value type of each result (only
 * numeric series have rows or samples), read permissions on the keys.
 */
public final class Queries {
    private final SeriesIndex index;
    private final CompactionService compactions;

    public Queries(SeriesIndex index, CompactionService compactions) {
        this.index = index;
        this.compactions = compactions;
    }

    /**
     * Streams a TS.RANGE/TS.REVRANGE on one numeric series into {@code out}, in the query's
     * direction and at most COUNT rows; returns the number of rows.
     */
    public int range(Series series, RangeQuery q, RowConsumer out) {
        return RangeExecutor.stream(series, q, q.latest() ? latestOf(series) : null, out);
    }

    /**
     * A big raw TS.RANGE/TS.REVRANGE as rows pulled from a snapshot (see {@link SnapshotRange}),
     * for replies written over time; null when {@link #range} should answer it at once.
     */
    public SnapshotRange bigRange(Series series, RangeQuery q) {
        return SnapshotRange.openIfBig(series, q, q.latest() ? latestOf(series) : null);
    }

    /** TS.GET on one numeric series: the open bucket with {@code latest} on a compaction destination, else the last sample. */
    public LastSample last(Series series, boolean latest) {
        return last(series.key(), series, Map.of(), latest);
    }

    public MRangeResult mrange(MRangeQuery q) {
        return QueryMerge.mrange(q, List.of(mrangePart(q)));
    }

    public MGetResult mget(MGetQuery q) {
        return mgetPart(q);
    }

    public IndexResult queryIndex(IndexQuery q) {
        return queryIndexPart(q);
    }

    /** This engine's series matching {@code q}, un-grouped; rows are computed when streamed. */
    public MRangePart mrangePart(MRangeQuery q) {
        List<SeriesIndex.Match> matches = index.query(q.filter());
        boolean allNumeric = allNumeric(matches);
        RangeQuery range = q.grouped() ? q.range().ascendingUnlimited() : q.range();
        RangeScratch scratch = new RangeScratch(range);
        List<SeriesRows> out = new ArrayList<>(matches.size());
        for (SeriesIndex.Match m : matches) {
            Series s = m.series();
            Map<String, String> labels = q.labels().needed(s.options().labels(), q.groupBy());
            boolean member = allNumeric && (!q.grouped() || labels.containsKey(q.groupBy()));
            out.add(new SeriesRows(m.key(), labels, s.valueType(), member ? new SeriesRange(s, scratch, this::latestOf) : null));
        }
        return new MRangePart(out);
    }

    /** This engine's series matching {@code q} with their newest samples (none when one of them holds no numbers). */
    public MGetResult mgetPart(MGetQuery q) {
        List<SeriesIndex.Match> matches = index.query(q.filter());
        boolean allNumeric = allNumeric(matches);
        List<LastSample> out = new ArrayList<>(matches.size());
        for (SeriesIndex.Match m : matches) {
            Series s = m.series();
            Map<String, String> labels = q.labels().needed(s.options().labels(), null);
            out.add(allNumeric ? last(m.key(), s, labels, q.latest()) : new LastSample(m.key(), labels, s.valueType(), false, 0, 0));
        }
        return new MGetResult(out);
    }

    /** This engine's keys matching {@code q}. */
    public IndexResult queryIndexPart(IndexQuery q) {
        List<SeriesIndex.Match> matches = index.query(q.filter());
        List<Key> keys = new ArrayList<>(matches.size());
        for (SeriesIndex.Match m : matches) keys.add(m.key());
        return new IndexResult(keys);
    }

    /** The open bucket for LATEST when {@code s} is a compaction destination, else null. */
    public LatestBucket latestOf(Series s) {
        if (s.options().sourceKey() == null) return null;
        Sample open = compactions.latest(s.key());
        return open == null ? null : new LatestBucket(open.timestamp(), Double.longBitsToDouble(open.valueBits()));
    }

    private LastSample last(Key key, Series s, Map<String, String> labels, boolean latest) {
        LatestBucket bucket = latest ? latestOf(s) : null;
        if (bucket != null) return new LastSample(key, labels, s.valueType(), true, bucket.timestamp(), bucket.value());
        Sample last = s.last();
        if (last == null) return new LastSample(key, labels, s.valueType(), false, 0, 0);
        return new LastSample(key, labels, s.valueType(), true, last.timestamp(), numeric(s, last));
    }

    /** The number a numeric series stores: double bits, or the integer of an {@code int} series. */
    private static double numeric(Series s, Sample sample) {
        return s.valueType() == ValueType.INT ? (double) sample.valueBits() : Double.longBitsToDouble(sample.valueBits());
    }

    private static boolean allNumeric(List<SeriesIndex.Match> matches) {
        for (SeriesIndex.Match m : matches) if (!m.series().valueType().isNumeric()) return false;
        return true;
    }
}
