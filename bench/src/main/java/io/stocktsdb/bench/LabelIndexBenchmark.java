package io.stocktsdb.bench;

import io.stocktsdb.engine.filter.FilterParser;
import io.stocktsdb.engine.index.LabelIndex;
import io.stocktsdb.engine.filter.LabelMatcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Filter queries over two million series: 1000 symbols × 2000 series, 5 exchanges, 100 sectors. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class LabelIndexBenchmark {
    private final LabelIndex index = new LabelIndex();
    private List<LabelMatcher> oneSymbol;
    private List<LabelMatcher> exchangeAndSector;
    private List<LabelMatcher> sectorsExcludingExchange;

    @Setup
    public void setup() {
        for (int id = 0; id < 2_000_000; id++) {
            index.add(id, Map.of(
                    "symbol", "S" + (id % 1000),
                    "exchange", "X" + (id % 5),
                    "sector", "sec" + (id % 100),
                    "field", (id & 1) == 0 ? "bid" : "ask"));
        }
        oneSymbol = FilterParser.parse(List.of("symbol=S42"));
        exchangeAndSector = FilterParser.parse(List.of("exchange=X1", "sector=sec7", "field=bid"));
        sectorsExcludingExchange = FilterParser.parse(List.of("sector=(sec1,sec2,sec3)", "exchange!=X1"));
    }

    @Benchmark
    public int equality() {
        return index.query(oneSymbol, null).getCardinality();
    }

    @Benchmark
    public int threeWayAnd() {
        return index.query(exchangeAndSector, null).getCardinality();
    }

    @Benchmark
    public int listAndExclusion() {
        return index.query(sectorsExcludingExchange, null).getCardinality();
    }
}
