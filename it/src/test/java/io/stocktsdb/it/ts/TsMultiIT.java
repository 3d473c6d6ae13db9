package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.protocol.ProtocolVersion;
import io.stocktsdb.it.Covers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.timeseries.AggregationType;
import redis.clients.jedis.timeseries.TSCreateParams;
import redis.clients.jedis.timeseries.TSElement;
import redis.clients.jedis.timeseries.TSMGetElement;
import redis.clients.jedis.timeseries.TSMGetParams;
import redis.clients.jedis.timeseries.TSMRangeElements;
import redis.clients.jedis.timeseries.TSMRangeParams;

/**
 * TS.MGET, TS.MRANGE, TS.MREVRANGE, TS.QUERYINDEX. Each test builds its own five series tagged
 * {@code t=<unique>}: a (cpu, h2), b (cpu, h1), c (mem, h1), d (cpu, no host), e (cpu, h1).
 */
class TsMultiIT {

    /** The test's tag; keys are {@code tag:a} .. {@code tag:e}. */
    private static String fixture() {
        String t = TsServer.unique("m");
        try (UnifiedJedis j = TsServer.jedis(RedisProtocol.RESP2)) {
            // created out of order: replies must still be sorted by key
            create(j, t + ":e", t, "cpu", "h1");
            create(j, t + ":b", t, "cpu", "h1");
            create(j, t + ":a", t, "cpu", "h2");
            create(j, t + ":d", t, "cpu", null);
            create(j, t + ":c", t, "mem", "h1");
            j.tsAdd(t + ":a", 1000, 1);
            j.tsAdd(t + ":a", 2000, 2);
            j.tsAdd(t + ":b", 1000, 10);
            j.tsAdd(t + ":b", 3000, 30);
            j.tsAdd(t + ":e", 1000, 100);
            j.tsAdd(t + ":e", 2000, 200);
            j.tsAdd(t + ":c", 1000, 0.5);
        }
        return t;
    }

