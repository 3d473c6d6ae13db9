package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import org.junit.jupiter.api.Test;

/**
 * RedisTimeSeries 8.2 details, exact bytes: REVRANGE/MREVRANGE aggregate newest sample first (first
 * and last follow that order, EMPTY carries last from the newer bucket), twa of a sample-free range
 * between two samples, avg of values near DBL_MAX.
 */
class TsRtsDetailsIT {
    private static String row(long ts, String value) {
        return "*2\r\n:" + ts + "\r\n+" + value + "\r\n";
    }

    private static String issueSeries(RawClient c, String label) throws Exception {
        String k = TsServer.unique("d:rev");
        c.call("TS.CREATE", k, "LABELS", "set", label);
        for (long[] s : new long[][] {{15, 1}, {17, 4}, {51, 3}, {73, 5}, {75, 3}}) c.call("TS.ADD", k, "" + s[0], "" + s[1]);
        return k;
    }

    @Test
    @Covers({"ts.revrange", "ts.range"})
    void revrangeLastAndFirstFollowTheIterationOrder() throws Exception {
        try (RawClient c = TsServer.raw()) {
            String k = issueSeries(c, TsServer.unique("rev"));
            assertThat(c.call("TS.REVRANGE", k, "0", "100", "ALIGN", "0", "AGGREGATION", "last", "10", "EMPTY")).isEqualTo("*7\r\n"
                    + row(70, "5") + row(60, "5") + row(50, "3") + row(40, "3") + row(30, "3") + row(20, "3") + row(10, "1"));
            assertThat(c.call("TS.REVRANGE", k, "0", "100", "AGGREGATION", "first", "10")).isEqualTo("*3\r\n"
                    + row(70, "3") + row(50, "3") + row(10, "4"));
            assertThat(c.call("TS.REVRANGE", k, "0", "100", "AGGREGATION", "last", "10", "COUNT", "2")).isEqualTo("*2\r\n"
                    + row(70, "5") + row(50, "3"));
            // forward is unchanged
            assertThat(c.call("TS.RANGE", k, "0", "100", "AGGREGATION", "last", "10", "EMPTY")).isEqualTo("*7\r\n"
                    + row(10, "4") + row(20, "4") + row(30, "4") + row(40, "4") + row(50, "3") + row(60, "3") + row(70, "3"));
        }
    }

    @Test
    @Covers("ts.mrevrange")
    void mrevrangeAggregatesNewestFirstToo() throws Exception {
        try (RawClient c = TsServer.raw()) {
            String label = TsServer.unique("mrev");
            String k = issueSeries(c, label);
            assertThat(c.call("TS.MREVRANGE", "0", "100", "AGGREGATION", "last", "10", "EMPTY", "FILTER", "set=" + label))
                    .isEqualTo("*1\r\n*3\r\n$" + k.length() + "\r\n" + k + "\r\n*0\r\n*7\r\n"
                            + row(70, "5") + row(60, "5") + row(50, "3") + row(40, "3") + row(30, "3") + row(20, "3") + row(10, "1"));
        }
    }

    @Test
    @Covers("ts.range")
    void twaBetweenTwoSamplesInterpolatesOnlyWithEmpty() throws Exception {
        try (RawClient c = TsServer.raw()) {
            String k = TsServer.unique("d:twa");
            c.call("TS.ADD", k, "10", "100");
            c.call("TS.ADD", k, "20", "110");
            assertThat(c.call("TS.RANGE", k, "16", "18", "AGGREGATION", "twa", "100", "EMPTY")).isEqualTo("*1\r\n" + row(0, "107"));
            assertThat(c.call("TS.RANGE", k, "16", "18", "AGGREGATION", "twa", "100")).isEqualTo("*0\r\n");
            assertThat(c.call("TS.REVRANGE", k, "16", "18", "AGGREGATION", "twa", "100", "EMPTY")).isEqualTo("*1\r\n" + row(0, "107"));
        }
    }

    @Test
    @Covers("ts.range")
    void avgOfValuesNearTheLargestDoubleStaysFinite() throws Exception {
        try (RawClient c = TsServer.raw()) {
            String k = TsServer.unique("d:avg");
            for (int i = 1; i <= 3; i++) c.call("TS.ADD", k, "" + i, "1.7976931348623157E308");
            assertThat(c.call("TS.RANGE", k, "-", "+", "AGGREGATION", "avg", "10")).isEqualTo("*1\r\n" + row(0, "1.7976931348623157E308"));
            String n = TsServer.unique("d:avgneg");
            for (int i = 1; i <= 2; i++) c.call("TS.ADD", n, "" + i, "-1.7976931348623157E308");
            assertThat(c.call("TS.RANGE", n, "-", "+", "AGGREGATION", "avg", "10")).isEqualTo("*1\r\n" + row(0, "-1.7976931348623157E308"));
        }
    }
}
