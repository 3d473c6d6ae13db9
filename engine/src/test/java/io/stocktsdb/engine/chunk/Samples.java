package io.stocktsdb.engine.chunk;

import java.util.Random;

/** Generated sample sets for round-trip tests: parallel arrays of timestamps, value bits, quality. */
final class Samples {
    final String name;
    final long[] ts;
    final long[] values;
    final int[] quality;

    Samples(String name, long[] ts, long[] values, int[] quality) {
        this.name = name;
        this.ts = ts;
        this.values = values;
        this.quality = quality;
    }

    int size() { return ts.length; }

    @Override public String toString() { return name; }

    static long[] regular(int n, long start, long step) {
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) ts[i] = start + i * step;
        return ts;
    }

    static int[] allGood(int n) {
        int[] q = new int[n];
        java.util.Arrays.fill(q, 100);
        return q;
    }

    static long[] doubles(double... v) {
        long[] bits = new long[v.length];
        for (int i = 0; i < v.length; i++) bits[i] = Double.doubleToRawLongBits(v[i]);
        return bits;
    }

    /** The generator of bench/scripts/gen_ts.py: v0 = 100, v += uniform(-1, 1), 2 decimals, 1 s. */
    static Samples randomWalk2(int n, long seed) {
        Random r = new Random(seed);
        double v = 100.0;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            v += r.nextDouble() * 2 - 1;
            out[i] = Math.rint(v * 100) / 100;
        }
        return new Samples("random walk 2 decimals", regular(n, 1_700_000_000_000L, 1000), doubles(out), allGood(n));
    }

    static Samples constant(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 42.5);
        return new Samples("constant", regular(n, 1_700_000_000_000L, 1000), doubles(v), allGood(n));
    }

    static Samples counter(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return new Samples("counter", regular(n, 1_700_000_000_000L, 1000), doubles(v), allGood(n));
    }

    static Samples randomDoubles(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble() * 1000;
        return new Samples("random doubles", regular(n, 1_700_000_000_000L, 1000), doubles(v), allGood(n));
    }

    /** Every special double, interleaved with decimals so each escape path is exercised. */
    static Samples specials() {
        double[] v = {
            100.25, Double.NaN, 100.25, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
            4.9e-322, 1e-20, 1e22, 1e300, 0.1 + 0.2, 123456.789, -5.5, Double.NaN, Double.NaN,
            Double.longBitsToDouble(0x7ff8_0000_0000_1234L), // NaN with a payload
            3, 3, 3, 2.5, 1e-5, 7,
        };
        int n = v.length;
        int[] q = new int[n];
        for (int i = 0; i < n; i++) q[i] = i % 3 == 0 ? 100 : i % 101;
        long[] ts = new long[n];
        long t = -5_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            ts[i] = t;
            t += 1 + (i * 7919L) % 100_003;
        }
        return new Samples("special doubles", ts, doubles(v), q);
    }

    static Samples extremeInts() {
        long[] v = {0, Long.MAX_VALUE, Long.MIN_VALUE, -1, 1, Long.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, 5, 6, 7, 8, -9_000_000_000L, 0};
        return new Samples("extreme ints", regular(v.length, 0, 1), v, allGood(v.length));
    }

    static Samples intCounter(int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = 1_000_000L + 3L * i;
        return new Samples("int counter", regular(n, 1_700_000_000_000L, 1000), v, allGood(n));
    }

    /** Timestamps at the int64 extremes, negative, and gaps wider than int64. */
    static Samples extremeTimestamps() {
        long[] ts = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1_000_000_000_000L, -1, 0, 1, 2, 3, 1L << 40,
                     (1L << 40) + 17, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        double[] v = new double[ts.length];
        for (int i = 0; i < v.length; i++) v[i] = i * 1.5;
        return new Samples("extreme timestamps", ts, doubles(v), allGood(ts.length));
    }

    static Samples irregular(int n, long seed) {
        Random r = new Random(seed);
        long[] ts = new long[n];
        double[] v = new double[n];
        int[] q = new int[n];
        long t = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            t += 1 + r.nextInt(r.nextInt(10) == 0 ? 5_000_000 : 1500);
            ts[i] = t;
            v[i] = r.nextInt(4) == 0 ? r.nextGaussian() : Math.rint(r.nextGaussian() * 1000) / 1000;
            q[i] = r.nextInt(8) == 0 ? r.nextInt(101) : 100;
        }
        return new Samples("irregular", ts, doubles(v), q);
    }
}
