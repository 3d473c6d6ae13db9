package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.business.Business;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.ChunkFormat;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesHost;
import io.stocktsdb.engine.series.SeriesOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** The engine side of every {@link Series}: op log, chunk reads from RocksDB, checkpoint queue, label changes. */
public final class SeriesStore implements SeriesHost {
    private static final Logger log = LoggerFactory.getLogger(SeriesStore.class);

    private final RocksDB db;
    private final ReadOptions readOptions;
    private final ChunkFormat format;
    private final DirtyTracker dirty;
    private final DuplicatePolicy defaultPolicy;
    private volatile OpLog opLog;
    private volatile BigValueStore bigValues;
    private volatile BiConsumer<Series, Map<String, String>> labelsChanged = (s, old) -> {};
    private volatile Function<Key, Object> keyLookup = k -> null;

    public SeriesStore(RocksDB db, ReadOptions readOptions, ChunkFormat format, DirtyTracker dirty, DuplicatePolicy defaultPolicy) {
        this.db = db;
        this.readOptions = readOptions;
        this.format = format;
        this.dirty = dirty;
        this.defaultPolicy = defaultPolicy;
    }

    /** Set once recovery knows the last seq; before that (replay) nothing is logged. */
    public void attachOpLog(OpLog opLog) {
        this.opLog = opLog;
    }

    public OpLog opLog() {
        return opLog;
    }

    /** Set before recovery: where big string values are stored in parts (none: every value inline). */
    public void attachBigValues(BigValueStore bigValues) {
        this.bigValues = bigValues;
    }

    /** The big-value store, or null when values are always stored inline. */
    public BigValueStore bigValues() {
        return bigValues;
    }

    public DirtyTracker dirty() {
        return dirty;
    }

    /** Set by the keyspace: told when a series' labels change (the keyspace's listeners mirror them). */
    public void onLabelsChanged(BiConsumer<Series, Map<String, String>> hook) {
        labelsChanged = hook;
    }

    /** Set by the keyspace: how series find other series by key (compaction destinations). */
    public void setKeyLookup(Function<Key, Object> lookup) {
        keyLookup = lookup;
    }

    @Override
    public Series seriesAt(Key key) {
        return keyLookup.apply(key) instanceof Series s ? s : null;
    }

    @Override
    public void beginLogGroup() {
        opLog.beginGroup();
    }

    @Override
    public void endLogGroup() {
        opLog.endGroup();
    }

    @Override
    public long logAdd(Key key, long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) {
        return opLog.appendAdd(key, ts, valueBits, blob, quality, policy);
    }

    @Override
    public long logBarRow(long ts, long[] ids, long[] valueBits, int n, int quality, DuplicatePolicy policy) {
        return opLog.append(OpCodec.encode(new Op.BarRow(ts, java.util.Arrays.copyOf(ids, n), java.util.Arrays.copyOf(valueBits, n), quality, policy)));
    }

    @Override
    public void beginAddRun(int quality) {
        opLog.beginRun(quality);
    }

    @Override
    public long logRunAdd(long seriesId, long ts, long valueBits, DuplicatePolicy policy) {
        return opLog.runAdd(seriesId, ts, valueBits, policy);
    }

    @Override
    public void endAddRun() {
        opLog.endRun();
    }

    @Override
    public long logDeleteRange(Key key, long from, long to) {
        return opLog.append(OpCodec.encode(new Op.DeleteRange(key, from, to)));
    }

    @Override
    public long logAlter(Key key, SeriesOptions options) {
        return opLog.append(OpCodec.encode(new Op.AlterSeries(key, options)));
    }

    /** Appends any record; returns its seq. */
    public long log(Op op) {
        return opLog.append(OpCodec.encode(op));
    }

    @Override
    public Chunk loadChunk(Business business, int slot, long seriesId, long firstTs) {
        byte[] value;
        try {
            value = db.get(business.columnFamily(), readOptions, KeyCodec.chunkKey(slot, seriesId, firstTs));
        } catch (RocksDBException e) {
            log.error("chunk read failed business={} slot={} series={} firstTs={}", business.name(), slot, seriesId, firstTs, e);
            throw new StorageException("chunk read failed", e);
        }
        if (value == null) {
            log.error("chunk missing business={} slot={} series={} firstTs={}", business.name(), slot, seriesId, firstTs);
            throw new StorageException("chunk missing: series " + seriesId + " firstTs " + firstTs);
        }
        ChunkValueCodec.checkVersion(value);
        return format.decode(value, ChunkValueCodec.HEADER, value.length - ChunkValueCodec.HEADER);
    }

    @Override
    public ChunkFormat chunkFormat() {
        return format;
    }

    @Override
    public DuplicatePolicy defaultDuplicatePolicy() {
        return defaultPolicy;
    }

    @Override
    public void queueForCheckpoint(Series series) {
        dirty.seriesChanged(series);
    }

    @Override
    public void labelsChanged(Series series, Map<String, String> oldLabels) {
        labelsChanged.accept(series, oldLabels);
    }
}
