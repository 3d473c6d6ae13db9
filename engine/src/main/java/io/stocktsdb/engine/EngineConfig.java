package io.stocktsdb.engine;

import io.stocktsdb.engine.business.BusinessType;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.ChunkEncoding;

import java.nio.file.Path;
import java.util.List;

/**
 * Engine settings.
 *
 * @param dataDir                 RocksDB directory
 * @param appendFsync             when the op log is fsynced
 * @param businessTypes           routing by prefix with per-business series defaults; must contain
 *                                a catch-all entry (prefix "")
 * @param defaultDuplicatePolicy  used when neither the call nor the series sets a policy (RTS: BLOCK)
 * @param checkpointIntervalMs    a checkpoint runs at least this often while something changed
 * @param checkpointOpLogBytes    ...and as soon as this many op-log bytes accumulated
 * @param blockCacheBytes         RocksDB block cache shared by all column families
 * @param writeBufferBytes        RocksDB memtable size per column family
 * @param acceptWalDamage         start even when valid WAL records follow a damage, dropping them
 */
public record EngineConfig(Path dataDir, AppendFsync appendFsync, List<BusinessType> businessTypes,
                           DuplicatePolicy defaultDuplicatePolicy, long checkpointIntervalMs,
                           long checkpointOpLogBytes, long blockCacheBytes, long writeBufferBytes, boolean acceptWalDamage) {
    public static final long DEFAULT_RETENTION_MS = 0;
    public static final int DEFAULT_CHUNK_SIZE_BYTES = 4096;

    public EngineConfig {
        if (dataDir == null || appendFsync == null || defaultDuplicatePolicy == null) throw new IllegalArgumentException("dataDir, appendFsync and defaultDuplicatePolicy are required");
        businessTypes = List.copyOf(businessTypes);
        if (businessTypes.stream().noneMatch(b -> b.prefix().isEmpty())) {
            throw new IllegalArgumentException("business_types needs a catch-all entry with prefix \"\"");
        }
        if (businessTypes.stream().map(BusinessType::name).distinct().count() != businessTypes.size()) {
            throw new IllegalArgumentException("business_types names must be unique");
        }
        if (checkpointIntervalMs <= 0 || checkpointOpLogBytes <= 0 || blockCacheBytes <= 0 || writeBufferBytes <= 0) {
            throw new IllegalArgumentException("sizes and intervals must be positive");
        }
    }

    /** Refusing a damaged WAL, the default. */
    public EngineConfig(Path dataDir, AppendFsync appendFsync, List<BusinessType> businessTypes, DuplicatePolicy defaultDuplicatePolicy,
                        long checkpointIntervalMs, long checkpointOpLogBytes, long blockCacheBytes, long writeBufferBytes) {
        this(dataDir, appendFsync, businessTypes, defaultDuplicatePolicy, checkpointIntervalMs, checkpointOpLogBytes, blockCacheBytes,
                writeBufferBytes, false);
    }

    public EngineConfig withAcceptWalDamage(boolean v) {
        return new EngineConfig(dataDir, appendFsync, businessTypes, defaultDuplicatePolicy, checkpointIntervalMs, checkpointOpLogBytes,
                blockCacheBytes, writeBufferBytes, v);
    }

    /** Product defaults: everysec, the seven businesses + default, 4096-byte compressed chunks, BLOCK. */
    public static EngineConfig defaults(Path dataDir) {
        return new EngineConfig(dataDir, AppendFsync.EVERYSEC,
                BusinessType.defaults(DEFAULT_RETENTION_MS, DEFAULT_CHUNK_SIZE_BYTES, null, ChunkEncoding.COMPRESSED),
                DuplicatePolicy.BLOCK, 5_000, 64L << 20, 64L << 20, 64L << 20);
    }

    public EngineConfig withAppendFsync(AppendFsync v) {
        return new EngineConfig(dataDir, v, businessTypes, defaultDuplicatePolicy, checkpointIntervalMs, checkpointOpLogBytes, blockCacheBytes, writeBufferBytes, acceptWalDamage);
    }

    public EngineConfig withBusinessTypes(List<BusinessType> v) {
        return new EngineConfig(dataDir, appendFsync, v, defaultDuplicatePolicy, checkpointIntervalMs, checkpointOpLogBytes, blockCacheBytes, writeBufferBytes, acceptWalDamage);
    }

    public EngineConfig withCheckpoint(long intervalMs, long opLogBytes) {
        return new EngineConfig(dataDir, appendFsync, businessTypes, defaultDuplicatePolicy, intervalMs, opLogBytes, blockCacheBytes, writeBufferBytes, acceptWalDamage);
    }

    public EngineConfig withWriteBufferBytes(long v) {
        return new EngineConfig(dataDir, appendFsync, businessTypes, defaultDuplicatePolicy, checkpointIntervalMs, checkpointOpLogBytes, blockCacheBytes, v, acceptWalDamage);
    }
}
