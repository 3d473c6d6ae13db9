package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import org.junit.jupiter.api.Test;

/**
 * TS.MADD remembers, per triple position, the series the previous TS.MADD of the thread named
 * there: whatever happens to the key in between (RENAME, DEL and a new series, a string, expiry,
 * another key at that position) must be seen by the next call, reply for reply.
 */
class TsMaddIT {
    private static final String NOT_TSDB = "-ERR TSDB: the key is not a TSDB key\r\n";

    private static String madd(RawClient c, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "TS.MADD";
        System.arraycopy(args, 0, all, 1, args.length);
        return c.call(all);
    }

    @Test
    @Covers({"ts.madd"})
    void theNextCallSeesRenamesDeletesNewSeriesStringsAndExpiry() throws Exception {
        String a = TsServer.unique("m:a");
        String b = TsServer.unique("m:b");
        String c2 = TsServer.unique("m:c");
        try (RawClient c = TsServer.raw()) {
            assertThat(c.call("TS.CREATE", a)).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.CREATE", b, "DUPLICATE_POLICY", "LAST")).isEqualTo("+OK\r\n");
            assertThat(madd(c, a, "1", "1.5", b, "1", "2.5")).isEqualTo("*2\r\n:1\r\n:1\r\n");

            // RENAME: the old name is gone, the series answers under the new one only
            assertThat(c.call("RENAME", a, c2)).isEqualTo("+OK\r\n");
            assertThat(madd(c, a, "2", "9", b, "2", "3.5")).isEqualTo("*2\r\n" + NOT_TSDB + ":2\r\n");
            assertThat(madd(c, c2, "2", "2.5", b, "3", "4.5")).isEqualTo("*2\r\n:2\r\n:3\r\n");
            assertThat(c.call("TS.RANGE", c2, "-", "+")).isEqualTo("*2\r\n*2\r\n:1\r\n+1.5\r\n*2\r\n:2\r\n+2.5\r\n");
            assertThat(c.call("RENAME", c2, a)).isEqualTo("+OK\r\n");
            assertThat(madd(c, a, "3", "3.5", b, "4", "5.5")).isEqualTo("*2\r\n:3\r\n:4\r\n");

            // DEL and a new series at the same key: only the new one receives
            assertThat(c.call("DEL", b)).isEqualTo(":1\r\n");
            assertThat(c.call("TS.CREATE", b)).isEqualTo("+OK\r\n");
            assertThat(madd(c, a, "4", "4.5", b, "10", "10.5")).isEqualTo("*2\r\n:4\r\n:10\r\n");
            assertThat(c.call("TS.RANGE", b, "-", "+")).isEqualTo("*1\r\n*2\r\n:10\r\n+10.5\r\n");

            // a string at the key
            assertThat(c.call("DEL", b)).isEqualTo(":1\r\n");
            assertThat(c.call("SET", b, "x")).isEqualTo("+OK\r\n");
            assertThat(madd(c, a, "5", "5.5", b, "11", "1")).isEqualTo("*2\r\n:5\r\n" + NOT_TSDB);
            assertThat(c.call("DEL", b)).isEqualTo(":1\r\n");

            // another key at the same position, then the first again
            assertThat(c.call("TS.CREATE", b)).isEqualTo("+OK\r\n");
            assertThat(madd(c, b, "6", "6.5", a, "6", "7.5")).isEqualTo("*2\r\n:6\r\n:6\r\n");
            assertThat(madd(c, a, "7", "7.5", b, "7", "8.5")).isEqualTo("*2\r\n:7\r\n:7\r\n");
            assertThat(c.call("TS.GET", a)).isEqualTo("*2\r\n:7\r\n+7.5\r\n");
            assertThat(c.call("TS.GET", b)).isEqualTo("*2\r\n:7\r\n+8.5\r\n");

            // expiry: a key past its deadline is gone for TS.MADD as for any command
            assertThat(c.call("PEXPIRE", b, "30")).isEqualTo(":1\r\n");
            Thread.sleep(80);
            assertThat(madd(c, a, "8", "8.5", b, "8", "9.5")).isEqualTo("*2\r\n:8\r\n" + NOT_TSDB);
            assertThat(c.call("EXISTS", b)).isEqualTo(":0\r\n");
            assertThat(c.call("TS.RANGE", a, "-", "+", "COUNT", "100")).startsWith("*8\r\n");
        }
    }

    @Test
    @Covers({"ts.madd"})
    void aKeyTwiceInOneCallAndDuplicatePoliciesReplyAsSingleAdds() throws Exception {
        String a = TsServer.unique("m:dup");
        String blocked = TsServer.unique("m:block");
        try (RawClient c = TsServer.raw()) {
            assertThat(c.call("TS.CREATE", a, "DUPLICATE_POLICY", "SUM")).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.CREATE", blocked, "DUPLICATE_POLICY", "BLOCK", "RETENTION", "100")).isEqualTo("+OK\r\n");
            assertThat(madd(c, a, "5", "1", a, "5", "2", blocked, "1000", "1", blocked, "1000", "2", blocked, "10", "3", a, "4", "0.5"))
                    .isEqualTo("*6\r\n:5\r\n:5\r\n:1000\r\n"
                            + "-ERR TSDB: Error at upsert, update is not supported when DUPLICATE_POLICY is set to BLOCK mode\r\n"
                            + "-ERR TSDB: Timestamp is older than retention\r\n:4\r\n");
            assertThat(c.call("TS.RANGE", a, "-", "+")).isEqualTo("*2\r\n*2\r\n:4\r\n+5E-1\r\n*2\r\n:5\r\n+3\r\n");
        }
    }
}
