package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.figures.RocksFigures;
import io.stocktsdb.engine.figures.RocksMemory;
import io.stocktsdb.engine.figures.WalRecovery;
import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.business.BusinessType;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.SstFileManager;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one RocksDB instance and its column families: {@code default} (metadata records and
 * engine records), {@code oplog}, and {@code biz.<name>} per business (kept even after the
 * business left the configuration). Metadata and op log use LZ4; business column families store
 * already-compressed chunks and use no compression.
 */
public final class RocksStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RocksStore.class);
    public static final String OPLOG_CF = "oplog";
    /** Acknowledged BATCH_SET points not yet flushed into their series (see {@link BatchJournal}). */
    public static final String STAGING_CF = "staging";
    public static final String BUSINESS_CF_PREFIX = "biz.";

    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final ColumnFamilyHandle defaultCf;
    private final ColumnFamilyHandle oplogCf;
    private final ColumnFamilyHandle stagingCf;
    /** Business name -> column family, every biz.* family present. */
    private final Map<String, ColumnFamilyHandle> businessCfs;
    private final List<AutoCloseable> resources;
    private final ReadOptions readOptions;
    private WalRecovery walRecovery = WalRecovery.OK;

    private RocksStore(RocksDB db, ColumnFamilyHandle defaultCf, ColumnFamilyHandle oplogCf, ColumnFamilyHandle stagingCf,
                       Map<String, ColumnFamilyHandle> businessCfs, List<AutoCloseable> resources, ReadOptions readOptions) {
        this.db = db;
        this.defaultCf = defaultCf;
        this.oplogCf = oplogCf;
        this.stagingCf = stagingCf;
        this.businessCfs = businessCfs;
        this.resources = resources;
        this.readOptions = readOptions;
    }

    /** Opens or creates the database; creates the column families that are missing; refuses a damaged WAL. */
    public static RocksStore open(Path dir, List<BusinessType> businesses, long blockCacheBytes, long writeBufferBytes) {
        return open(dir, businesses, blockCacheBytes, writeBufferBytes, false);
    }

    /**
     * As above; {@code acceptWalDamage}: start even when valid WAL records follow a damage
     * (dropping them), see {@link WalRecoveryPolicy}.
     */
    public static RocksStore open(Path dir, List<BusinessType> businesses, long blockCacheBytes, long writeBufferBytes, boolean acceptWalDamage) {
        List<AutoCloseable> resources = new ArrayList<>();
        WalRecovery wal = WalRecoveryPolicy.decide(dir, acceptWalDamage);
        try {
            Files.createDirectories(dir);
            Cache cache = new LRUCache(blockCacheBytes);
            resources.add(cache);
            ColumnFamilyOptions metaOptions = cfOptions(cache, writeBufferBytes, CompressionType.LZ4_COMPRESSION);
            ColumnFamilyOptions chunkOptions = cfOptions(cache, writeBufferBytes, CompressionType.NO_COMPRESSION);
            resources.add(metaOptions);
            resources.add(chunkOptions);

            Set<String> names = new LinkedHashSet<>();
            names.add(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8));
            names.add(OPLOG_CF);
            names.add(STAGING_CF);
            for (BusinessType b : businesses) names.add(b.columnFamilyName());
            try (Options listOptions = new Options()) {
                if (Files.exists(dir.resolve("CURRENT"))) {
                    for (byte[] n : RocksDB.listColumnFamilies(listOptions, dir.toString())) {
                        names.add(new String(n, StandardCharsets.UTF_8));
                    }
                }
            }
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (String n : names) {
                descriptors.add(new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8),
                        n.startsWith(BUSINESS_CF_PREFIX) ? chunkOptions : metaOptions));
            }
            DBOptions dbOptions = new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(2)
                    // the op log is trimmed by checkpoints, but RocksDB keeps WAL files until every
                    // column family's memtable is flushed: cap them so a restart replays little
                    .setMaxTotalWalSize(128L << 20)
                    .setKeepLogFileNum(5)
                    // replay the WAL into memtables instead of writing it out as new SST files first:
                    // a restart on a nearly full disk needs almost no extra space
                    .setAvoidFlushDuringRecovery(true)
                    .setWalRecoveryMode(WalRecoveryPolicy.mode(wal));
            // with an SST file manager RocksDB resumes by itself after a "no space" error once space is back
            SstFileManager sstFiles = new SstFileManager(Env.getDefault());
            resources.add(sstFiles);
            dbOptions.setSstFileManager(sstFiles);
            resources.add(dbOptions);
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            ColumnFamilyHandle defaultCf = null;
            ColumnFamilyHandle oplogCf = null;
            ColumnFamilyHandle stagingCf = null;
            Map<String, ColumnFamilyHandle> biz = new LinkedHashMap<>();
            int i = 0;
            for (String n : names) {
                ColumnFamilyHandle h = handles.get(i++);
                if (n.equals("default")) defaultCf = h;
                else if (n.equals(OPLOG_CF)) oplogCf = h;
                else if (n.equals(STAGING_CF)) stagingCf = h;
                else if (n.startsWith(BUSINESS_CF_PREFIX)) biz.put(n.substring(BUSINESS_CF_PREFIX.length()), h);
                else log.warn("unknown column family kept untouched name={}", n);
                resources.add(0, h);
            }
            resources.add(db);
            ReadOptions ro = new ReadOptions();
            resources.add(0, ro);
            log.info("rocksdb opened dir={} columnFamilies={}", dir, names);
            RocksStore store = new RocksStore(db, defaultCf, oplogCf, stagingCf, biz, resources, ro);
            store.walRecovery = wal;
            return store;
        } catch (RocksDBException e) {
            log.error("rocksdb open failed dir={}", dir, e);
            closeAll(resources);
            if (CorruptionAdvice.isCorruption(e)) throw new StorageException(CorruptionAdvice.message(dir, e), e);
            throw new StorageException("cannot open RocksDB at " + dir + ": " + e.getMessage() + SpaceAdvice.forOpen(dir, e), e);
        } catch (java.io.IOException e) {
            log.error("rocksdb open failed dir={}", dir, e);
            closeAll(resources);
            throw new StorageException("cannot open RocksDB at " + dir + ": " + e.getMessage() + SpaceAdvice.forOpen(dir, e), e);
        }
    }

    private static ColumnFamilyOptions cfOptions(Cache cache, long writeBufferBytes, CompressionType compression) {
        BlockBasedTableConfig table = new BlockBasedTableConfig().setBlockCache(cache).setBlockSize(16 * 1024);
        return new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setWriteBufferSize(writeBufferBytes)
                .setCompressionType(compression);
    }

    public RocksDB db() { return db; }

    public Path dir() { return Path.of(db.getName()); }

    /** What start-up found in the WAL and did about it (INFO persistence). */
    public WalRecovery walRecovery() { return walRecovery; }

    public ColumnFamilyHandle defaultCf() { return defaultCf; }

    public ColumnFamilyHandle oplogCf() { return oplogCf; }

    public ColumnFamilyHandle stagingCf() { return stagingCf; }

    /** Business name -> column family for every biz.* family in the database. */
    public Map<String, ColumnFamilyHandle> businessCfs() { return businessCfs; }

    public ReadOptions readOptions() { return readOptions; }

    /** Approximate bytes on disk of a column family: SST files plus live memtables. */
    public long approximateBytes(ColumnFamilyHandle cf) {
        try {
            return db.getLongProperty(cf, "rocksdb.total-sst-files-size") + db.getLongProperty(cf, "rocksdb.cur-size-all-mem-tables");
        } catch (RocksDBException e) {
            log.warn("size property unavailable", e);
            return 0;
        }
    }

    /** Flushes every memtable to SST, so the next open has no WAL to replay (clean shutdown). */
    public void flushMemtables() {
        List<ColumnFamilyHandle> all = new ArrayList<>(businessCfs.values());
        all.add(defaultCf);
        all.add(oplogCf);
        all.add(stagingCf);
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            db.flush(fo, all);
        } catch (RocksDBException e) {
            log.error("memtable flush at close failed", e);
            throw new StorageException("flush failed", e);
        }
    }

    /** Memory RocksDB holds (INFO memory). */
    public RocksMemory memory() {
        return new RocksMemory(aggregated("rocksdb.cur-size-all-mem-tables"), property(defaultCf, "rocksdb.block-cache-usage"),
                property(defaultCf, "rocksdb.block-cache-pinned-usage"), aggregated("rocksdb.estimate-table-readers-mem"));
    }

    /** Everything {@code /metrics} shows about RocksDB. */
    public RocksFigures figures() {
        List<RocksFigures.ColumnFamily> cfs = new ArrayList<>();
        cfs.add(columnFamily("default", defaultCf));
        cfs.add(columnFamily(OPLOG_CF, oplogCf));
        cfs.add(columnFamily(STAGING_CF, stagingCf));
        for (Map.Entry<String, ColumnFamilyHandle> e : businessCfs.entrySet()) {
            cfs.add(columnFamily(BUSINESS_CF_PREFIX + e.getKey(), e.getValue()));
        }
        Map<String, String> dbStats = mapProperty(null, "rocksdb.dbstats");
        return new RocksFigures(memory(), property(defaultCf, "rocksdb.num-running-compactions"),
                property(defaultCf, "rocksdb.num-running-flushes"), property(defaultCf, "rocksdb.background-errors"),
                property(defaultCf, "rocksdb.actual-delayed-write-rate"), property(defaultCf, "rocksdb.is-write-stopped") != 0,
                longOf(dbStats, "db.user_write_stall_micros"), longOf(dbStats, "db.wal_bytes_written"), longOf(dbStats, "db.wal_syncs"),
                cfs);
    }

    private RocksFigures.ColumnFamily columnFamily(String name, ColumnFamilyHandle cf) {
        Map<String, String> st = mapProperty(cf, "rocksdb.cfstats");
        return new RocksFigures.ColumnFamily(name, property(cf, "rocksdb.total-sst-files-size"),
                property(cf, "rocksdb.cur-size-all-mem-tables"), property(cf, "rocksdb.estimate-num-keys"),
                property(cf, "rocksdb.estimate-pending-compaction-bytes"), longOf(st, "compaction.Sum.CompCount"),
                doubleOf(st, "compaction.Sum.CompSec"), gigabytes(st, "compaction.Sum.ReadGB"),
                gigabytes(st, "compaction.Sum.WriteGB"), longOf(st, "total-stops"), longOf(st, "total-delays"));
    }

    private long property(ColumnFamilyHandle cf, String name) {
        try {
            return db.getLongProperty(cf, name);
        } catch (RocksDBException e) {
            log.warn("rocksdb property unavailable name={}", name, e);
            return 0;
        }
    }

    private long aggregated(String name) {
        try {
            return db.getAggregatedLongProperty(name);
        } catch (RocksDBException e) {
            log.warn("rocksdb property unavailable name={}", name, e);
            return 0;
        }
    }

    private Map<String, String> mapProperty(ColumnFamilyHandle cf, String name) {
        try {
            return cf == null ? db.getMapProperty(name) : db.getMapProperty(cf, name);
        } catch (RocksDBException e) {
            log.warn("rocksdb property unavailable name={}", name, e);
            return Map.of();
        }
    }

    private static double doubleOf(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) return 0;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long longOf(Map<String, String> m, String key) {
        return Math.round(doubleOf(m, key));
    }

    /** RocksDB reports compaction I/O in GiB with six decimals. */
    private static long gigabytes(Map<String, String> m, String key) {
        return Math.round(doubleOf(m, key) * (1L << 30));
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        // Handles and read options first, then the DB, then options and cache.
        List<AutoCloseable> ordered = new ArrayList<>();
        AutoCloseable dbRes = null;
        for (AutoCloseable r : resources) {
            if (r instanceof RocksDB) dbRes = r;
            else if (r instanceof ColumnFamilyHandle || r instanceof ReadOptions) ordered.add(r);
        }
        if (dbRes != null) ordered.add(dbRes);
        for (AutoCloseable r : resources) {
            if (!(r instanceof RocksDB || r instanceof ColumnFamilyHandle || r instanceof ReadOptions)) ordered.add(r);
        }
        for (AutoCloseable r : ordered) {
            try {
                r.close();
            } catch (Exception e) {
                log.warn("close failed resource={}", r.getClass().getSimpleName(), e);
            }
        }
    }
}
