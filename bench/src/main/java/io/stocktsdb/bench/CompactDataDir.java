package io.stocktsdb.bench;

import io.stocktsdb.engine.storage.RocksStore;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.RocksDBException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fully compacts every column family of a STOPPED server's data directory, with the server's
 * own column-family options (RocksStore.open), so storage_report.py measures compacted SST files
 * rather than whatever L0 files the load happened to leave. The server has no command for a
 * manual compaction. Prints one line per column family: name, SST bytes before, after.
 * Run: {@code java -cp bench/target/benchmarks.jar io.stocktsdb.bench.CompactDataDir DATA_DIR}.
 */
public final class CompactDataDir {
    private static final long BLOCK_CACHE_BYTES = 8L << 20;
    private static final long WRITE_BUFFER_BYTES = 64L << 20;

    private CompactDataDir() {}

    public static void main(String[] args) throws RocksDBException {
        if (args.length != 1) {
            System.err.println("usage: CompactDataDir DATA_DIR (the server must be stopped)");
            System.exit(2);
        }
        // An empty business list: open() adds every column family already present in the directory.
        try (RocksStore store = RocksStore.open(Path.of(args[0]), List.of(), BLOCK_CACHE_BYTES, WRITE_BUFFER_BYTES);
             CompactRangeOptions options = new CompactRangeOptions()
                     .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)) {
            Map<String, ColumnFamilyHandle> families = new LinkedHashMap<>();
            families.put("default", store.defaultCf());
            families.put(RocksStore.OPLOG_CF, store.oplogCf());
            families.put(RocksStore.STAGING_CF, store.stagingCf());
            for (Map.Entry<String, ColumnFamilyHandle> e : store.businessCfs().entrySet()) {
                families.put(RocksStore.BUSINESS_CF_PREFIX + e.getKey(), e.getValue());
            }
            store.flushMemtables();
            for (Map.Entry<String, ColumnFamilyHandle> e : families.entrySet()) {
                ColumnFamilyHandle cf = e.getValue();
                long before = sstBytes(store, cf);
                store.db().compactRange(cf, null, null, options);
                System.out.printf(Locale.ROOT, "%s %d %d%n", e.getKey(), before, sstBytes(store, cf));
            }
        }
    }

    private static long sstBytes(RocksStore store, ColumnFamilyHandle cf) throws RocksDBException {
        return store.db().getLongProperty(cf, "rocksdb.total-sst-files-size");
    }
}
