package io.stocktsdb.engine;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyDumps;
import io.stocktsdb.engine.keyspace.KeyDumps.RestoreOutcome;
import io.stocktsdb.engine.keyspace.SetMode;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static io.stocktsdb.engine.EngineTestSupport.dump;
import static org.assertj.core.api.Assertions.assertThat;

class KeyDumpsTest {
    @TempDir
    Path dir;
    private Engine e;
    private KeyDumps dumps;

    @BeforeEach
    void open() {
        e = EngineTestSupport.open(dir);
        dumps = e.dumps();
    }

    @AfterEach
    void close() {
        if (e != null) e.close();
    }

    private static Key k(String s) {
        return Key.of(s);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Series series(String key) {
        return e.keyspace().getSeries(k(key));
    }

    /** ts=value/quality for every sample, raw bits for doubles so -0.0 and NaN payloads compare exactly. */
    private static List<String> samples(Series s) {
        List<String> out = new ArrayList<>();
        SampleCursor c = s.range(Long.MIN_VALUE, Long.MAX_VALUE, true);
        while (c.next()) {
            String v = c.blob() != null ? new String(c.blob(), StandardCharsets.UTF_8) : Long.toHexString(c.valueBits());
            out.add(c.timestamp() + "=" + v + "/" + c.quality());
        }
        return out;
    }

    private static String describe(Series s) {
        SeriesOptions o = s.options();
        List<String> rules = new ArrayList<>();
        for (RuleSpec r : o.rules()) rules.add(r.destKey() + ":" + r.aggregatorCode() + ":" + r.bucketDuration() + ":" + r.alignTimestamp());
        return o.valueType() + " " + o.retentionMs() + " " + o.chunkSizeBytes() + " " + o.duplicatePolicy() + " " + o.encoding()
                + " " + o.ignoreMaxTimeDiff() + " " + o.ignoreMaxValDiff() + " " + o.labels() + " " + rules + " " + o.sourceKey();
    }

    private String latest(String dest) {
        Sample s = e.compactions().latest(k(dest));
        return s == null ? null : s.timestamp() + "=" + Double.longBitsToDouble(s.valueBits());
    }

    @Test
    void seriesRoundTripPreservesSamplesQualityAndEveryOption() {
        SeriesOptions o = EngineTestSupport.doubles(e, "a").withRetentionMs(0).withChunkSizeBytes(128)
                .withDuplicatePolicy(DuplicatePolicy.MAX).withEncoding(ChunkEncoding.UNCOMPRESSED).withIgnore(5, 0.25)
                .withLabels(Map.of("sym", "AAPL", "venue", "XNAS"));
        Series a = e.keyspace().createSeries(k("a"), o);
        for (int i = 0; i < 100; i++) a.add(i * 10L, bits(i % 3 == 0 ? -0.0 : i / 4.0), null, i % 101, null);
        a.add(5, bits(Double.NaN), null, 50, null);
        Series ints = e.keyspace().createSeries(k("i"), e.defaultSeriesOptions(k("i"), ValueType.INT));
        ints.add(1, Long.MIN_VALUE, null, 0, null);
        ints.add(2, Long.MAX_VALUE, null, 100, null);
        Series strings = e.keyspace().createSeries(k("s"), e.defaultSeriesOptions(k("s"), ValueType.HASH));
        strings.add(7, 0, b("{\"open\":1}"), 90, null);
        for (String key : List.of("a", "i", "s")) {
            Series before = series(key);
            List<String> samples = samples(before);
            String options = describe(before);
            byte[] payload = dumps.dump(k(key));
            assertThat(dumps.restore(k(key + "2"), payload, -1, false)).isEqualTo(RestoreOutcome.OK);
            assertThat(samples(series(key + "2"))).as(key).isEqualTo(samples);
            assertThat(describe(series(key + "2"))).as(key).isEqualTo(options);
        }
        assertThat(samples(series("a2"))).hasSize(101).contains("5=" + Long.toHexString(bits(Double.NaN)) + "/50", "0=8000000000000000/0");
    }

    @Test
    void stringRoundTripAndTtl() {
        e.keyspace().setString(k("s"), b("hello"), -1, SetMode.ALWAYS, false, false);
        byte[] payload = dumps.dump(k("s"));
        assertThat(dumps.restore(k("t"), payload, System.currentTimeMillis() + 60_000, false)).isEqualTo(RestoreOutcome.OK);
        assertThat(e.keyspace().getString(k("t"))).isEqualTo(b("hello"));
        assertThat(e.keyspace().expireAtMs(k("t"))).isGreaterThan(System.currentTimeMillis());
        assertThat(dumps.restore(k("t"), payload, -1, false)).isEqualTo(RestoreOutcome.BUSY_KEY);
        assertThat(dumps.restore(k("t"), payload, 1, true)).isEqualTo(RestoreOutcome.OK); // expired: only deletes
        assertThat(e.keyspace().exists(k("t"))).isFalse();
        assertThat(dumps.dump(k("missing"))).isNull();
        // a string payload restored over a series replaces it
        e.keyspace().createSeries(k("ser"), EngineTestSupport.doubles(e, "ser"));
        assertThat(dumps.restore(k("ser"), payload, -1, true)).isEqualTo(RestoreOutcome.OK);
        assertThat(e.keyspace().getString(k("ser"))).isEqualTo(b("hello"));
    }

    @Test
    void corruptPayloadsAreRefusedWithoutChangingAnything() {
        Series a = e.keyspace().createSeries(k("a"), EngineTestSupport.doubles(e, "a"));
        a.add(1, bits(1), null, 100, null);
        byte[] payload = dumps.dump(k("a"));
        byte[] flipped = payload.clone();
        flipped[payload.length / 2] ^= 1;
        assertThat(dumps.restore(k("b"), flipped, -1, false)).isEqualTo(RestoreOutcome.BAD_PAYLOAD);
        byte[] version = payload.clone();
        version[0] = 2;
        assertThat(dumps.restore(k("b"), version, -1, false)).isEqualTo(RestoreOutcome.BAD_PAYLOAD);
        assertThat(dumps.restore(k("b"), new byte[] {1, 2, 3}, -1, false)).isEqualTo(RestoreOutcome.BAD_PAYLOAD);
        // intact checksum, unknown type byte
        byte[] unknown = io.stocktsdb.engine.storage.DumpCodec.encodeString(b("x"));
        unknown[1] = 9;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(unknown, 0, unknown.length - 4);
        int v = (int) crc.getValue();
        for (int i = 0; i < 4; i++) unknown[unknown.length - 4 + i] = (byte) (v >>> (24 - 8 * i));
        assertThat(dumps.restore(k("a"), unknown, -1, true)).isEqualTo(RestoreOutcome.BAD_DATA);
        assertThat(dump(series("a"), 0, 10)).containsExactly("1=1.0");
        assertThat(e.keyspace().exists(k("b"))).isFalse();
        long at = System.currentTimeMillis() + 100_000;
        assertThat(dumps.restore(k("a"), payload, at, true)).isEqualTo(RestoreOutcome.OK);
        assertThat(e.keyspace().expireAtMs(k("a"))).isEqualTo(at);
    }

    /** src --SUM 10--> dst, fed so that dst holds [0]=3, [10]=7 and the open bucket 20 holds 5. */
    private void linked() {
        Series src = e.keyspace().createSeries(k("src"), EngineTestSupport.doubles(e, "src"));
        e.keyspace().createSeries(k("dst"), EngineTestSupport.doubles(e, "dst"));
        e.compactions().createRule(k("src"), k("dst"), Aggregator.SUM, 10, 0, false);
        long[] ts = {1, 5, 12, 15, 22};
        for (int i = 0; i < ts.length; i++) src.add(ts[i], bits(i + 1), null, 100, null);
        assertThat(latest("dst")).isEqualTo("20=5.0");
    }

    @Test
    void restoringADeletedSourceRelinksItsDestinationAndKeepsTheOpenBucket() {
        linked();
        byte[] payload = dumps.dump(k("src"));
        e.keyspace().delete(k("src"));
        assertThat(series("dst").options().sourceKey()).isNull();
        assertThat(dumps.restore(k("src"), payload, -1, false)).isEqualTo(RestoreOutcome.OK);
        assertThat(series("dst").options().sourceKey()).isEqualTo(k("src"));
        assertThat(series("src").options().rules()).extracting(RuleSpec::destKey).containsExactly(k("dst"));
        assertThat(latest("dst")).isEqualTo("20=5.0");
        series("src").add(31, bits(1), null, 100, null);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=3.0", "10=7.0", "20=5.0");
    }

    @Test
    void restoringADeletedDestinationReattachesItsRuleWithTheOpenBucketRebuilt() {
        linked();
        byte[] payload = dumps.dump(k("dst"));
        e.keyspace().delete(k("dst"));
        assertThat(series("src").options().rules()).isEmpty();
        assertThat(dumps.restore(k("dst"), payload, -1, false)).isEqualTo(RestoreOutcome.OK);
        assertThat(series("dst").options().sourceKey()).isEqualTo(k("src"));
        assertThat(series("src").options().rules()).extracting(r -> r.destKey() + "/" + r.bucketDuration())
                .containsExactly("dst/10");
        assertThat(latest("dst")).isEqualTo("20=5.0");
        series("src").add(31, bits(1), null, 100, null);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=3.0", "10=7.0", "20=5.0");
    }

    @Test
    void replaceOverItselfKeepsEveryLink() {
        linked();
        byte[] src = dumps.dump(k("src"));
        byte[] dst = dumps.dump(k("dst"));
        assertThat(dumps.restore(k("src"), src, -1, true)).isEqualTo(RestoreOutcome.OK);
        assertThat(dumps.restore(k("dst"), dst, -1, true)).isEqualTo(RestoreOutcome.OK);
        assertThat(series("dst").options().sourceKey()).isEqualTo(k("src"));
        assertThat(series("src").options().rules()).extracting(RuleSpec::destKey).containsExactly(k("dst"));
        assertThat(latest("dst")).isEqualTo("20=5.0");
    }

    @Test
    void linksThatWouldBeInconsistentAreDropped() {
        linked();
        byte[] dst = dumps.dump(k("dst"));
        // under another name the copy is unlinked (RTS's COPY does the same): its source feeds "dst", not "copy"
        assertThat(dumps.restore(k("copy"), dst, -1, false)).isEqualTo(RestoreOutcome.OK);
        assertThat(series("copy").options().sourceKey()).isNull();
        assertThat(series("src").options().rules()).hasSize(1);
        byte[] src = dumps.dump(k("src"));
        // a second source with a rule into "dst", which already has a source: the rule is dropped
        assertThat(dumps.restore(k("src2"), src, -1, false)).isEqualTo(RestoreOutcome.OK);
        assertThat(series("src2").options().rules()).isEmpty();
        assertThat(series("dst").options().sourceKey()).isEqualTo(k("src"));
        // the source gone, its restored destination cannot link back
        e.keyspace().delete(k("src"));
        assertThat(dumps.restore(k("dst"), dst, -1, true)).isEqualTo(RestoreOutcome.OK);
        assertThat(series("dst").options().sourceKey()).isNull();
    }

    @Test
    void restoresSurviveACrash() {
        linked();
        byte[] src = dumps.dump(k("src"));
        byte[] dst = dumps.dump(k("dst"));
        e.checkpoint();
        e.keyspace().delete(k("dst"));
        assertThat(dumps.restore(k("dst"), dst, -1, false)).isEqualTo(RestoreOutcome.OK);
        assertThat(dumps.restore(k("src"), src, -1, true)).isEqualTo(RestoreOutcome.OK);
        assertThat(dumps.restore(k("other"), src, -1, false)).isEqualTo(RestoreOutcome.OK);
        List<String> srcSamples = samples(series("src"));
        EngineTestSupport.crash(e);
        e = EngineTestSupport.open(dir);
        dumps = e.dumps();
        assertThat(samples(series("src"))).isEqualTo(srcSamples);
        assertThat(samples(series("other"))).isEqualTo(srcSamples);
        assertThat(series("dst").options().sourceKey()).isEqualTo(k("src"));
        assertThat(series("src").options().rules()).extracting(RuleSpec::destKey).containsExactly(k("dst"));
        assertThat(series("other").options().rules()).isEmpty();
        assertThat(latest("dst")).isEqualTo("20=5.0");
        assertThat(dumps.dump(k("dst"))).isEqualTo(dst);
    }
}
