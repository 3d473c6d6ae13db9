package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Exact reply bytes of the TS.* commands in RESP2 and RESP3 (docs/timeseries.md, "Behaviour: reply shapes" and "Behaviour: range queries and TS.INFO" and "Behaviour: filters and multi-series queries"). */
class TsWireBytesIT {

    private static String bulk(String s) {
        return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
    }

    private static String sample2(long ts, String value) {
        return "*2\r\n:" + ts + "\r\n+" + value + "\r\n";
    }

    private static String sample3(long ts, String value) {
        return "*2\r\n:" + ts + "\r\n," + value + "\r\n";
    }

    @Test
    @Covers({"ts.add", "ts.range"})
    void resp2SampleValuesUseTheDragonboxLayout() throws Exception {
        String k = TsServer.unique("b:values");
        String[][] cases = {
            {"100", "100"}, {"984.5", "984.5"}, {"0.5", "5E-1"}, {"0.25", "2.5E-1"}, {"0.7071", "7.071E-1"},
            {"0.001", "1E-3"}, {"1e16", "1E16"}, {"1e20", "1E20"}, {"21001.0000002", "21001.0000002"},
            {"-0", "-0"}, {"9007199254740992", "9007199254740992"}, {"-2.5", "-2.5"}, {"1.7976931348623157E308", "1.7976931348623157E308"},
        };
        try (RawClient c = TsServer.raw()) {
            StringBuilder want = new StringBuilder("*" + cases.length + "\r\n");
            for (int i = 0; i < cases.length; i++) {
                assertThat(c.call("TS.ADD", k, String.valueOf(i + 1), cases[i][0])).isEqualTo(":" + (i + 1) + "\r\n");
                want.append(sample2(i + 1, cases[i][1]));
            }
            assertThat(c.call("TS.RANGE", k, "-", "+")).isEqualTo(want.toString());
            assertThat(c.call("TS.GET", k)).isEqualTo(sample2(cases.length, "1.7976931348623157E308"));
        }
    }

    @Test
    @Covers({"ts.add", "ts.range", "ts.get"})
    void resp3SampleValuesAreDoubles() throws Exception {
        String k = TsServer.unique("b:values3");
        try (RawClient c = TsServer.raw3()) {
            c.call("TS.ADD", k, "1", "100");
            c.call("TS.ADD", k, "2", "0.5");
            c.call("TS.ADD", k, "3", "984.5");
            assertThat(c.call("TS.RANGE", k, "-", "+")).isEqualTo("*3\r\n" + sample3(1, "100") + sample3(2, "0.5") + sample3(3, "984.5"));
            assertThat(c.call("TS.GET", k)).isEqualTo(sample3(3, "984.5"));
            assertThat(c.call("TS.RANGE", k, "-", "+", "AGGREGATION", "avg", "2", "EMPTY")).isEqualTo("*2\r\n"
                    + sample3(0, "100") + sample3(2, "492.5"));
        }
    }

    @Test
    @Covers({"ts.range", "ts.revrange"})
    void emptyBucketsPrintNaN() throws Exception {
        String k = TsServer.unique("b:nan");
        try (RawClient c2 = TsServer.raw(); RawClient c3 = TsServer.raw3()) {
            c2.call("TS.ADD", k, "10", "1");
            c2.call("TS.ADD", k, "30", "3");
            assertThat(c2.call("TS.RANGE", k, "-", "+", "AGGREGATION", "max", "10", "EMPTY"))
                    .isEqualTo("*3\r\n" + sample2(10, "1") + sample2(20, "NaN") + sample2(30, "3"));
            assertThat(c3.call("TS.REVRANGE", k, "-", "+", "AGGREGATION", "min", "10", "EMPTY"))
                    .isEqualTo("*3\r\n" + sample3(30, "3") + sample3(20, "nan") + sample3(10, "1"));
            assertThat(c2.call("TS.RANGE", k, "-", "+", "AGGREGATION", "min,max,count", "100"))
                    .isEqualTo("*1\r\n*4\r\n:0\r\n+1\r\n+3\r\n+2\r\n");
        }
    }

