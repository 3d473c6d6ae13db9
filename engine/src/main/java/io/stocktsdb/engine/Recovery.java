package io.stocktsdb.engine;

import io.stocktsdb.engine.keyspace.KeyspaceInternals;
import io.stocktsdb.engine.series.SeriesInternals;
import io.stocktsdb.engine.storage.ChunkValueCodec;
import io.stocktsdb.engine.storage.CorruptionAdvice;
import io.stocktsdb.engine.storage.EngineRecordCodec;
import io.stocktsdb.engine.storage.KeyCodec;
import io.stocktsdb.engine.storage.MetadataCodec;
import io.stocktsdb.engine.storage.Op;
import io.stocktsdb.engine.storage.OpCodec;
import io.stocktsdb.engine.storage.OpLogValues;
import io.stocktsdb.engine.storage.RocksStore;
import io.stocktsdb.engine.storage.SeriesStore;
import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.business.BusinessRouter;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.series.Series;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Start-up: loads every metadata record (strings and series), rebuilds each series' chunk index
 * from one sequential scan of its business column family (chunk values carry count and last
 * timestamp in their header, so no chunk is decoded except each series' last, which becomes the
 * head), then replays the op log in seq order: structural ops after the checkpoint seq, series
 * ops after their series' persistedSeq.
 */
