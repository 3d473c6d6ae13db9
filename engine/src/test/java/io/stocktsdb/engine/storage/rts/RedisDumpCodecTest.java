package io.stocktsdb.engine.storage.rts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.engine.chunk.ChunkCodec;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.series.SeriesImage;
import io.stocktsdb.engine.storage.DumpCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RESTORE's decoder of Redis + RedisTimeSeries DUMP payloads: payloads published in
 * RedisTimeSeries' own test suite (made by real servers), and payloads built by the independent
 * test-side {@link RtsDumpWriter} for every encoding version, both chunk kinds and every
 * aggregator context.
 */
class RedisDumpCodecTest {
    /**
     * From RedisTimeSeries tests/flow/test_lazy_del.py (test_dump_restore_dst_rule_old_version):
     * DUMP of an empty destination series "ts2{a}" (source "ts1{a}"), module encoding version 5,
     * RDB version 9 (Redis 6), its chunk buffer LZF-compressed.
     */
    static final String REAL_DST_V5 = "07814d20c1f9360f100505067473327b617d02000250000202020004000000000000000002000200020105067473317b617d"
            + "02000200020102500002000200020002000200020002000220022005c3365000010000e0ff00e0ff00e0ff00e0ff00e0ff00"
            + "e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e07b000100000009001e8004e3f02efc24";
    /** Same test: the source "ts1{a}" with an avg rule into "ts2{a}" (bucket 60000), version 5 with the alignment field. */
    static final String REAL_SRC_V5 = "07814d20c1f9360f100505067473317b617d0200025000020202000400000000000000000200020002000200020105067473"
            + "327b617d02800000ea60020002040281ffffffffffffffff0400000000000000000400000000000000000200020102500002"
            + "000200020002000200020002000220022005c3365000010000e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0"
            + "ff00e0ff00e0ff00e0ff00e0ff00e0ff00e0ff00e07b00010000000900f97f9dee4ee5b32f";
    /**
     * From RedisTimeSeries tests/flow/test_borken_rdb.py: a DUMP (version 8, RDB 12) whose
     * compressed chunk claims 4096 bytes but carries 16; RedisTimeSeries answers "Bad data format".
     */
    static final String REAL_BAD_SIZE_V8 = "07814d20c1f9360f1008050974735f7265746573740200024040020002"
            + "43e8040000000000004540020102000200020004000000000000000002000200020102500002000200028140450000000000000243e80243e8020002814045000000000000022002200510000102030405060708090a0b0c0d0e0f000c00340ae34086f315e1";

    private static byte[] hex(String s) { return HexFormat.of().parseHex(s); }

    private static List<String> samples(SeriesImage image) {
        List<String> out = new ArrayList<>();
        for (byte[] c : image.chunks()) {
            SampleCursor cur = ChunkCodec.decode(c).cursor(Long.MIN_VALUE, Long.MAX_VALUE);
            while (cur.next()) out.add(cur.timestamp() + "=" + cur.doubleValue());
        }
        return out;
    }

    private static SeriesImage series(byte[] payload) throws Exception {
        return (SeriesImage) RedisDumpCodec.decode(payload);
    }

    @Test
    void crc64MatchesRedisCheckValue() {
        byte[] nine = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc64.of(nine, 0, 9)).isEqualTo(0xe9c6d914c4b8d9caL);
        assertThat(RtsDumpWriter.crc64(nine)).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void realPayloadsFromRedisTimeSeriesTestsDecodeWithoutTheirLinks() throws Exception {
        assertThat(RedisDumpCodec.isRedisFramed(hex(REAL_DST_V5))).isTrue();
        SeriesImage dst = series(hex(REAL_DST_V5));
        assertThat(dst.options().sourceKey()).isNull();
        assertThat(dst.options().rules()).isEmpty();
        assertThat(dst.options().chunkSizeBytes()).isEqualTo(4096);
        assertThat(dst.options().encoding()).isEqualTo(ChunkEncoding.COMPRESSED);
        assertThat(dst.options().duplicatePolicy()).isNull();
        assertThat(samples(dst)).isEmpty();

        SeriesImage src = series(hex(REAL_SRC_V5));
        assertThat(src.options().rules()).isEmpty();
        assertThat(src.options().sourceKey()).isNull();
        assertThat(samples(src)).isEmpty();
    }