    @Test
    @Covers({"ts.get", "ts.range"})
    void emptySeriesReplies() throws Exception {
        String k = TsServer.unique("b:empty");
        try (RawClient c = TsServer.raw()) {
            assertThat(c.call("TS.CREATE", k)).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.GET", k)).isEqualTo("*0\r\n");
            assertThat(c.call("TS.RANGE", k, "-", "+")).isEqualTo("*0\r\n");
            assertThat(c.call("TS.RANGE", k, "-", "+", "AGGREGATION", "sum", "10", "EMPTY")).isEqualTo("*0\r\n");
        }
    }

    @Test
    @Covers({"ts.info"})
    void infoResp2AndResp3() throws Exception {
        String k = TsServer.unique("b:info");
        try (RawClient c2 = TsServer.raw(); RawClient c3 = TsServer.raw3()) {
            c2.call("TS.CREATE", k, "RETENTION", "100", "LABELS", "room", "kitchen");
            c2.call("TS.ADD", k, "7", "1.5");
            String info2 = c2.call("TS.INFO", k).replaceFirst("memoryUsage\r\n:\\d+", "memoryUsage\r\n:M");
            assertThat(info2).isEqualTo("*28\r\n"
                    + "+totalSamples\r\n:1\r\n+memoryUsage\r\n:M\r\n+firstTimestamp\r\n:7\r\n+lastTimestamp\r\n:7\r\n"
                    + "+retentionTime\r\n:100\r\n+chunkCount\r\n:1\r\n+chunkSize\r\n:4096\r\n+chunkType\r\n+compressed\r\n"
                    + "+duplicatePolicy\r\n+block\r\n+labels\r\n*1\r\n*2\r\n$4\r\nroom\r\n$7\r\nkitchen\r\n"
                    + "+sourceKey\r\n$-1\r\n+rules\r\n*0\r\n+ignoreMaxTimeDiff\r\n:0\r\n+ignoreMaxValDiff\r\n$1\r\n0\r\n");
            String info3 = c3.call("TS.INFO", k).replaceFirst("memoryUsage\r\n:\\d+", "memoryUsage\r\n:M");
            assertThat(info3).isEqualTo("%14\r\n"
                    + "+totalSamples\r\n:1\r\n+memoryUsage\r\n:M\r\n+firstTimestamp\r\n:7\r\n+lastTimestamp\r\n:7\r\n"
                    + "+retentionTime\r\n:100\r\n+chunkCount\r\n:1\r\n+chunkSize\r\n:4096\r\n+chunkType\r\n+compressed\r\n"
                    + "+duplicatePolicy\r\n+block\r\n+labels\r\n%1\r\n$4\r\nroom\r\n$7\r\nkitchen\r\n"
                    + "+sourceKey\r\n_\r\n+rules\r\n%0\r\n+ignoreMaxTimeDiff\r\n:0\r\n+ignoreMaxValDiff\r\n,0\r\n");
            String debug = c2.call("TS.INFO", k, "DEBUG");
            assertThat(debug).startsWith("*32\r\n").contains("+keySelfName\r\n" + bulk(k) + "+Chunks\r\n*1\r\n*10\r\n"
                    + "+startTimestamp\r\n:7\r\n+endTimestamp\r\n:7\r\n+samples\r\n:1\r\n+size\r\n:");
            assertThat(debug).containsPattern("\\+bytesPerSample\r\n\\$\\d+\r\n[0-9.]+\r\n$");
            // memoryUsage differs between compressed and uncompressed empty series (redis-py test_uncompressed)
            String u = TsServer.unique("b:unc");
            String cmp = TsServer.unique("b:cmp");
            c2.call("TS.CREATE", u, "ENCODING", "UNCOMPRESSED");
            c2.call("TS.CREATE", cmp);
            assertThat(memory(c2.call("TS.INFO", u))).isNotEqualTo(memory(c2.call("TS.INFO", cmp)));
        }
    }

