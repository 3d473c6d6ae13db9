package io.stocktsdb.engine.series;

import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.key.Key;

import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's maintenance door into a {@link Series}: creation, structural locks, replay,
 * recovery, checkpoints, DUMP/RESTORE images, compaction links and K-line hooks. Used by the
 * keyspace, recovery, the checkpointer, the compaction service and K-line families; never by the
 * server, which sees only the command API on {@link Series} (ServerArchitectureTest holds that).
 */
public final class SeriesInternals {
    private SeriesInternals() {}

    /** For K-line running bars: the newest sample's numeric value when it is at {@code ts}, else NaN (no read statistics). */
    public static double newestValueAt(Series s, long ts) {
        return s.newestValueAt(ts);
    }

    /** A series with an empty head chunk ({@code fresh}), or one to be filled by {@link #restoreChunk} and {@link #finishRestore}. */
    public static Series create(long id, Key key, Business business, SeriesOptions options, SeriesHost host, long lastSeq, boolean fresh) {
        return new Series(id, key, business, options, host, lastSeq, fresh);
    }

    /** Whether {@code s} belongs to the engine of {@code host} (a cached reference may come from another engine of the JVM). */
    public static boolean hostedBy(Series s, SeriesHost host) {
        return s.hostedBy(host);
    }

    /** A {@link MultiAdd} for one command's adds, logging through {@code host}. */
    public static MultiAdd multiAdd(SeriesHost host) {
        return new MultiAdd(host);
    }

    /**
     * the key is being deleted or overwritten. Afterwards every write returns
     * {@link AddResult#REMOVED}; the chunks are deleted by the keyspace (range delete).
     */
    public static void markRemoved(Series s) {
        s.markRemoved();
    }

    /**
     * (RENAME, under {@link #lockStructural}): the series moves to {@code newKey},
     * possibly another slot and business. Every chunk is loaded into memory and marked dirty, so
     * the next checkpoint writes them all under the new location; the keyspace range-deletes the
     * old location in that same checkpoint.
     */
    public static void moveTo(Series s, Key newKey, Business newBusiness) {
        s.moveTo(newKey, newBusiness);
    }

    /**
     * holds the series lock across a structural change and its op-log append,
     * so no sample op of another thread is logged between them. Pair with {@link #unlockStructural}.
     */
    public static void lockStructural(Series s) {
        s.lockStructural();
    }

    public static void unlockStructural(Series s) {
        s.unlockStructural();
    }

    /** {@link #lockStructural} giving up after about {@code timeoutMs} (false). */
    public static boolean tryLockStructural(Series s, long timeoutMs) {
        return s.tryLockStructural(timeoutMs);
    }

    /** a structural op with this seq (create, rename) was applied to the series. */
    public static void applied(Series s, long seq) {
        s.applied(seq);
    }

    /** the last op seq applied to this series. */
    public static long lastSeq(Series s) {
        return s.lastSeq();
    }

    /** replays a logged ADD; see {@link SeriesReplay}. */
    public static void replayAdd(Series s, long seq, long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) {
        s.replayAdd(seq, ts, valueBits, blob, quality, policy);
    }

    /** replays a logged DEL_RANGE. */
    public static void replayDeleteRange(Series s, long seq, long from, long to) {
        s.replayDeleteRange(seq, from, to);
    }

    /** replays a logged ALTER. */
    public static void replayAlter(Series s, long seq, SeriesOptions newOptions) {
        s.replayAlter(seq, newOptions);
    }

    /** (recovery): a chunk found on disk, in ascending order of first timestamp. */
    public static void restoreChunk(Series s, long firstTs, long lastTs, int count, int byteSize) {
        s.restoreChunk(firstTs, lastTs, count, byteSize);
    }

    /** (recovery): makes the last restored chunk the head and derives the totals. */
    public static void finishRestore(Series s) {
        s.finishRestore();
    }

    /** (DUMP): the options with rule state and every chunk, read atomically. */
    public static SeriesImage image(Series s, RuleSpec sourceRule) {
        return s.image(sourceRule);
    }

    /**
     * (RESTORE, before the series is published): appends every sample of the
     * encoded chunks, which must hold this series' value type in ascending timestamp order; the
     * rules are not fed. Throws IllegalArgumentException when they do not.
     */
    public static void fillFromChunks(Series s, List<byte[]> encodedChunks) {
        s.fillFromChunks(encodedChunks);
    }