    @Test
    void realPayloadWithAnInconsistentChunkIsBadDataAndAWrongChecksumBadPayload() {
        byte[] p = hex(REAL_BAD_SIZE_V8);
        assertThatThrownBy(() -> RedisDumpCodec.decode(p)).isInstanceOf(DumpCodec.BadDataException.class)
                .hasMessageContaining("compressed chunk of 16 bytes, header says 4096");
        p[p.length - 1] ^= 1;
        assertThatThrownBy(() -> RedisDumpCodec.decode(p)).isInstanceOf(DumpCodec.BadPayloadException.class);
    }

    @Test
    void realPayloadRepairedToItsOneSampleDecodes() throws Exception {
        // chunk size field 4096 (0x02 0x50 0x00) -> 16 (0x02 0x10), count 0 -> 1, checksum recomputed
        String h = REAL_BAD_SIZE_V8.substring(0, REAL_BAD_SIZE_V8.length() - 16);
        h = h.replace("02010250000200020002814045", "020102100201020002814045");
        byte[] body = hex(h);
        long crc = RtsDumpWriter.crc64(body);
        byte[] p = java.util.Arrays.copyOf(body, body.length + 8);
        for (int i = 0; i < 8; i++) p[body.length + i] = (byte) (crc >>> (8 * i));
        assertThat(samples(series(p))).containsExactly("1000=42.0");
    }

    private static RtsDumpWriter walk(int encver, boolean uncompressed, int n, long seed) {
        RtsDumpWriter w = new RtsDumpWriter();
        w.encver = encver;
        w.uncompressed = uncompressed;
        Random r = new Random(seed);
        long ts = 1_700_000_000_000L;
        double v = 100;
        List<double[]> chunk = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            ts += kind == 0 ? 1 : kind == 1 ? 1_000_000_000L * (1 + r.nextInt(5)) : kind == 2 ? 7_000_000_000_000L : 1000 + r.nextInt(40) - 20;
            v = kind == 3 ? v : kind == 4 ? -v * 1e200 : kind == 5 ? Double.MIN_VALUE : Math.round((v + r.nextGaussian()) * 100) / 100.0;
            chunk.add(new double[] {ts, v});
            if (chunk.size() == 97) {
                w.chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) w.chunks.add(chunk);
        return w;
    }

    private static List<String> expected(RtsDumpWriter w) {
        List<String> out = new ArrayList<>();
        for (List<double[]> c : w.chunks) for (double[] s : c) out.add((long) s[0] + "=" + s[1]);
        return out;
    }

    @Test
    void compressedAndUncompressedSeriesOfEveryEncodingVersionKeepTheirSamples() throws Exception {
        for (int encver = 0; encver <= 8; encver++) {
            for (boolean uncompressed : new boolean[] {false, true}) {
                RtsDumpWriter w = walk(encver, uncompressed, 1000, encver * 31L + (uncompressed ? 1 : 0));
                SeriesImage image = series(w.build());
                assertThat(samples(image)).as("encver %d uncompressed %s", encver, uncompressed).isEqualTo(expected(w));
                boolean storedUncompressed = uncompressed || encver == 0;
                assertThat(image.options().encoding()).isEqualTo(storedUncompressed ? ChunkEncoding.UNCOMPRESSED : ChunkEncoding.COMPRESSED);
            }
        }
    }

