package io.stocktsdb.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReducerTest {

    private static List<SampleSource> members() {
        return List.of(
                ArraySeries.of(1, 1, 2, 2, 4, Double.NaN).range(0, 100),
                ArraySeries.of(2, 10, 3, 3, 4, Double.NaN).range(0, 100),
                ArraySeries.of(2, 100).range(0, 100));
    }

    private static List<String> reduce(Aggregator a) {
        List<String> out = new ArrayList<>();
        new Reducer(a).reduce(members(), (ts, v) -> out.add(ts + ":" + v));
        return out;
    }

    @Test
    void reducesValuesSharingATimestamp() {
        assertThat(reduce(Aggregator.SUM)).containsExactly("1:1.0", "2:112.0", "3:3.0", "4:NaN");
        assertThat(reduce(Aggregator.MAX)).containsExactly("1:1.0", "2:100.0", "3:3.0", "4:NaN");
        assertThat(reduce(Aggregator.MIN)).containsExactly("1:1.0", "2:2.0", "3:3.0", "4:NaN");
        assertThat(reduce(Aggregator.COUNT)).containsExactly("1:1.0", "2:3.0", "3:1.0", "4:NaN");
        assertThat(reduce(Aggregator.AVG)).containsExactly("1:1.0", "2:" + (112.0 / 3), "3:3.0", "4:NaN");
        assertThat(reduce(Aggregator.RANGE)).containsExactly("1:0.0", "2:98.0", "3:0.0", "4:NaN");
        assertThat(reduce(Aggregator.VAR_S).get(0)).isEqualTo("1:0.0");
        double varP = VarianceContext.populationVariance(112, 2 * 2 + 10 * 10 + 100 * 100, 3);
        assertThat(reduce(Aggregator.VAR_P).get(1)).isEqualTo("2:" + varP);
        assertThat(reduce(Aggregator.STD_P).get(1)).isEqualTo("2:" + Math.sqrt(varP));
        assertThat(reduce(Aggregator.STD_S).get(1)).isEqualTo("2:" + Math.sqrt(varP * 3 / 2));
        assertThat(reduce(Aggregator.VAR_S).get(1)).isEqualTo("2:" + varP * 3 / 2);
    }

    @Test
    void nanIsSkippedWhenOtherValuesExist() {
        List<String> out = new ArrayList<>();
        new Reducer(Aggregator.SUM).reduce(List.of(
                ArraySeries.of(5, Double.NaN).range(0, 10), ArraySeries.of(5, 2).range(0, 10)),
                (ts, v) -> out.add(ts + ":" + v));
        assertThat(out).containsExactly("5:2.0");
    }

    @Test
    void parseRejectsNonReducers() {
        assertThat(Reducer.parse("SUM")).isEqualTo(Aggregator.SUM);
        assertThat(Reducer.parse("std.p")).isEqualTo(Aggregator.STD_P);
        for (String bad : new String[] {"first", "LAST", "twa", "median", ""}) {
            assertThatThrownBy(() -> Reducer.parse(bad))
                    .isInstanceOf(TsdbException.class)
                    .hasMessage(TsdbError.INVALID_REDUCER.name());
        }
        assertThatThrownBy(() -> new Reducer(Aggregator.FIRST)).hasMessage(TsdbError.INVALID_REDUCER.name());
    }

    @Test
    void sinkCanStop() {
        List<Long> seen = new ArrayList<>();
        boolean done = new Reducer(Aggregator.SUM).reduce(members(), (ts, v) -> seen.add(ts) && seen.size() < 2);
        assertThat(done).isFalse();
        assertThat(seen).containsExactly(1L, 2L);
    }

    @Test
    void manyMembersMatchBruteForce() {
        Random rnd = new Random(11);
        List<SampleSource> sources = new ArrayList<>();
        TreeMap<Long, Double> expected = new TreeMap<>();
        for (int m = 0; m < 50; m++) {
            int n = rnd.nextInt(200);
            long[] ts = new long[n];
            double[] v = new double[n];
            long t = 0;
            for (int i = 0; i < n; i++) {
                t += 1 + rnd.nextInt(20);
                ts[i] = t;
                v[i] = rnd.nextInt(100);
                expected.merge(t, v[i], Double::sum);
            }
            sources.add(SampleSource.of(ts, v));
        }
        List<String> out = new ArrayList<>();
        new Reducer(Aggregator.SUM).reduce(sources, (ts, v) -> out.add(ts + ":" + v));
        List<String> want = new ArrayList<>();
        expected.forEach((ts, v) -> want.add(ts + ":" + v));
        assertThat(out).isEqualTo(want);
    }
}
