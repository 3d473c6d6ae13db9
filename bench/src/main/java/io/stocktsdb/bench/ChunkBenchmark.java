package io.stocktsdb.bench;

import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.ChunkCodec;
import io.stocktsdb.engine.chunk.CompressedChunk;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.chunk.UncompressedChunk;
import io.stocktsdb.engine.chunk.ValueType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Chunk throughput over 1M samples in 4096-byte chunks: appending (encode), scanning decoded
 * chunks with a cursor (the hot loop of an aggregated TS.RANGE), and decoding stored bytes then
 * scanning. Each operation covers all 1M samples. Run:
 * {@code java -jar bench/target/benchmarks.jar ChunkBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChunkBenchmark {
    private static final int CHUNK_BYTES = 4096;

    @Param({"randomWalk2", "randomDoubles"})
    public String data;

    @Param({"1000000"})
    public int samples;

    private long[] ts;
    private long[] values;
    private Chunk[] compressed;
    private Chunk[] uncompressed;
    private byte[][] stored;

    @Setup(Level.Trial)
    public void setUp() {
        ts = ChunkSizeReport.regular(samples);
        double[] v = "randomWalk2".equals(data) ? ChunkSizeReport.randomWalk(samples, 100, 42) : ChunkSizeReport.randomDoubles(samples);
        values = new long[samples];
        for (int i = 0; i < samples; i++) values[i] = Double.doubleToRawLongBits(v[i]);
        List<Chunk> chunks = appendAll(true);
        compressed = chunks.toArray(new Chunk[0]);
        uncompressed = appendAll(false).toArray(new Chunk[0]);
        stored = new byte[compressed.length][];
        for (int i = 0; i < compressed.length; i++) stored[i] = ChunkCodec.encode(compressed[i]);
    }

    private List<Chunk> appendAll(boolean compress) {
        List<Chunk> out = new ArrayList<>();
        Chunk c = compress ? new CompressedChunk(ValueType.DOUBLE, CHUNK_BYTES) : new UncompressedChunk(ValueType.DOUBLE, CHUNK_BYTES);
        for (int i = 0; i < samples; i++) {
            if (!c.append(ts[i], values[i], null, 100)) {
                out.add(c);
                c = compress ? new CompressedChunk(ValueType.DOUBLE, CHUNK_BYTES) : new UncompressedChunk(ValueType.DOUBLE, CHUNK_BYTES);
                c.append(ts[i], values[i], null, 100);
            }
        }
        out.add(c);
        return out;
    }

    /** Encoding 1M samples by appending, sealing a chunk whenever it is full. */
    @Benchmark
    public int appendCompressed() {
        Chunk c = new CompressedChunk(ValueType.DOUBLE, CHUNK_BYTES);
        int chunks = 1;
        for (int i = 0; i < samples; i++) {
            if (!c.append(ts[i], values[i], null, 100)) {
                c = new CompressedChunk(ValueType.DOUBLE, CHUNK_BYTES);
                c.append(ts[i], values[i], null, 100);
                chunks++;
            }
        }
        return chunks;
    }

    /** Sum and count of 1M samples through ascending cursors over in-memory compressed chunks. */
    @Benchmark
    public double scanCompressed() {
        return scan(compressed);
    }

    /** The same scan over uncompressed chunks, as a baseline. */
    @Benchmark
    public double scanUncompressed() {
        return scan(uncompressed);
    }

    /** Decoding stored chunk bytes, then scanning them (a range read of sealed chunks). */
    @Benchmark
    public double decodeAndScanStored() {
        double sum = 0;
        for (byte[] b : stored) {
            SampleCursor cur = ChunkCodec.decode(b).cursor(Long.MIN_VALUE, Long.MAX_VALUE);
            while (cur.next()) sum += cur.doubleValue();
        }
        return sum;
    }

    /** Descending scan (decodes each chunk into arrays first). */
    @Benchmark
    public double reverseScanCompressed() {
        double sum = 0;
        for (int i = compressed.length - 1; i >= 0; i--) {
            SampleCursor cur = compressed[i].reverseCursor(Long.MIN_VALUE, Long.MAX_VALUE);
            while (cur.next()) sum += cur.doubleValue();
        }
        return sum;
    }

    private static double scan(Chunk[] chunks) {
        double sum = 0;
        long n = 0;
        for (Chunk c : chunks) {
            SampleCursor cur = c.cursor(Long.MIN_VALUE, Long.MAX_VALUE);
            while (cur.next()) {
                sum += cur.doubleValue();
                n += cur.timestamp() & 1;
            }
        }
        return sum + n;
    }
}
