package io.stocktsdb.engine;

import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens engines on a temp dir with tiny memtables (64 KB) so RocksDB really flushes. */
final class EngineTestSupport {
    private EngineTestSupport() {}

    static EngineConfig config(Path dir) {
        return EngineConfig.defaults(dir).withWriteBufferBytes(64 * 1024).withCheckpoint(3_600_000, 1L << 40);
    }

    static Engine open(Path dir) {
        return Engine.open(config(dir));
    }

    static Engine open(EngineConfig config) {
        return Engine.open(config);
    }

    /** Simulated crash: commit what was acknowledged, then close without the shutdown checkpoint. */
    static void crash(Engine e) {
        e.commitAll();
        e.closeWithoutCheckpoint();
    }

    static Key key(String s) {
        return Key.of(s);
    }

    static SeriesOptions doubles(Engine e, String key) {
        return e.defaultSeriesOptions(Key.of(key), ValueType.DOUBLE);
    }

    /** Uncompressed 256-byte chunks: 11-byte header + 17 bytes per sample = 14 samples, split at 18. */
    static SeriesOptions small(Engine e, String key) {
        return doubles(e, key).withChunkSizeBytes(256).withEncoding(ChunkEncoding.UNCOMPRESSED);
    }

    static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    /** "ts=value" strings for a whole ascending range, e.g. "5=1.5". */
    static List<String> dump(Series s, long from, long to) {
        List<String> out = new ArrayList<>();
        SampleCursor c = s.range(from, to, true);
        while (c.next()) out.add(c.timestamp() + "=" + render(s, c));
        return out;
    }

    static List<String> dumpReverse(Series s, long from, long to) {
        List<String> out = new ArrayList<>();
        SampleCursor c = s.range(from, to, false);
        while (c.next()) out.add(c.timestamp() + "=" + render(s, c));
        return out;
    }

    private static String render(Series s, SampleCursor c) {
        switch (s.valueType()) {
            case DOUBLE: return Double.toString(c.doubleValue());
            case INT: return Long.toString(c.valueBits());
            default: return new String(c.blob(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