    private static String memory(String info) {
        int at = info.indexOf("memoryUsage\r\n:") + "memoryUsage\r\n:".length();
        return info.substring(at, info.indexOf("\r\n", at));
    }

    @Test
    @Covers({"ts.mget", "ts.queryindex"})
    void mgetAndQueryIndexShapes() throws Exception {
        String t = TsServer.unique("b:mg");
        try (RawClient c2 = TsServer.raw(); RawClient c3 = TsServer.raw3()) {
            c2.call("TS.CREATE", t + ":b", "LABELS", "t", t, "x", "1");
            c2.call("TS.CREATE", t + ":a", "LABELS", "t", t);
            c2.call("TS.ADD", t + ":b", "5", "0.5");
            assertThat(c2.call("TS.MGET", "WITHLABELS", "FILTER", "t=" + t)).isEqualTo("*2\r\n"
                    + "*3\r\n" + bulk(t + ":a") + "*1\r\n*2\r\n$1\r\nt\r\n" + bulk(t) + "*0\r\n"
                    + "*3\r\n" + bulk(t + ":b") + "*2\r\n*2\r\n$1\r\nt\r\n" + bulk(t) + "*2\r\n$1\r\nx\r\n$1\r\n1\r\n"
                    + sample2(5, "5E-1"));
            assertThat(c2.call("TS.MGET", "SELECTED_LABELS", "X", "y", "FILTER", "t=" + t, "x=1")).isEqualTo("*1\r\n"
                    + "*3\r\n" + bulk(t + ":b") + "*2\r\n*2\r\n$1\r\nx\r\n$1\r\n1\r\n*2\r\n$1\r\ny\r\n$-1\r\n" + sample2(5, "5E-1"));
            assertThat(c3.call("TS.MGET", "FILTER", "t=" + t)).isEqualTo("%2\r\n"
                    + bulk(t + ":a") + "*2\r\n%0\r\n*0\r\n"
                    + bulk(t + ":b") + "*2\r\n%0\r\n" + sample3(5, "0.5"));
            assertThat(c3.call("TS.MGET", "SELECTED_LABELS", "x", "FILTER", "t=" + t, "x=1")).isEqualTo("%1\r\n"
                    + bulk(t + ":b") + "*2\r\n%1\r\n$1\r\nx\r\n$1\r\n1\r\n" + sample3(5, "0.5"));
            assertThat(c2.call("TS.QUERYINDEX", "t=" + t)).isEqualTo("*2\r\n" + bulk(t + ":a") + bulk(t + ":b"));
            assertThat(c3.call("TS.QUERYINDEX", "t=" + t)).isEqualTo("~2\r\n" + bulk(t + ":a") + bulk(t + ":b"));
        }
    }