    private static void create(UnifiedJedis j, String key, String tag, String metric, String host) {
        TSCreateParams p = TSCreateParams.createParams().label("t", tag).label("metric", metric);
        if (host != null) p.label("host", host);
        j.tsCreate(key, p);
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.queryindex"})
    void queryIndexWithEveryFilterForm(RedisProtocol protocol) {
        String t = fixture();
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            assertThat(j.tsQueryIndex("t=" + t)).containsExactly(t + ":a", t + ":b", t + ":c", t + ":d", t + ":e");
            assertThat(j.tsQueryIndex("t=" + t, "metric=cpu")).containsExactly(t + ":a", t + ":b", t + ":d", t + ":e");
            assertThat(j.tsQueryIndex("t=" + t, "host!=")).containsExactly(t + ":a", t + ":b", t + ":c", t + ":e");
            assertThat(j.tsQueryIndex("t=" + t, "host=")).containsExactly(t + ":d");
            assertThat(j.tsQueryIndex("t=" + t, "host!=h1")).containsExactly(t + ":a", t + ":d");
            assertThat(j.tsQueryIndex("t=" + t, "metric=(mem,disk)")).containsExactly(t + ":c");
            assertThat(j.tsQueryIndex("t=" + t, "host!=(h1,h2)")).containsExactly(t + ":d");
            assertThat(j.tsQueryIndex("t=" + t, "metric=()")).isEmpty();
            assertThat(j.tsQueryIndex("t=" + t, "nosuch=x")).isEmpty();
            assertThatThrownBy(() -> j.tsQueryIndex("host!=h1")).hasMessage("ERR TSDB: please provide at least one matcher");
            assertThatThrownBy(() -> j.tsQueryIndex("t" + t)).hasMessage("ERR TSDB: failed parsing labels");
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.mget"})
    void mgetWithLabelsAndSelectedLabels(RedisProtocol protocol) {
        String t = fixture();
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            Map<String, TSMGetElement> plain = j.tsMGet(TSMGetParams.multiGetParams(), "t=" + t, "metric=cpu");
            // Jedis collects RESP2 MGET into a HashMap: the order is pinned by TsWireBytesIT
            assertThat(plain.keySet()).containsExactlyInAnyOrder(t + ":a", t + ":b", t + ":d", t + ":e");
            assertThat(plain.get(t + ":a").getElement()).isEqualTo(new TSElement(2000, 2));
            assertThat(plain.get(t + ":b").getElement()).isEqualTo(new TSElement(3000, 30));
            assertThat(plain.get(t + ":d").getElement()).isNull();
            assertThat(plain.get(t + ":a").getLabels()).isEmpty();

            Map<String, TSMGetElement> all = j.tsMGet(TSMGetParams.multiGetParams().withLabels(), "t=" + t, "host=h2");
            assertThat(all.get(t + ":a").getLabels())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("t", t, "metric", "cpu", "host", "h2"));

            Map<String, TSMGetElement> some = j.tsMGet(TSMGetParams.multiGetParams().selectedLabels("HOST", "nope"), "t=" + t, "metric=mem");
            Map<String, String> labels = some.get(t + ":c").getLabels();
            assertThat(labels).containsEntry("host", "h1").containsKey("nope");
            assertThat(labels.get("nope")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.mrange", "ts.mrevrange"})
    void mrangeAndMrevrange(RedisProtocol protocol) {
        String t = fixture();
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            Map<String, TSMRangeElements> r = j.tsMRange(0, Long.MAX_VALUE, "t=" + t, "metric=cpu");
            assertThat(r.keySet()).containsExactly(t + ":a", t + ":b", t + ":d", t + ":e");
            assertThat(r.get(t + ":a").getElements()).containsExactly(new TSElement(1000, 1), new TSElement(2000, 2));
            assertThat(r.get(t + ":d").getElements()).isEmpty(); // still returned when nothing is in range

            Map<String, TSMRangeElements> rev = j.tsMRevRange(TSMRangeParams.multiRangeParams().withLabels().count(1)
                    .filter("t=" + t, "host=h1"));
            assertThat(rev.keySet()).containsExactly(t + ":b", t + ":c", t + ":e");
            assertThat(rev.get(t + ":b").getElements()).containsExactly(new TSElement(3000, 30));
            assertThat(rev.get(t + ":c").getLabels()).containsEntry("metric", "mem");

            Map<String, TSMRangeElements> agg = j.tsMRange(TSMRangeParams.multiRangeParams(0, 5000)
                    .aggregation(AggregationType.SUM, 5000).filterByValues(1, 100).filter("t=" + t, "metric=cpu"));
            assertThat(agg.get(t + ":a").getElements()).containsExactly(new TSElement(0, 3));
            assertThat(agg.get(t + ":b").getElements()).containsExactly(new TSElement(0, 40));
            assertThat(agg.get(t + ":e").getElements()).containsExactly(new TSElement(0, 100));
            if (protocol == RedisProtocol.RESP3) {
                assertThat(agg.get(t + ":a").getAggregators()).containsExactly(AggregationType.SUM);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.mrange", "ts.mrevrange"})
    void groupByReduce(RedisProtocol protocol) {
        String t = fixture();
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            Map<String, TSMRangeElements> g = j.tsMRange(TSMRangeParams.multiRangeParams().withLabels()
                    .filter("t=" + t, "metric=cpu").groupBy("host", "sum"));
            assertThat(g.keySet()).containsExactly("host=h1", "host=h2"); // d has no host: dropped
            assertThat(g.get("host=h1").getElements())
                    .containsExactly(new TSElement(1000, 110), new TSElement(2000, 200), new TSElement(3000, 30));
            assertThat(g.get("host=h2").getElements()).containsExactly(new TSElement(1000, 1), new TSElement(2000, 2));
            if (protocol == RedisProtocol.RESP3) {
                assertThat(g.get("host=h1").getReducers()).containsExactly("sum");
                assertThat(g.get("host=h1").getSources()).containsExactly(t + ":b", t + ":e");
                assertThat(g.get("host=h1").getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("host", "h1"));
            } else {
                assertThat(g.get("host=h1").getLabels()).containsExactlyInAnyOrderEntriesOf(
                        Map.of("host", "h1", "__reducer__", "sum", "__source__", t + ":b," + t + ":e"));
            }
            Map<String, TSMRangeElements> max = j.tsMRevRange(TSMRangeParams.multiRangeParams().count(2)
                    .filter("t=" + t, "metric=cpu").groupBy("host", "max"));
            assertThat(max.get("host=h1").getElements()).containsExactly(new TSElement(3000, 30), new TSElement(2000, 200));
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    @Covers({"ts.mget", "ts.mrange", "ts.mrevrange", "ts.queryindex"})
    @SuppressWarnings("unchecked")
    void multiSeriesThroughLettuce(ProtocolVersion protocol) {
        String t = fixture();
        try (TsServer.Lettuce l = new TsServer.Lettuce(protocol)) {
            Object qi = l.call("TS.QUERYINDEX", "t=" + t, "metric=mem");
            assertThat((List<Object>) qi).containsExactly(t + ":c");
            Object mget = l.call("TS.MGET", "FILTER", "t=" + t, "host=h2");
            List<Object> keys = new ArrayList<>();
            if (protocol == ProtocolVersion.RESP3) {
                Map<?, ?> m = (Map<?, ?>) mget;
                keys.addAll(m.keySet());
                List<?> entry = (List<?>) m.get(t + ":a");
                assertThat((Map<?, ?>) entry.get(0)).isEmpty();
                assertThat(TsReadIT.numbers(entry.get(1))).containsExactly(2000.0, 2.0);
            } else {
                for (Object e : (List<?>) mget) keys.add(((List<?>) e).get(0));
            }
            assertThat(keys).containsExactly(t + ":a");
            Object mrange = l.call("TS.MRANGE", "-", "+", "AGGREGATION", "min,max", 10_000, "FILTER", "t=" + t, "host=h1");
            if (protocol == ProtocolVersion.RESP3) {
                List<?> b = (List<?>) ((Map<?, ?>) mrange).get(t + ":b");
                assertThat(b.get(1)).isEqualTo(Map.of("aggregators", List.of("min", "max")));
                assertThat(TsReadIT.numbers(((List<?>) b.get(2)).get(0))).containsExactly(0.0, 10.0, 30.0);
            } else {
                List<?> first = (List<?>) ((List<?>) mrange).get(0);
                assertThat(first.get(0)).isEqualTo(t + ":b");
                assertThat(TsReadIT.numbers(((List<?>) first.get(2)).get(0))).containsExactly(0.0, 10.0, 30.0);
            }
            Object mrev = l.call("TS.MREVRANGE", "-", "+", "COUNT", "1", "FILTER", "t=" + t, "host=h2");
            List<?> aSamples = protocol == ProtocolVersion.RESP3
                    ? (List<?>) ((List<?>) ((Map<?, ?>) mrev).get(t + ":a")).get(2)
                    : (List<?>) ((List<?>) ((List<?>) mrev).get(0)).get(2);
            assertThat(aSamples).hasSize(1);
            assertThat(TsReadIT.numbers(aSamples.get(0))).containsExactly(2000.0, 2.0);
        }
    }
}
