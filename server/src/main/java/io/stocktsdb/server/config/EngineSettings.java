package io.stocktsdb.server.config;

import io.stocktsdb.engine.AppendFsync;
import io.stocktsdb.engine.EngineConfig;
import io.stocktsdb.engine.business.BusinessType;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the server's settings into the engine's configuration. */
public final class EngineSettings {
    private EngineSettings() {}

    public static EngineConfig from(Settings s) {
        long retention = s.getLong(ConfigFields.RETENTION_MS);
        int chunk = s.getInt(ConfigFields.CHUNK_SIZE_BYTES);
        ChunkEncoding encoding = encoding(s.getString(ConfigFields.ENCODING));
        List<BusinessType> types = new ArrayList<>();
        for (BusinessTypeConfig b : s.businessTypes()) {
            types.add(new BusinessType(b.name(), b.prefix(),
                    b.retentionMs() != null ? b.retentionMs() : retention,
                    b.chunkSizeBytes() != null ? b.chunkSizeBytes() : chunk,
                    b.duplicatePolicy() != null ? DuplicatePolicy.parse(b.duplicatePolicy()) : null,
                    b.encoding() != null ? encoding(b.encoding()) : encoding));
        }
        // everything no prefix matches: RedisTimeSeries's defaults (no series-level duplicate policy)
        types.add(new BusinessType(BusinessType.DEFAULT_NAME, "", retention, chunk, null, encoding));
        EngineConfig defaults = EngineConfig.defaults(Path.of(s.getString(ConfigFields.DATA_DIR)));
        return new EngineConfig(defaults.dataDir(), AppendFsync.parse(s.getString(ConfigFields.APPENDFSYNC)), types,
                DuplicatePolicy.parse(s.getString(ConfigFields.DUPLICATE_POLICY)), defaults.checkpointIntervalMs(),
                defaults.checkpointOpLogBytes(), defaults.blockCacheBytes(), defaults.writeBufferBytes(),
                s.getBool(ConfigFields.WAL_ACCEPT_DAMAGE));
    }

    private static ChunkEncoding encoding(String name) {
        return name.toLowerCase(Locale.ROOT).equals("uncompressed") ? ChunkEncoding.UNCOMPRESSED : ChunkEncoding.COMPRESSED;
    }
}
