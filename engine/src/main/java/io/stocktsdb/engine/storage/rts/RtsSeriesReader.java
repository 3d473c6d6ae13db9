package io.stocktsdb.engine.storage.rts;

import io.stocktsdb.engine.chunk.ChunkCodec;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.CompressedChunk;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.series.SeriesImage;
import io.stocktsdb.engine.series.SeriesOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the value RedisTimeSeries' {@code series_rdb_save} writes (module type "TSDB-TYPE"),
 * for every encoding version from 0 to 8, into a {@link SeriesImage}:
 * <pre>
 *   string key name (ignored: RESTORE names the key)
 *   uint retention ms | uint chunk size (in samples before v2, bytes since)
 *   uint options (v1+; bit 0x1 = uncompressed; before v1 always uncompressed)
 *   v2+: uint last ts | double last value | uint total samples | uint duplicate policy (v3+)
 *        | uint has source [string source key]
 *   v8+: uint ignore max time diff | double ignore max value diff
 *   uint label count, then string name, string value per label
 *   uint rule count, then per rule: string dest | uint bucket | uint alignment (v6+)
 *        | uint aggregator | uint current bucket start | the aggregator's context
 *   before v2: uint sample count, then uint ts, double value per sample
 *   v2+: uint chunk count, then per chunk (uncompressed or compressed as the options say):
 *        uncompressed: uint first ts | uint count | uint size | buffer of size bytes holding
 *                      count x (u64 ts, f64 value), little-endian
 *        compressed:   uint size | uint count | uint bit index | uint base value bits
 *                      | uint base ts | uint prev ts | uint prev delta | uint prev value bits
 *                      | uint prev leading | uint prev trailing | buffer of size bytes (bit stream)
 * </pre>
 * As RedisTimeSeries' RESTORE does, the restored series keeps no compaction links: a source key
 * and rules found in the payload (DUMP of 1.8+ writes neither; older versions and RDB files do)
 * are read past and dropped. Some payloads of encoding version 5 already carry the rule
 * alignment that version 6 introduced, so the alignment is recognised by the value types (every
 * aggregator context starts with a double) rather than by the version alone.
 */
final class RtsSeriesReader {
    static final int LATEST_ENCVER = 8;
    private static final int V_UNCOMPRESSED_OPTION = 1;
    private static final int V_CHUNKS = 2;
    private static final int V_DUPLICATE_POLICY = 3;
    private static final int V_AVG_OVERFLOW = 4;
    private static final int V_ALIGNMENT = 6;
    private static final int V_NO_RESET_FLAG = 7;
    private static final int V_IGNORE = 8;
    private static final int SAMPLE_BYTES = 16;
    private static final int OPTION_UNCOMPRESSED = 0x1;
    private static final int TRANSPORT_CHUNK_BYTES = 64 * 1024;

    private final RdbReader in;
    private final int encver;
    private final List<byte[]> chunks = new ArrayList<>();
    private CompressedChunk open;

    private RtsSeriesReader(RdbReader in, int encver) {
        this.in = in;
        this.encver = encver;
    }

    static SeriesImage read(RdbReader in, int encver) {
        if (encver < 0 || encver > LATEST_ENCVER) throw new IllegalArgumentException("encoding version " + encver);
        return new RtsSeriesReader(in, encver).series();
    }