final class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    /** What recovery produced. */
    /** What recovery rebuilt; {@code segments} are the op log's values as {first seq, last seq}. */
    public record Result(Keyspace keyspace, long checkpointSeq, long lastSeq, long keys, long replayedOps, long orphanChunks, long millis,
                         List<long[]> segments) {}

    private Recovery() {}

    public static Result run(RocksStore rocks, SeriesStore store, BusinessRouter router, LongSupplier clockMs) {
        long start = System.nanoTime();
        try {
            byte[] engineRecord = rocks.db().get(rocks.defaultCf(), KeyCodec.engineRecordKey(EngineRecordCodec.NAME));
            long checkpointSeq = 0;
            long nextSeriesId = 1;
            if (engineRecord != null) {
                long[] r = EngineRecordCodec.decode(engineRecord);
                checkpointSeq = r[0];
                nextSeriesId = r[1];
            }
            store.attachBigValues(rocks.bigValues());
            Keyspace keyspace = new Keyspace(store, router, nextSeriesId, clockMs);
            long maxSeq = checkpointSeq;
            long keys = 0;
            List<Series> series = new ArrayList<>();
            try (ReadOptions ro = new ReadOptions().setIterateUpperBound(new Slice(KeyCodec.metadataUpperBound()));
                 RocksIterator it = rocks.db().newIterator(rocks.defaultCf(), ro)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    Key key = KeyCodec.userKeyOfMetadataKey(it.key());
                    Object rec = MetadataCodec.decode(it.value());
                    keys++;
                    if (rec instanceof MetadataCodec.StringRecord s) {
                        KeyspaceInternals.recoverString(keyspace, key, new byte[][] {s.value()}, 0, s.expireAtMs());
                    } else if (rec instanceof MetadataCodec.BigStringRecord b) {
                        KeyspaceInternals.recoverString(keyspace, key, rocks.bigValues().read(b.valueId(), b.length()), b.valueId(), b.expireAtMs());
                    } else {
                        MetadataCodec.SeriesRecord sr = (MetadataCodec.SeriesRecord) rec;
                        Business b = router.byName(sr.business());
                        if (b == null) throw new StorageException("series " + key + " is in unknown business " + sr.business());
                        Series s = SeriesInternals.create(sr.seriesId(), key, b, sr.options(), store, sr.persistedSeq(), false);
                        KeyspaceInternals.recoverSeries(keyspace, s, sr.expireAtMs());
                        series.add(s);
                        maxSeq = Math.max(maxSeq, sr.persistedSeq());
                    }
                }
                it.status();
            }
            long orphans = 0;
            for (Business b : router.all()) orphans += restoreChunks(rocks, b, keyspace);
            for (Series s : series) SeriesInternals.finishRestore(s);

            long[] replayedAndMax = {0, maxSeq};
            long checkpointAt = checkpointSeq;
            List<long[]> segments = new ArrayList<>();
            try (RocksIterator it = rocks.db().newIterator(rocks.oplogCf())) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    long[] bounds = {Long.MAX_VALUE, Long.MIN_VALUE};
                    OpLogValues.forEachRecord(it.key(), it.value(), (seq, bytes, off, len) -> {
                        bounds[0] = Math.min(bounds[0], seq);
                        bounds[1] = Math.max(bounds[1], OpCodec.lastSeq(bytes, off, len, seq));
                        byte[] record = off == 0 && len == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, off, off + len);
                        replayedAndMax[0] += replay(keyspace, OpCodec.decode(record), seq, checkpointAt);
                    });
                    if (bounds[1] >= bounds[0]) {
                        segments.add(new long[] {KeyCodec.opLogSeq(it.key()), bounds[1]});
                        replayedAndMax[1] = Math.max(replayedAndMax[1], bounds[1]);
                    }
                }
                it.status();
            }
            deleteUnnamedBigValues(rocks, keyspace);
            long replayed = replayedAndMax[0];
            maxSeq = replayedAndMax[1];
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (orphans > 0) log.warn("recovery found chunks of unknown series count={}", orphans);
            log.info("recovery done keys={} series={} replayedOps={} checkpointSeq={} lastSeq={} ms={}",
                    keys, series.size(), replayed, checkpointSeq, maxSeq, millis);
            return new Result(keyspace, checkpointSeq, maxSeq, keys, replayed, orphans, millis, segments);
        } catch (RocksDBException e) {
            log.error("recovery failed", e);
            if (CorruptionAdvice.isCorruption(e)) throw new StorageException(CorruptionAdvice.message(rocks.dir(), e), e);
            throw new StorageException("recovery failed: " + e.getMessage(), e);
        }
    }

    /**
     * Parts of big values no record names: a crash came between writing them and logging the
     * SET. (Values recovery met but that are dropped since stay until the next checkpoint, since
     * until then a restart replays records naming them.)
     */
    private static void deleteUnnamedBigValues(RocksStore rocks, Keyspace keyspace) {
        for (long id : rocks.bigValues().storedIds()) {
            if (KeyspaceInternals.knowsBigValue(keyspace, id)) continue;
            log.warn("deleting the parts of big value id={}: no record names it (a SET cut short by a crash)", id);
            rocks.bigValues().delete(id);
        }
    }

    private static long restoreChunks(RocksStore rocks, Business b, Keyspace keyspace) throws RocksDBException {
        long orphans = 0;
        try (RocksIterator it = rocks.db().newIterator(b.columnFamily())) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                Series s = k.length == KeyCodec.CHUNK_KEY_LENGTH ? keyspace.seriesById(KeyCodec.chunkKeySeriesId(k)) : null;
                if (s == null || s.business() != b || s.key().slot() != KeyCodec.chunkKeySlot(k)) {
                    orphans++;
                    continue;
                }
                byte[] v = it.value();
                SeriesInternals.restoreChunk(s, KeyCodec.chunkKeyFirstTs(k), ChunkValueCodec.lastTs(v), ChunkValueCodec.count(v), v.length - ChunkValueCodec.HEADER);
            }
            it.status();
        }
        return orphans;
    }

    /** A BAR_ROW: each series (by id: renames do not matter) takes its sample unless its checkpoint holds the record's seq. */
    private static int replayBarRow(Keyspace keyspace, Op.BarRow row, long seq) {
        boolean applied = false;
        for (int i = 0; i < row.seriesIds().length; i++) {
            Series s = keyspace.seriesById(row.seriesIds()[i]);
            if (s == null || seq <= SeriesInternals.lastSeq(s)) continue;
            SeriesInternals.replayAdd(s, seq, row.ts(), row.valueBits()[i], null, row.quality(), row.policy());
            applied = true;
        }
        return applied ? 1 : 0;
    }

    /** Applies one logged op (a run: each of its samples) if the persisted state does not already reflect it; how many were applied. */
    static int replay(Keyspace keyspace, Op op, long seq, long checkpointSeq) {
        if (op.code().structural()) {
            if (seq <= checkpointSeq) return 0;
            KeyspaceInternals.replay(keyspace, op, seq);
            return 1;
        }
        if (op instanceof Op.BarRow row) return replayBarRow(keyspace, row, seq);
        if (op instanceof Op.AddRun run) return replayRun(keyspace, run, seq);
        Key key = op instanceof Op.Add a ? a.key() : op instanceof Op.DeleteRange d ? d.key() : ((Op.AlterSeries) op).key();
        if (!(KeyspaceInternals.rawEntry(keyspace, key) instanceof Series s)) return 0;
        if (seq <= SeriesInternals.lastSeq(s)) return 0;
        if (op instanceof Op.Add a) {
            SeriesInternals.replayAdd(s, seq, a.ts(), a.valueBits(), a.blob(), a.quality(), a.policy());
        } else if (op instanceof Op.DeleteRange d) {
            SeriesInternals.replayDeleteRange(s, seq, d.from(), d.to());
        } else {
            SeriesInternals.replayAlter(s, seq, ((Op.AlterSeries) op).options());
        }
        return 1;
    }

    /** Sample {@code i} of a run has seq {@code firstSeq + i} and names its series by id (ids are never reused). */
    private static int replayRun(Keyspace keyspace, Op.AddRun run, long firstSeq) {
        int applied = 0;
        for (int i = 0; i < run.count(); i++) {
            Series s = keyspace.seriesById(run.seriesIds()[i]);
            long seq = firstSeq + i;
            if (s == null || seq <= SeriesInternals.lastSeq(s)) continue;
            SeriesInternals.replayAdd(s, seq, run.ts()[i], run.valueBits()[i], null, run.quality(), run.policies()[i]);
            applied++;
        }
        return applied;
    }
}
