package io.stocktsdb.bench;

import io.stocktsdb.engine.aggregate.AggregationSpec;
import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.BucketAggregation;
import io.stocktsdb.engine.aggregate.BucketTimestamp;
import io.stocktsdb.engine.aggregate.NeighbourSamples;
import io.stocktsdb.engine.aggregate.SampleSource;
import java.util.List;
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

/** Aggregating one million 1-second samples into one-minute buckets; the score is per sample. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BucketAggregationBenchmark {
    private static final int N = 1_000_000;

    @Param({"avg", "max", "twa", "std.s"})
    public String aggregator;

    private final long[] ts = new long[N];
    private final double[] values = new double[N];
    private BucketAggregation aggregation;
    private double sink;

    @Setup
    public void setup() {
        for (int i = 0; i < N; i++) {
            ts[i] = 1_700_000_000_000L + i * 1000L;
            values[i] = 100 + (i % 977) / 10.0;
        }
        aggregation = new BucketAggregation(new AggregationSpec(
                List.of(Aggregator.parse(aggregator)), 60_000, 0, BucketTimestamp.START, false));
    }

    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(N)
    public double aggregate() {
        sink = 0;
        aggregation.run(SampleSource.of(ts, values), 0, Long.MAX_VALUE, NeighbourSamples.NONE, (t, v) -> {
            sink += v[0];
            return true;
        });
        return sink;
    }
}
