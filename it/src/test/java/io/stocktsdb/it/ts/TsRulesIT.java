package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.protocol.ProtocolVersion;
import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.timeseries.AggregationType;
import redis.clients.jedis.timeseries.TSCreateParams;
import redis.clients.jedis.timeseries.TSElement;
import redis.clients.jedis.timeseries.TSGetParams;
import redis.clients.jedis.timeseries.TSInfo;
import redis.clients.jedis.timeseries.TSMGetElement;
import redis.clients.jedis.timeseries.TSMGetParams;
import redis.clients.jedis.timeseries.TSMRangeElements;
import redis.clients.jedis.timeseries.TSMRangeParams;
import redis.clients.jedis.timeseries.TSRangeParams;

/**
 * TS.CREATERULE / TS.DELETERULE and LATEST (docs/timeseries.md, "Behaviour: compaction rules"). The source gets
 * (1000, 1) .. (6000, 6) under an avg rule of 2000 ms: closed buckets 0 → 1, 2000 → 2.5,
 * 4000 → 4.5; the bucket at 6000 stays open (value 6) until a later sample arrives.
 */
class TsRulesIT {

    private static void fill(UnifiedJedis j, String key) {
        for (int i = 1; i <= 6; i++) j.tsAdd(key, i * 1000L, i);
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.createrule", "ts.get", "ts.range", "ts.revrange", "ts.info"})
    void ruleCompactsAndLatestShowsTheOpenBucket(RedisProtocol protocol) {
        String t = TsServer.unique("rule");
        String src = t + ":src";
        String dst = t + ":avg";
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            j.tsCreate(src);
            j.tsCreate(dst, TSCreateParams.createParams().label("t", t));
            assertThat(j.tsCreateRule(src, dst, AggregationType.AVG, 2000)).isEqualTo("OK");
            fill(j, src);
            assertThat(j.tsRange(dst, 0, Long.MAX_VALUE))
                    .containsExactly(new TSElement(0, 1), new TSElement(2000, 2.5), new TSElement(4000, 4.5));
            assertThat(j.tsGet(dst)).isEqualTo(new TSElement(4000, 4.5));
            assertThat(j.tsGet(dst, TSGetParams.getParams().latest())).isEqualTo(new TSElement(6000, 6));
            assertThat(j.tsRange(dst, TSRangeParams.rangeParams().latest()))
                    .containsExactly(new TSElement(0, 1), new TSElement(2000, 2.5), new TSElement(4000, 4.5), new TSElement(6000, 6));
            assertThat(j.tsRevRange(dst, TSRangeParams.rangeParams().latest().count(2)))
                    .containsExactly(new TSElement(6000, 6), new TSElement(4000, 4.5));
            assertThat(j.tsRange(dst, TSRangeParams.rangeParams(0, 5000).latest())).hasSize(3); // open bucket outside [from, to]
            assertThat(j.tsRange(dst, TSRangeParams.rangeParams().latest().aggregation(AggregationType.SUM, 4000)))
                    .containsExactly(new TSElement(0, 3.5), new TSElement(4000, 10.5));
            // LATEST on a series that is not a compaction destination is ignored
            assertThat(j.tsGet(src, TSGetParams.getParams().latest())).isEqualTo(new TSElement(6000, 6));

            TSInfo srcInfo = j.tsInfo(src);
            TSInfo.Rule rule = srcInfo.getRule(dst);
            assertThat(rule.getBucketDuration()).isEqualTo(2000L);
            assertThat(rule.getAggregator()).isEqualTo(AggregationType.AVG);
            assertThat(rule.getAlignmentTimestamp()).isZero();
            assertThat(j.tsInfo(dst).getProperty("sourceKey")).isEqualTo(src);

            Map<String, TSMGetElement> mget = j.tsMGet(TSMGetParams.multiGetParams().latest(), "t=" + t);
            assertThat(mget.get(dst).getElement()).isEqualTo(new TSElement(6000, 6));
            Map<String, TSMRangeElements> mrange = j.tsMRange(TSMRangeParams.multiRangeParams().latest().filter("t=" + t));
            assertThat(mrange.get(dst).getElements()).hasSize(4).last().isEqualTo(new TSElement(6000, 6));
            Map<String, TSMRangeElements> mrev = j.tsMRevRange(TSMRangeParams.multiRangeParams().latest().count(1).filter("t=" + t));
            assertThat(mrev.get(dst).getElements()).containsExactly(new TSElement(6000, 6));

            j.tsAdd(src, 8000, 8);
            assertThat(j.tsGet(dst)).isEqualTo(new TSElement(6000, 6));
            assertThat(j.tsGet(dst, TSGetParams.getParams().latest())).isEqualTo(new TSElement(8000, 8));
        }
    }