    /**
     * writes this series' pending changes into {@code sink} (dirty chunks with
     * their re-keying deletes, dropped chunks, metadata with persistedSeq). Returns false, writing
     * nothing, when the series was removed. Must be followed by {@link #checkpointWritten} once
     * the batch is durable in RocksDB.
     */
    public static boolean checkpointSnapshot(Series s, CheckpointSink sink) {
        return s.checkpointSnapshot(sink);
    }

    /** the snapshot's batch is written; chunks unchanged since are clean now. */
    public static void checkpointWritten(Series s) {
        s.checkpointWritten();
    }

    /**
     * the snapshot's batch was not written (a full disk). Everything it claimed
     * is undone and the series queued again, so the next checkpoint writes it all.
     */
    public static void checkpointFailed(Series s) {
        s.checkpointFailed();
    }

    /**
     * (checkpoint, under the series lock): {@code options} encoded by {@code encoder}, kept by the
     * series and reused while it checkpoints the same options instance.
     */
    public static byte[] encodedOptions(Series s, SeriesOptions options, java.util.function.Function<SeriesOptions, byte[]> encoder) {
        return s.encodedOptions(options, encoder);
    }

    /** the options with each rule's current state, as the op log, checkpoints and DUMP store them. */
    public static SeriesOptions persistedOptions(Series s) {
        return s.persistedOptions();
    }

    /** (LATEST): the open bucket of the rule into {@code destKey}, or null; see {@link RuleLinks#openBucket}. */
    public static Sample openBucket(Series s, Key destKey) {
        return s.links.openBucket(destKey);
    }

    /** (TS.CREATERULE, both series locked, links validated); see {@link RuleLinks#addRule}. */
    public static void addRule(Series s, Series dest, RuleSpec spec, boolean backfill) {
        s.links.addRule(dest, spec, backfill);
    }

    /** (TS.DELETERULE, key removal and RENAME): drops the rule into {@code destKey}; false when none. */
    public static boolean removeRule(Series s, Key destKey) {
        return s.links.removeRule(destKey);
    }

    /** (RENAME of a destination): the rule into {@code oldKey} now goes to {@code newKey}. */
    public static boolean renameRuleDest(Series s, Key oldKey, Key newKey) {
        return s.links.renameRuleDest(oldKey, newKey);
    }

    /** sets (or, with null, clears) this destination's source link and logs the ALTER. */
    public static void setSourceLink(Series s, Key source) {
        s.links.setSourceLink(source);
    }

    /** (RESTORE of a destination, this series locked); see {@link RuleLinks#resumedRule}. */
    public static RuleSpec resumedRule(Series s, RuleSpec spec) {
        return s.links.resumedRule(spec);
    }

    /** (both series locked, inside the caller's op-log group); see {@link RuleLinks#attachRule}. */
    public static void attachRule(Series s, Series dest, RuleSpec specWithState) {
        s.links.attachRule(dest, specWithState);
    }

    /** (RESTORE, before the series is published): the links that were kept, not logged. */
    public static void restoreLinks(Series s, List<RuleSpec> rulesWithState, Key source) {
        s.links.restoreLinks(rulesWithState, source);
    }

    /** this series feeds a K-line family as its price (null detaches). */
    public static void setPriceHook(Series s, TickHook hook) {
        s.setPriceHook(hook);
    }

    /** this series feeds a K-line family as its volume (null detaches). */
    public static void setVolumeHook(Series s, TickHook hook) {
        s.setVolumeHook(hook);
    }

    public static TickHook priceHook(Series s) {
        return s.priceHook();
    }

    public static TickHook volumeHook(Series s) {
        return s.volumeHook();
    }

    /** samples in {@code [from, to]} ascending, retention applied, without read statistics. */
    public static SampleCursor rawRange(Series s, long from, long to) {
        return s.rawRange(from, to);
    }

    /**
     * runs {@code work} under this series' lock (a K-line family reads its bars'
     * inputs consistently), then applies and logs the bar writes it collected in one op-log group.
     */
    public static void updateBars(Series s, Consumer<BarWrites> work) {
        s.updateBars(work);
    }
}
