package io.stocktsdb.bench;

import io.stocktsdb.resp.RedisDoubleFormatter;
import io.stocktsdb.resp.Resp2DoubleFormatter;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of formatting one sample value for a RESP2 (RTS layout) or RESP3 (Redis d2string) reply. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DoubleFormatterBenchmark {
    /** decimal: prices like 123.45; random: arbitrary bit patterns; integer: counters. */
    @Param({"decimal", "random", "integer"})
    public String kind;

    private final double[] values = new double[1024];
    private final byte[] out = new byte[32];
    private int i;

    @Setup
    public void setup() {
        Random rnd = new Random(1);
        for (int j = 0; j < values.length; j++) {
            values[j] = switch (kind) {
                case "decimal" -> rnd.nextInt(10_000_000) / 100.0;
                case "integer" -> rnd.nextInt(1_000_000);
                default -> {
                    double d;
                    do {
                        d = Double.longBitsToDouble(rnd.nextLong());
                    } while (!Double.isFinite(d));
                    yield d;
                }
            };
        }
    }

    private double next() {
        return values[i++ & 1023];
    }

    @Benchmark
    public int resp2() {
        return Resp2DoubleFormatter.format(next(), out, 0);
    }

    @Benchmark
    public int redis() {
        return RedisDoubleFormatter.format(next(), out, 0);
    }

    @Benchmark
    public String jdkToString() {
        return Double.toString(next());
    }
}