    private SeriesImage series() {
        in.moduleString(); // the key name at DUMP time
        long retention = in.moduleUnsigned();
        long chunkSize = in.moduleUnsigned();
        if (encver < V_CHUNKS) chunkSize *= SAMPLE_BYTES;
        long options = encver >= V_UNCOMPRESSED_OPTION ? in.moduleUnsigned() : OPTION_UNCOMPRESSED;
        DuplicatePolicy policy = null;
        if (encver >= V_CHUNKS) {
            in.moduleUnsigned(); // last timestamp
            in.moduleDouble();   // last value
            in.moduleUnsigned(); // total samples
            if (encver >= V_DUPLICATE_POLICY) policy = duplicatePolicy(in.moduleUnsigned());
            if (in.moduleUnsigned() != 0) in.moduleString(); // source key: links are not restored
        }
        long ignoreTime = 0;
        double ignoreValue = 0;
        if (encver >= V_IGNORE) {
            ignoreTime = in.moduleUnsigned();
            ignoreValue = in.moduleDouble();
        }
        long labelCount = in.moduleUnsigned();
        Map<String, String> labels = new LinkedHashMap<>();
        for (long i = 0; i < labelCount; i++) {
            labels.put(text(in.moduleString()), text(in.moduleString()));
        }
        long ruleCount = in.moduleUnsigned();
        for (long i = 0; i < ruleCount; i++) skipRule();
        boolean uncompressed = (options & OPTION_UNCOMPRESSED) != 0;
        if (encver < V_CHUNKS) {
            long n = in.moduleUnsigned();
            for (long i = 0; i < n; i++) add(in.moduleUnsigned(), in.moduleDouble());
        } else {
            long n = in.moduleUnsigned();
            for (long i = 0; i < n; i++) {
                if (uncompressed) uncompressedChunk(); else compressedChunk();
            }
        }
        seal();
        if (chunkSize <= 0 || chunkSize % 8 != 0 || chunkSize > Integer.MAX_VALUE) throw new IllegalArgumentException("chunk size " + chunkSize);
        SeriesOptions opts = new SeriesOptions(ValueType.DOUBLE, retention, (int) chunkSize, policy,
                uncompressed ? ChunkEncoding.UNCOMPRESSED : ChunkEncoding.COMPRESSED,
                ignoreTime, ignoreValue, labels, List.of(), null);
        return new SeriesImage(opts, null, chunks);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static DuplicatePolicy duplicatePolicy(long code) {
        switch ((int) code) {
            case 0: return null; // not set on the series
            case 1: return DuplicatePolicy.BLOCK;
            case 2: return DuplicatePolicy.LAST;
            case 3: return DuplicatePolicy.FIRST;
            case 4: return DuplicatePolicy.MIN;
            case 5: return DuplicatePolicy.MAX;
            case 6: return DuplicatePolicy.SUM;
            default: throw new IllegalArgumentException("duplicate policy " + code);
        }
    }

    private void skipRule() {
        in.moduleString(); // destination
        in.moduleUnsigned(); // bucket duration
        long[] numbers = new long[3];
        int n = 0;
        while (in.peekOpcode() == RdbReader.OPCODE_UINT && n < numbers.length) numbers[n++] = in.moduleUnsigned();
        // [alignment] aggregator, open bucket start; the context follows (it starts with a double)
        boolean aligned = n == 3;
        if (n < 2 || (!aligned && encver >= V_ALIGNMENT)) throw new IllegalArgumentException("malformed compaction rule");
        skipContext(numbers[aligned ? 1 : 0]);
    }

    /** Reads past an aggregator's saved context (layouts per aggregator and version, see docs). */
    private void skipContext(long aggregator) {
        switch ((int) aggregator) {
            case 1, 2, 8 -> { // min, max, range: max, min (+ an unused buffer before v6)
                in.moduleDouble();
                in.moduleDouble();
                if (encver < V_ALIGNMENT) in.moduleString();
            }
            case 3, 5, 7 -> { // sum, count, last: value (+ a reset flag in v3..v6)
                in.moduleDouble();
                if (encver >= V_DUPLICATE_POLICY && encver < V_NO_RESET_FLAG) in.moduleUnsigned();
            }
            case 6 -> { // first: value (+ reset flag since v3)
                in.moduleDouble();
                if (encver >= V_DUPLICATE_POLICY) in.moduleUnsigned();
            }
            case 4 -> { // avg: sum, count (+ overflow flag since v4)
                in.moduleDouble();
                in.moduleDouble();
                if (encver >= V_AVG_OVERFLOW) in.moduleUnsigned();
            }
            case 9, 10, 11, 12 -> { // std / var: sum, sum of squares, count
                in.moduleDouble();
                in.moduleDouble();
                in.moduleUnsigned();
            }
            case 13 -> { // twa
                in.moduleDouble();
                in.moduleUnsigned();
                in.moduleDouble();
                for (int i = 0; i < 7; i++) in.moduleUnsigned();
            }
            default -> throw new IllegalArgumentException("aggregator " + aggregator);
        }
    }

    private void uncompressedChunk() {
        in.moduleUnsigned(); // first timestamp
        long count = in.moduleUnsigned();
        long size = in.moduleUnsigned();
        byte[] samples = in.moduleString();
        if (count < 0 || count > samples.length / SAMPLE_BYTES || size != samples.length) {
            throw new IllegalArgumentException("uncompressed chunk of " + count + " samples in " + samples.length + " bytes");
        }
        for (int i = 0; i < count; i++) {
            int at = i * SAMPLE_BYTES;
            add(littleEndian(samples, at), Double.longBitsToDouble(littleEndian(samples, at + 8)));
        }
    }

    private void compressedChunk() {
        long size = in.moduleUnsigned();
        long count = in.moduleUnsigned();
        in.moduleUnsigned(); // bit index of the end of the stream
        long baseValue = in.moduleUnsigned();
        long baseTimestamp = in.moduleUnsigned();
        for (int i = 0; i < 5; i++) in.moduleUnsigned(); // append state: prev ts, delta, value, leading, trailing
        byte[] data = in.moduleString();
        if (size != data.length || data.length % 8 != 0) {
            throw new IllegalArgumentException("compressed chunk of " + data.length + " bytes, header says " + size);
        }
        GorillaChunkReader.read(data, count, baseTimestamp, baseValue, this::add);
    }

    private static long littleEndian(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[at + i] & 0xFF);
        return v;
    }

    private void add(long timestamp, double value) {
        if (timestamp < 0) throw new IllegalArgumentException("timestamp " + Long.toUnsignedString(timestamp));
        long bits = Double.doubleToRawLongBits(value);
        if (open == null) open = new CompressedChunk(ValueType.DOUBLE, TRANSPORT_CHUNK_BYTES);
        if (!open.append(timestamp, bits, null, 100)) {
            seal();
            open = new CompressedChunk(ValueType.DOUBLE, TRANSPORT_CHUNK_BYTES);
            open.append(timestamp, bits, null, 100);
        }
    }

    private void seal() {
        if (open != null && open.count() > 0) chunks.add(ChunkCodec.encode(open));
        open = null;
    }
}