    @Test
    void optionsLabelsAndIgnoreComeThrough() throws Exception {
        RtsDumpWriter w = walk(8, false, 10, 7);
        w.retention = 86_400_000;
        w.chunkSizeBytes = 256;
        w.duplicatePolicy = 6;
        w.ignoreMaxTimeDiff = 5;
        w.ignoreMaxValDiff = 0.5;
        w.labels.put("sym", "AAPL");
        w.labels.put("12", "1234567"); // integer-encoded strings
        w.labels.put("long", "x".repeat(100)); // LZF
        SeriesImage image = series(w.build());
        assertThat(image.options().retentionMs()).isEqualTo(86_400_000);
        assertThat(image.options().chunkSizeBytes()).isEqualTo(256);
        assertThat(image.options().duplicatePolicy()).isEqualTo(DuplicatePolicy.SUM);
        assertThat(image.options().ignoreMaxTimeDiff()).isEqualTo(5);
        assertThat(image.options().ignoreMaxValDiff()).isEqualTo(0.5);
        assertThat(image.options().labels()).containsExactly(Map.entry("sym", "AAPL"), Map.entry("12", "1234567"),
                Map.entry("long", "x".repeat(100)));
        String[] policies = {null, "BLOCK", "LAST", "FIRST", "MIN", "MAX", "SUM"};
        for (int code = 0; code <= 6; code++) {
            w.duplicatePolicy = code;
            DuplicatePolicy p = series(w.build()).options().duplicatePolicy();
            assertThat(p == null ? null : p.name()).isEqualTo(policies[code]);
        }
    }

    @Test
    void rulesOfEveryAggregatorAreReadPastAndDropped() throws Exception {
        for (int encver = 2; encver <= 8; encver++) {
            RtsDumpWriter w = walk(encver, false, 50, encver);
            w.sourceKey = "origin";
            for (int agg = 1; agg <= 13; agg++) w.rules.add(new RtsDumpWriter.Rule("d" + agg, 60_000, 0, agg, 120_000L, context(agg, encver)));
            SeriesImage image = series(w.build());
            assertThat(image.options().rules()).isEmpty();
            assertThat(image.options().sourceKey()).isNull();
            assertThat(samples(image)).isEqualTo(expected(w));
        }
    }

    /** The values each aggregator's writeContext saves at {@code encver}. */
    private static Object[] context(int agg, int encver) {
        return switch (agg) {
            case 1, 2, 8 -> encver < 6 ? new Object[] {1.0, 2.0, new byte[] {1}} : new Object[] {1.0, 2.0};
            case 3, 5, 7 -> encver >= 3 && encver < 7 ? new Object[] {1.0, 1L} : new Object[] {1.0};
            case 6 -> encver >= 3 ? new Object[] {1.0, 0L} : new Object[] {1.0};
            case 4 -> encver >= 4 ? new Object[] {3.0, 2.0, 0L} : new Object[] {3.0, 2.0};
            case 9, 10, 11, 12 -> new Object[] {1.0, 1.0, 1L};
            default -> new Object[] {1.0, 5L, 2.0, 0L, 60_000L, 0L, 1L, 1L, 2L, 0L};
        };
    }

    @Test
    void redisStringsDecodeInEveryEncoding() throws Exception {
        for (String s : new String[] {"", "hello", "-5", "300", "70000", "12345678901", "y".repeat(300)}) {
            RtsDumpWriter w = new RtsDumpWriter();
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.write(0);
            body.writeBytes(stringBytes(w, s.getBytes(StandardCharsets.UTF_8)));
            body.write(12);
            body.write(0);
            byte[] b = body.toByteArray();
            long crc = RtsDumpWriter.crc64(b);
            byte[] p = java.util.Arrays.copyOf(b, b.length + 8);
            for (int i = 0; i < 8; i++) p[b.length + i] = (byte) (crc >>> (8 * i));
            assertThat(new String((byte[]) RedisDumpCodec.decode(p), StandardCharsets.UTF_8)).isEqualTo(s);
        }
    }

