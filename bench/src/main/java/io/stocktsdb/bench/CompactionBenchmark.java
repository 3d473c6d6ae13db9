package io.stocktsdb.bench;

import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.EngineConfig;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cost of compaction rules on the write path: one in-memory append (Series.add, op-log
 * record included, no commit) on a series with 0, 1 or 3 rules (AVG 1 min, MAX 5 min, TWA 1 h)
 * fed one sample per second, so a bucket closes every 60 samples at most. Run:
 * {@code java -jar bench/target/benchmarks.jar CompactionBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompactionBenchmark {
    @Param({"0", "1", "3"})
    public int rules;

    private Path dir;
    private Engine engine;
    private Series source;
    private long ts;
    private int n;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("compaction-bench");
        engine = Engine.open(EngineConfig.defaults(dir).withCheckpoint(5_000, 256L << 20));
        Key src = Key.of("src");
        source = engine.keyspace().createSeries(src, engine.defaultSeriesOptions(src, ValueType.DOUBLE));
        Aggregator[] aggs = {Aggregator.AVG, Aggregator.MAX, Aggregator.TWA};
        long[] buckets = {60_000, 300_000, 3_600_000};
        for (int i = 0; i < rules; i++) {
            Key d = Key.of("dst" + i);
            engine.keyspace().createSeries(d, engine.defaultSeriesOptions(d, ValueType.DOUBLE));
            engine.compactions().createRule(src, d, aggs[i], buckets[i], 0, false);
        }
        ts = 1_700_000_000_000L;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Object add() {
        ts += 1000;
        if ((++n & 0xFFF) == 0) engine.commitAll(); // keep the op-log buffer bounded
        return source.add(ts, Double.doubleToRawLongBits(100 + (n % 97) * 0.25), null, 100, null);
    }
}
