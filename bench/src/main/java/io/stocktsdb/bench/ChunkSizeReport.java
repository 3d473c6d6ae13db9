package io.stocktsdb.bench;

import io.stocktsdb.engine.chunk.BlobChunk;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.ChunkCodec;
import io.stocktsdb.engine.chunk.CompressedChunk;
import io.stocktsdb.engine.chunk.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.zip.Deflater;

/**
 * Prints encoded bytes per sample (header, timestamps, values and quality included; chunks of
 * 4096 bytes sealed as they fill) for the decimal-aware scheme and for plain Gorilla XOR, plus
 * the deflate levels considered for blob chunks. Run:
 * {@code java -cp bench/target/benchmarks.jar io.stocktsdb.bench.ChunkSizeReport [samples]}.
 */
public final class ChunkSizeReport {
    private static final long T0 = 1_700_000_000_000L;
    private static final int CHUNK_BYTES = 4096;

    private ChunkSizeReport() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "%d samples per data set, 1 s cadence unless noted, chunks of %d bytes%n", n, CHUNK_BYTES);
        System.out.printf(Locale.ROOT, "%-44s %12s %12s %8s%n", "data (DOUBLE)", "decimal B/s", "gorilla B/s", "ratio");
        long[] ts = regular(n);
        row("random walk 2 decimals (gen_ts.py)", ts, randomWalk(n, 100, 42));
        row("random walk 1 decimal", ts, randomWalk(n, 10, 43));
        row("random walk 4 decimals (FX quotes)", ts, randomWalk(n, 10_000, 44));
        row("constant", ts, constant(n));
        row("constant, +-5 ms timestamp jitter", jittered(n), constant(n));
        row("counter +1", ts, counter(n));
        row("random doubles", ts, randomDoubles(n));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-44s %12s%n", "data (INT)", "B/sample");
        intRow("counter +1", ts, intCounter(n));
        intRow("random int64", ts, randomInts(n));
        System.out.println();
        deflateLevels();
    }

    private static void row(String name, long[] ts, double[] values) {
        double dec = bytesPerSample(ts, values, b -> new CompressedChunk(ValueType.DOUBLE, b));
        double gor = bytesPerSample(ts, values, b -> CompressedChunk.gorillaXorOnly(ValueType.DOUBLE, b));
        System.out.printf(Locale.ROOT, "%-44s %12.3f %12.3f %8.2f%n", name, dec, gor, gor / dec);
    }

    private static void intRow(String name, long[] ts, long[] values) {
        long total = 0;
        Chunk c = new CompressedChunk(ValueType.INT, CHUNK_BYTES);
        for (int i = 0; i < ts.length; i++) {
            if (!c.append(ts[i], values[i], null, 100)) {
                total += ChunkCodec.encode(c).length;
                c = new CompressedChunk(ValueType.INT, CHUNK_BYTES);
                c.append(ts[i], values[i], null, 100);
            }
        }
        total += ChunkCodec.encode(c).length;
        System.out.printf(Locale.ROOT, "%-44s %12.3f%n", name, (double) total / ts.length);
    }

    static double bytesPerSample(long[] ts, double[] values, IntFunction<Chunk> factory) {
        long total = 0;
        Chunk c = factory.apply(CHUNK_BYTES);
        for (int i = 0; i < ts.length; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            if (!c.append(ts[i], bits, null, 100)) {
                total += ChunkCodec.encode(c).length;
                c = factory.apply(CHUNK_BYTES);
                c.append(ts[i], bits, null, 100);
            }
        }
        total += ChunkCodec.encode(c).length;
        return (double) total / ts.length;
    }

    /** Compares deflate levels on the value section of chunk-sized batches of JSON ticks. */
    private static void deflateLevels() {
        Random r = new Random(5);
        int samples = 20_000;
        byte[][] json = new byte[samples][];
        double bid = 100;
        for (int i = 0; i < samples; i++) {
            bid = Math.rint((bid + r.nextDouble() - 0.5) * 100) / 100;
            String s = String.format(Locale.ROOT, "{\"bid\":%.2f,\"ask\":%.2f,\"bidSize\":%d,\"askSize\":%d,\"venue\":\"XNAS\"}",
                    bid, bid + 0.01 * (1 + r.nextInt(3)), 100 * (1 + r.nextInt(50)), 100 * (1 + r.nextInt(50)));
            json[i] = s.getBytes(StandardCharsets.UTF_8);
        }
        System.out.println("blob chunks, JSON quote ticks (~75 B each), raw chunk budget " + CHUNK_BYTES + " B:");
        long rawTotal = 0;
        long encTotal = 0;
        int chunks = 0;
        BlobChunk c = new BlobChunk(ValueType.HASH, CHUNK_BYTES);
        for (int i = 0; i < samples; i++) {
            if (!c.append(T0 + i * 1000L, 0, json[i], 100)) {
                rawTotal += c.rawByteSize();
                encTotal += c.byteSize();
                chunks++;
                c = new BlobChunk(ValueType.HASH, CHUNK_BYTES);
                c.append(T0 + i * 1000L, 0, json[i], 100);
            }
        }
        System.out.printf(Locale.ROOT, "  BlobChunk (deflate level 6): %.1f B/sample encoded, %.1f B/sample uncompressed, %d full chunks%n",
                (double) encTotal / samples, (double) rawTotal / samples, chunks);
        byte[] section = new byte[CHUNK_BYTES];
        int len = 0;
        for (int i = 0; len + json[i].length + 1 < CHUNK_BYTES; i++) {
            section[len++] = (byte) json[i].length;
            System.arraycopy(json[i], 0, section, len, json[i].length);
            len += json[i].length;
        }
        for (int level : new int[] {1, 6, 9}) {
            byte[] out = new byte[CHUNK_BYTES * 2];
            int size = 0;
            int rounds = 2000;
            long start = System.nanoTime();
            for (int k = 0; k < rounds; k++) {
                Deflater d = new Deflater(level, true);
                d.setInput(section, 0, len);
                d.finish();
                size = d.deflate(out);
                d.end();
            }
            long us = (System.nanoTime() - start) / rounds / 1000;
            System.out.printf(Locale.ROOT, "  deflate level %d: %d -> %d bytes (%.2fx), %d us per chunk%n",
                    level, len, size, (double) len / size, us);
        }
    }

    static long[] regular(int n) {
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) ts[i] = T0 + i * 1000L;
        return ts;
    }

    static long[] jittered(int n) {
        Random r = new Random(11);
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) ts[i] = T0 + i * 1000L + r.nextInt(11) - 5;
        return ts;
    }

    /** gen_ts.py: v0 = 100, v += uniform(-1, 1), value = v rounded to 1/scale (v itself keeps walking unrounded). */
    static double[] randomWalk(int n, double scale, long seed) {
        Random r = new Random(seed);
        double v = 100.0;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            v += r.nextDouble() * 2 - 1;
            out[i] = Math.rint(v * scale) / scale;
        }
        return out;
    }

    static double[] constant(int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, 21.5);
        return out;
    }

    static double[] counter(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = i;
        return out;
    }

    static double[] randomDoubles(int n) {
        Random r = new Random(7);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = r.nextDouble() * 1000;
        return out;
    }

    static long[] intCounter(int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = i;
        return out;
    }

    static long[] randomInts(int n) {
        Random r = new Random(8);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = r.nextLong();
        return out;
    }
}