    private static byte[] stringBytes(RtsDumpWriter w, byte[] s) throws Exception {
        java.lang.reflect.Field f = RtsDumpWriter.class.getDeclaredField("out");
        f.setAccessible(true);
        java.io.ByteArrayOutputStream out = (java.io.ByteArrayOutputStream) f.get(w);
        out.reset();
        w.rdbString(s);
        return out.toByteArray();
    }

    @Test
    void refusalsFollowRedis() {
        RtsDumpWriter w = walk(8, false, 5, 1);
        w.rdbVersion = 13; // newer than Redis 8.2 writes
        assertThatThrownBy(() -> RedisDumpCodec.decode(w.build())).isInstanceOf(DumpCodec.BadPayloadException.class);
        w.rdbVersion = 12;
        w.encver = 9; // newer than RedisTimeSeries 8.2 writes
        assertThatThrownBy(() -> RedisDumpCodec.decode(w.build())).isInstanceOf(DumpCodec.BadDataException.class);
        w.encver = 8;
        w.chunkSizeBytes = 100; // RedisTimeSeries refuses sizes that are not a multiple of 8
        assertThatThrownBy(() -> RedisDumpCodec.decode(w.build())).isInstanceOf(DumpCodec.BadDataException.class);
        w.chunkSizeBytes = 4096;
        byte[] good = w.build();
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        assertThatThrownBy(() -> RedisDumpCodec.decode(truncated)).isInstanceOf(DumpCodec.BadPayloadException.class);
        w.chunks.get(0).add(new double[] {1, 1}); // out of order
        assertThatThrownBy(() -> RedisDumpCodec.decode(w.build())).isInstanceOf(DumpCodec.BadDataException.class);
        assertThat(RedisDumpCodec.moduleTypeName(RtsDumpWriter.moduleId("MBbloom--", 3))).isEqualTo("MBbloom--");
    }

    @Test
    void lzfRoundTripsTheTestCompressor() {
        Random r = new Random(3);
        for (int n : new int[] {1, 31, 32, 33, 500, 5000}) {
            byte[] in = new byte[n];
            for (int i = 0; i < n; i++) in[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt() : i % 7);
            byte[] c = RtsDumpWriter.lzfCompress(in);
            assertThat(Lzf.decompress(c, 0, c.length, n)).isEqualTo(in);
        }
    }

    /** The payload RtsRestoreIT sends over the wire, as this encoder writes it. */
    @Test
    void writerOutputIsTheItPayload() throws Exception {
        RtsDumpWriter w = new RtsDumpWriter();
        w.keyName = "aapl";
        w.chunkSizeBytes = 128;
        w.duplicatePolicy = 2;
        w.labels.put("sym", "AAPL");
        w.labels.put("venue", "XNAS");
        List<double[]> first = new ArrayList<>();
        List<double[]> second = new ArrayList<>();
        double[] values = {187.25, 187.3, 187.3, 187.1, 186.95, 187.0, 187.45, 187.5};
        for (int i = 0; i < 8; i++) (i < 5 ? first : second).add(new double[] {1_700_000_000_000L + i * 1000L + (i == 6 ? 1 : 0), values[i]});
        w.chunks.add(first);
        w.chunks.add(second);
        assertThat(HexFormat.of().formatHex(w.build())).isEqualTo("07814d20c1f9360f100805046161706c0200024080020202810000018bcfe5835804000000000070674002080202020002"
                + "000400000000000000000202050373796d05044141504c050576656e75650504584e41530200020202408002050240bc0281"
                + "406768000000000002810000018bcfe5680002810000018bcfe577a00243e8028140675e66666666660212020005c31b4080"
                + "0487beefd9cc2000038ce99aaa400002966d554000010f00e05e0002408002030240870281406760000000000002810000018b"
                + "cfe57b8802810000018bcfe583580243e7028140677000000000000213020105c31640800497bea93a33200004f3fc739d99"
                + "2000017900e06500000c00878819028e0e8045");
        assertThat(samples(series(w.build()))).hasSize(8);
    }
}
