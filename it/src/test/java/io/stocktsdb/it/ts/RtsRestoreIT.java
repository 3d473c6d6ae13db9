package io.stocktsdb.it.ts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * RESTORE of payloads made by Redis + RedisTimeSeries' DUMP, over the wire with exact replies.
 * No Redis with RedisTimeSeries runs here: the payloads are (a) published in RedisTimeSeries' own
 * test suite (tests/flow/test_lazy_del.py and test_borken_rdb.py, made by real servers) and (b)
 * built by the independent test-side encoder {@code RtsDumpWriter} of the engine tests
 * (RedisDumpCodecTest#writerOutputIsTheItPayload pins this hex to it).
 */
class RtsRestoreIT {
    /** RtsDumpWriter: "aapl", LABELS sym AAPL venue XNAS, DUPLICATE_POLICY LAST, CHUNK_SIZE 128, two compressed chunks, 8 samples. */
    static final String WRITER_AAPL_V8 = "07814d20c1f9360f100805046161706c0200024080020202810000018bcfe5835804000000000070674002080202020002"
            + "000400000000000000000202050373796d05044141504c050576656e75650504584e41530200020202408002050240bc0281"
            + "406768000000000002810000018bcfe5680002810000018bcfe577a00243e8028140675e66666666660212020005c31b4080"
            + "0487beefd9cc2000038ce99aaa400002966d554000010f00e05e0002408002030240870281406760000000000002810000018b"
            + "cfe57b8802810000018bcfe583580243e7028140677000000000000213020105c31640800497bea93a33200004f3fc739d99"
            + "2000017900e06500000c00878819028e0e8045";
    /** RedisTimeSeries test_lazy_del.py: an empty destination series "ts2{a}" (encoding version 5, RDB 9). */
    static final String REAL_DST_V5 = "07814d20c1f9360f100505067473327b617d02000250000202020004000000000000000002000200020105067473317b617d"
            + "02000200020102500002000200020002000200020002000220022005c3365000010000e0ff00e0ff00e0ff00e0ff00e0ff00"
            + "e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e07b000100000009001e8004e3f02efc24";
    /** RedisTimeSeries test_borken_rdb.py: checksum right, compressed chunk size and buffer disagree. */
    static final String REAL_BAD_SIZE_V8 = "07814d20c1f9360f1008050974735f7265746573740200024040020002"
            + "43e8040000000000004540020102000200020004000000000000000002000200020102500002000200028140450000000000000243e80243e8020002814045000000000000022002200510000102030405060708090a0b0c0d0e0f000c00340ae34086f315e1";

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static String call(RawClient c, byte[]... args) throws Exception {
        return new String(c.callBytes(args), StandardCharsets.ISO_8859_1);
    }

    @Test
    @Covers("restore")
    void aRedisTimeSeriesDumpRestoresWithSamplesLabelsAndOptions() throws Exception {
        String key = TsServer.unique("rts:aapl");
        try (RawClient c = TsServer.raw()) {
            assertThat(call(c, b("RESTORE"), b(key), b("0"), HexFormat.of().parseHex(WRITER_AAPL_V8))).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.RANGE", key, "-", "+")).isEqualTo("*8\r\n"
                    + "*2\r\n:1700000000000\r\n+187.25\r\n" + "*2\r\n:1700000001000\r\n+187.3\r\n"
                    + "*2\r\n:1700000002000\r\n+187.3\r\n" + "*2\r\n:1700000003000\r\n+187.1\r\n"
                    + "*2\r\n:1700000004000\r\n+186.95\r\n" + "*2\r\n:1700000005000\r\n+187\r\n"
                    + "*2\r\n:1700000006001\r\n+187.45\r\n" + "*2\r\n:1700000007000\r\n+187.5\r\n");
            assertThat(c.call("TS.QUERYINDEX", "venue=XNAS", "sym=AAPL")).contains(key);
            String info = c.call("TS.INFO", key);
            assertThat(info).contains("+duplicatePolicy\r\n+last\r\n").contains("+chunkSize\r\n:128\r\n")
                    .contains("+sourceKey\r\n$-1\r\n").contains("+rules\r\n*0\r\n").contains("+totalSamples\r\n:8\r\n");
            assertThat(c.call("TYPE", key)).isEqualTo("+TSDB-TYPE\r\n");
            // busy without REPLACE, as for any key
            assertThat(call(c, b("RESTORE"), b(key), b("0"), HexFormat.of().parseHex(WRITER_AAPL_V8)))
                    .isEqualTo("-BUSYKEY Target key name already exists.\r\n");
        }
    }

    @Test
    @Covers("restore")
    void aRealPayloadOfAnOlderVersionRestoresWithoutItsSourceLink() throws Exception {
        String key = TsServer.unique("rts:dst");
        try (RawClient c = TsServer.raw()) {
            assertThat(call(c, b("RESTORE"), b(key), b("0"), HexFormat.of().parseHex(REAL_DST_V5))).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.RANGE", key, "-", "+")).isEqualTo("*0\r\n");
            assertThat(c.call("TS.INFO", key)).contains("+sourceKey\r\n$-1\r\n").contains("+chunkSize\r\n:4096\r\n");
        }
    }

    @Test
    @Covers("restore")
    void damagedPayloadsGetRedisErrorsAndCreateNothing() throws Exception {
        String key = TsServer.unique("rts:bad");
        try (RawClient c = TsServer.raw()) {
            byte[] bad = HexFormat.of().parseHex(REAL_BAD_SIZE_V8);
            assertThat(call(c, b("RESTORE"), b(key), b("0"), bad)).isEqualTo("-ERR Bad data format\r\n");
            bad[bad.length - 1] ^= 1;
            assertThat(call(c, b("RESTORE"), b(key), b("0"), bad)).isEqualTo("-ERR DUMP payload version or checksum are wrong\r\n");
            byte[] newerRdb = HexFormat.of().parseHex(REAL_DST_V5);
            newerRdb[newerRdb.length - 10] = 13; // RDB version 13: newer than Redis 8.2 writes
            assertThat(call(c, b("RESTORE"), b(key), b("0"), newerRdb)).isEqualTo("-ERR DUMP payload version or checksum are wrong\r\n");
            assertThat(c.call("EXISTS", key)).isEqualTo(":0\r\n");
        }
    }
}