    @ParameterizedTest
    @EnumSource(RedisProtocol.class)
    @Covers({"ts.createrule", "ts.deleterule"})
    void alignmentAndDeleteRule(RedisProtocol protocol) {
        String t = TsServer.unique("rule-align");
        try (UnifiedJedis j = TsServer.jedis(protocol)) {
            j.tsCreate(t + ":src");
            j.tsCreate(t + ":sum");
            assertThat(j.tsCreateRule(t + ":src", t + ":sum", AggregationType.SUM, 2000, 1000)).isEqualTo("OK");
            fill(j, t + ":src");
            // buckets aligned at 1000: [1000, 3000) → 3, [3000, 5000) → 7; [5000, 7000) is open
            assertThat(j.tsRange(t + ":sum", 0, Long.MAX_VALUE)).containsExactly(new TSElement(1000, 3), new TSElement(3000, 7));
            assertThat(j.tsInfo(t + ":src").getRule(t + ":sum").getAlignmentTimestamp()).isEqualTo(1000L);

            assertThat(j.tsDeleteRule(t + ":src", t + ":sum")).isEqualTo("OK");
            assertThat(j.tsInfo(t + ":src").getRules()).isEmpty();
            assertThat(j.tsInfo(t + ":sum").getProperty("sourceKey")).isNull();
            j.tsAdd(t + ":src", 9000, 9);
            assertThat(j.tsRange(t + ":sum", 0, Long.MAX_VALUE)).hasSize(2); // data already in dst stays, nothing new
            assertThatThrownBy(() -> j.tsDeleteRule(t + ":src", t + ":sum")).hasMessage("ERR TSDB: compaction rule does not exist");
        }
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    @Covers({"ts.createrule", "ts.deleterule"})
    void backfillIsOurExtension(ProtocolVersion protocol) {
        String t = TsServer.unique("rule-backfill");
        try (TsServer.Lettuce l = new TsServer.Lettuce(protocol)) {
            for (int i = 1; i <= 6; i++) l.call("TS.ADD", t + ":src", i * 1000, i);
            l.call("TS.CREATE", t + ":max");
            l.call("TS.CREATE", t + ":plain");
            assertThat(l.call("TS.CREATERULE", t + ":src", t + ":max", "AGGREGATION", "max", 2000, "backfill")).isEqualTo("OK");
            assertThat(l.call("TS.CREATERULE", t + ":src", t + ":plain", "AGGREGATION", "max", 2000)).isEqualTo("OK");
            List<?> filled = (List<?>) l.call("TS.RANGE", t + ":max", "-", "+");
            assertThat(filled).hasSize(3);
            assertThat(TsReadIT.numbers(filled.get(2))).containsExactly(4000.0, 5.0);
            assertThat(TsReadIT.numbers(l.call("TS.GET", t + ":max", "LATEST"))).containsExactly(6000.0, 6.0);
            // without BACKFILL, like RedisTimeSeries, a rule starts with the next appended sample
            assertThat((List<?>) l.call("TS.RANGE", t + ":plain", "-", "+")).isEmpty();
            assertThat(l.call("TS.DELETERULE", t + ":src", t + ":plain")).isEqualTo("OK");
        }
    }

    @Test
    @Covers({"ts.createrule", "ts.deleterule", "ts.del"})
    void ruleErrors() throws Exception {
        String t = TsServer.unique("rule-err");
        try (RawClient c = TsServer.raw()) {
            c.call("TS.CREATE", t + ":a");
            c.call("TS.CREATE", t + ":b");
            c.call("TS.CREATE", t + ":c");
            c.call("SET", t + ":s", "v");
            String arity = "-ERR wrong number of arguments for 'ts.createrule' command\r\n";
            assertThat(c.call("TS.CREATERULE", t + ":a", t + ":b", "AGGREGATION", "avg")).isEqualTo(arity);
            assertThat(c.call("TS.CREATERULE", t + ":a", t + ":b", "AGGREGATIONS", "avg", "10")).isEqualTo(arity);
            assertThat(c.call("TS.CREATERULE", t + ":a", t + ":b", "AGGREGATION", "avg", "10", "0", "x")).isEqualTo(arity);
            assertThat(c.call("TS.CREATERULE", t + ":a", t + ":b", "AGGREGATION", "mean", "10"))
                    .isEqualTo("-ERR TSDB: Unknown aggregation type\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":a", t + ":b", "AGGREGATION", "avg", "ten"))
                    .isEqualTo("-ERR TSDB: Couldn't parse AGGREGATION\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":a", t + ":b", "AGGREGATION", "avg", "0"))
                    .isEqualTo("-ERR TSDB: bucketDuration must be greater than zero\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":a", t + ":b", "AGGREGATION", "avg", "10", "-1"))
                    .isEqualTo("-ERR TSDB: Couldn't parse alignTimestamp\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":a", t + ":b", "AGGREGATION", "min,max", "10"))
                    .isEqualTo("-ERR TSDB: CREATERULE requires exactly one aggregation type\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":a", t + ":a", "AGGREGATION", "avg", "10"))
                    .isEqualTo("-ERR TSDB: the source key and destination key should be different\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":x", t + ":b", "AGGREGATION", "avg", "10"))
                    .isEqualTo("-ERR TSDB: the key does not exist\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":a", t + ":x", "AGGREGATION", "avg", "10"))
                    .isEqualTo("-ERR TSDB: the key does not exist\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":s", t + ":b", "AGGREGATION", "avg", "10"))
                    .isEqualTo("-ERR WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":a", t + ":b", "AGGREGATION", "avg", "10")).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":b", t + ":c", "AGGREGATION", "avg", "10"))
                    .isEqualTo("-ERR TSDB: the source key already has a source rule\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":c", t + ":a", "AGGREGATION", "avg", "10"))
                    .isEqualTo("-ERR TSDB: the destination key already has a dst rule\r\n");
            assertThat(c.call("TS.CREATERULE", t + ":c", t + ":b", "AGGREGATION", "avg", "10"))
                    .isEqualTo("-ERR TSDB: the destination key already has a src rule\r\n");
            assertThat(c.call("TS.DELETERULE", t + ":x", t + ":b")).isEqualTo("-ERR TSDB: the key does not exist\r\n");
            assertThat(c.call("TS.DELETERULE", t + ":a", t + ":c")).isEqualTo("-ERR TSDB: compaction rule does not exist\r\n");
            assertThat(c.call("TS.DELETERULE", t + ":a")).isEqualTo("-ERR wrong number of arguments for 'ts.deleterule' command\r\n");
            assertThat(c.call("TS.INFO", t + ":a")).contains("+rules\r\n*1\r\n*4\r\n$" + (t + ":b").length() + "\r\n" + t
                    + ":b\r\n:10\r\n+AVG\r\n:0\r\n");
            // a compaction source with a retention cannot delete before its retention window
            c.call("TS.ALTER", t + ":a", "RETENTION", "100");
            c.call("TS.ADD", t + ":a", "1000", "1");
            assertThat(c.call("TS.DEL", t + ":a", "800", "1000")).isEqualTo("-ERR TSDB: When a series has compactions, "
                    + "deleting samples or compaction buckets beyond the series retention period is not possible\r\n");
            assertThat(c.call("TS.DEL", t + ":a", "950", "1000")).isEqualTo(":1\r\n");
        }
    }
}
