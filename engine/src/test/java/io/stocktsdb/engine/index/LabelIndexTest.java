package io.stocktsdb.engine.index;

import io.stocktsdb.engine.filter.FilterParser;
import io.stocktsdb.engine.filter.LabelMatcher;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

class LabelIndexTest {
    private final LabelIndex index = new LabelIndex();

    @BeforeEach
    void fill() {
        index.add(1, Map.of("metric", "cpu", "host", "a", "region", "eu"));
        index.add(2, Map.of("metric", "cpu", "host", "b", "region", "us"));
        index.add(3, Map.of("metric", "cpu", "host", "c"));
        index.add(4, Map.of("metric", "mem", "host", "a", "region", "eu"));
        index.add(5, Map.of("other", "x"));
    }

    private int[] q(String... filters) {
        return index.query(FilterParser.parse(List.of(filters)), null).toArray();
    }

    @Test
    void equality() {
        assertThat(q("metric=cpu")).containsExactly(1, 2, 3);
        assertThat(q("metric=disk")).isEmpty();
        assertThat(q("nolabel=x")).isEmpty();
    }

    @Test
    void inequalityKeepsSeriesWithoutTheLabel() {
        assertThat(q("metric=cpu", "region!=eu")).containsExactly(2, 3);
        assertThat(q("metric=cpu", "region!=nowhere")).containsExactly(1, 2, 3);
    }

    @Test
    void presenceAndAbsence() {
        assertThat(q("metric=cpu", "region!=")).containsExactly(1, 2);
        assertThat(q("metric=cpu", "region=")).containsExactly(3);
        assertThat(q("metric=cpu", "nolabel=")).containsExactly(1, 2, 3);
        assertThat(q("metric=cpu", "nolabel!=")).isEmpty();
    }

    @Test
    void lists() {
        assertThat(q("host=(a,b)")).containsExactly(1, 2, 4);
        assertThat(q("host=(a,zz)")).containsExactly(1, 4);
        assertThat(q("host=()")).isEmpty();
        assertThat(q("metric=cpu", "host!=(a,b)")).containsExactly(3);
        assertThat(q("metric=(cpu,mem)", "region!=(eu)")).containsExactly(2, 3);
        assertThat(q("metric=cpu", "host!=()")).containsExactly(1, 2, 3);
    }

    @Test
    void combinations() {
        assertThat(q("metric=(cpu,mem)", "host=a", "region=eu")).containsExactly(1, 4);
        assertThat(q("host=a", "metric!=cpu", "region!=")).containsExactly(4);
        assertThat(q("region=eu", "other=")).containsExactly(1, 4);
    }

    @Test
    void noInclusionMatchesNothing() {
        // The parser forbids this; the index still answers like RedisTimeSeries.
        assertThat(index.query(List.of(LabelMatcher.notContains("zzz")), null).isEmpty()).isTrue();
    }

    @Test
    void restrictedToAllSeries() {
        RoaringBitmap live = RoaringBitmap.bitmapOf(2, 3, 4);
        assertThat(index.query(FilterParser.parse(List.of("metric=cpu")), live).toArray()).containsExactly(2, 3);
    }

    @Test
    void removeDropsEmptyPostings() {
        index.remove(1, Map.of("metric", "cpu", "host", "a", "region", "eu"));
        index.remove(4, Map.of("metric", "mem", "host", "a", "region", "eu"));
        assertThat(q("metric=cpu")).containsExactly(2, 3);
        assertThat(q("metric=cpu", "region=eu")).isEmpty();
        assertThat(index.valuesOf("region")).containsExactly("us");
        assertThat(index.valuesOf("metric")).containsExactly("cpu");
        index.remove(5, Map.of("other", "x"));
        assertThat(index.labelNames()).containsExactly("host", "metric", "region");
    }

    @Test
    void returnedBitmapsAreCopies() {
        RoaringBitmap r = index.query(FilterParser.parse(List.of("metric=cpu")), null);
        r.add(99);
        assertThat(q("metric=cpu")).containsExactly(1, 2, 3);
        assertThat(index.seriesWithLabel("region").toArray()).containsExactly(1, 2, 4);
    }

    @Test
    void agreesWithScanOnRandomData() {
        LabelIndex big = new LabelIndex();
        Random rnd = new Random(42);
        List<Map<String, String>> all = new ArrayList<>();
        for (int id = 0; id < 5000; id++) {
            Map<String, String> labels = new HashMap<>();
            for (String l : List.of("a", "b", "c")) {
                if (rnd.nextInt(4) != 0) labels.put(l, "v" + rnd.nextInt(5));
            }
            all.add(labels);
            big.add(id, labels);
        }
        List<List<LabelMatcher>> queries = List.of(
                FilterParser.parse(List.of("a=v1")),
                FilterParser.parse(List.of("a=v1", "b!=v2")),
                FilterParser.parse(List.of("a=(v1,v3)", "c=", "b!=")),
                FilterParser.parse(List.of("b=(v0,v4)", "a!=(v1,v2)", "c!=v3")));
        for (List<LabelMatcher> query : queries) {
            RoaringBitmap expected = new RoaringBitmap();
            for (int id = 0; id < all.size(); id++) {
                Map<String, String> labels = all.get(id);
                if (query.stream().allMatch(m -> m.matches(labels))) expected.add(id);
            }
            assertThat(big.query(query, null)).as(query.toString()).isEqualTo(expected);
        }
    }

    @Test
    void concurrentWritersAndReaders() throws Exception {
        LabelIndex shared = new LabelIndex();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 10_000;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        shared.add(base + i, Map.of("k", "v" + (i % 3)));
                        if (i % 100 == 0) shared.query(List.of(LabelMatcher.eq("k", "v0")), null);
                    }
                }));
            }
            for (Future<?> f : futures) f.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.query(List.of(LabelMatcher.contains("k")), null).getCardinality()).isEqualTo(40_000);
        assertThat(shared.query(List.of(LabelMatcher.eq("k", "v0")), null).getCardinality()).isEqualTo(4 * 3334);
    }
}