    @Test
    @Covers({"ts.mrange", "ts.mrevrange"})
    void mrangeShapes() throws Exception {
        String t = TsServer.unique("b:mr");
        try (RawClient c2 = TsServer.raw(); RawClient c3 = TsServer.raw3()) {
            c2.call("TS.CREATE", t + ":b", "LABELS", "t", t, "g", "x");
            c2.call("TS.CREATE", t + ":a", "LABELS", "t", t, "g", "x");
            c2.call("TS.ADD", t + ":a", "1", "1");
            c2.call("TS.ADD", t + ":b", "1", "2");
            c2.call("TS.ADD", t + ":b", "2", "4");
            assertThat(c2.call("TS.MRANGE", "-", "+", "FILTER", "t=" + t)).isEqualTo("*2\r\n"
                    + "*3\r\n" + bulk(t + ":a") + "*0\r\n*1\r\n" + sample2(1, "1")
                    + "*3\r\n" + bulk(t + ":b") + "*0\r\n*2\r\n" + sample2(1, "2") + sample2(2, "4"));
            assertThat(c3.call("TS.MREVRANGE", "-", "+", "COUNT", "1", "FILTER", "t=" + t)).isEqualTo("%2\r\n"
                    + bulk(t + ":a") + "*3\r\n%0\r\n%1\r\n" + bulk("aggregators") + "*0\r\n*1\r\n" + sample3(1, "1")
                    + bulk(t + ":b") + "*3\r\n%0\r\n%1\r\n" + bulk("aggregators") + "*0\r\n*1\r\n" + sample3(2, "4"));
            assertThat(c3.call("TS.MRANGE", "-", "+", "AGGREGATION", "SUM", "10", "FILTER", "t=" + t, "g=x")).isEqualTo("%2\r\n"
                    + bulk(t + ":a") + "*3\r\n%0\r\n%1\r\n" + bulk("aggregators") + "*1\r\n" + bulk("sum") + "*1\r\n" + sample3(0, "1")
                    + bulk(t + ":b") + "*3\r\n%0\r\n%1\r\n" + bulk("aggregators") + "*1\r\n" + bulk("sum") + "*1\r\n" + sample3(0, "6"));

            String sources = t + ":a," + t + ":b";
            assertThat(c2.call("TS.MRANGE", "-", "+", "WITHLABELS", "FILTER", "t=" + t, "GROUPBY", "g", "REDUCE", "avg"))
                    .isEqualTo("*1\r\n*3\r\n" + bulk("g=x")
                            + "*3\r\n*2\r\n$1\r\ng\r\n$1\r\nx\r\n*2\r\n" + bulk("__reducer__") + bulk("avg")
                            + "*2\r\n" + bulk("__source__") + bulk(sources)
                            + "*2\r\n" + sample2(1, "1.5") + sample2(2, "4"));
            assertThat(c3.call("TS.MRANGE", "-", "+", "WITHLABELS", "FILTER", "t=" + t, "GROUPBY", "g", "REDUCE", "max"))
                    .isEqualTo("%1\r\n" + bulk("g=x") + "*4\r\n%1\r\n$1\r\ng\r\n$1\r\nx\r\n"
                            + "%1\r\n" + bulk("reducers") + "*1\r\n" + bulk("max")
                            + "%1\r\n" + bulk("sources") + "*2\r\n" + bulk(t + ":a") + bulk(t + ":b")
                            + "*2\r\n" + sample3(1, "2") + sample3(2, "4"));
            assertThat(c2.call("TS.MRANGE", "-", "+", "SELECTED_LABELS", "__reducer__", "g", "FILTER", "t=" + t, "GROUPBY", "g", "REDUCE", "count"))
                    .isEqualTo("*1\r\n*3\r\n" + bulk("g=x") + "*2\r\n*2\r\n" + bulk("__reducer__") + bulk("count")
                            + "*2\r\n$1\r\ng\r\n$1\r\nx\r\n*2\r\n" + sample2(1, "2") + sample2(2, "1"));
        }
    }

    @Test
    @Covers({"ts.create", "ts.add", "ts.incrby"})
    void errorsWithAndWithoutErr() throws Exception {
        String k = TsServer.unique("b:err");
        try (RawClient c = TsServer.raw()) {
            assertThat(c.call("TS.CREATE", k, "RETENTION", "-1")).isEqualTo("-TSDB: Couldn't parse RETENTION\r\n");
            assertThat(c.call("TS.CREATE", k, "RETENTION", "x")).isEqualTo("-ERR TSDB: Couldn't parse RETENTION\r\n");
            assertThat(c.call("TS.ADD", k, "10", "+1")).isEqualTo("-ERR TSDB: invalid value\r\n");
            assertThat(c.call("TS.INCRBY", k, "1", "TIMESTAMP", "100")).isEqualTo(":100\r\n");
            assertThat(c.call("TS.INCRBY", k, "1", "TIMESTAMP", "50"))
                    .isEqualTo("-TSDB: timestamp must be equal to or higher than the maximum existing timestamp\r\n");
            assertThat(c.call("ts.add")).isEqualTo("-ERR wrong number of arguments for 'ts.add' command\r\n");
        }
    }
}
