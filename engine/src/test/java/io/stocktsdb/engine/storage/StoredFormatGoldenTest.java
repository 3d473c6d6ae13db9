package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.chunk.ChunkEncoding;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Freezes every byte layout in docs/storage-encoding.md ("Keys and column families"). */
class StoredFormatGoldenTest {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void keys() {
        assertThat(hex(KeyCodec.metadataKey(Key.of("foo")))).isEqualTo("2f96" + "666f6f"); // slot 12182
        assertThat(hex(KeyCodec.chunkKey(12182, 7, 1))).isEqualTo("2f96" + "0000000000000007" + "8000000000000001");
        assertThat(hex(KeyCodec.chunkKey(0, 1, -1))).isEqualTo("0000" + "0000000000000001" + "7fffffffffffffff");
        assertThat(hex(KeyCodec.opLogKey(258))).isEqualTo("0000000000000102");
        assertThat(hex(KeyCodec.engineRecordKey("checkpoint"))).isEqualTo("ff" + hex("checkpoint".getBytes()));
        // Unsigned byte order of chunk keys == signed order of timestamps.
        long[] ts = {Long.MIN_VALUE, -5, -1, 0, 1, 5, Long.MAX_VALUE};
        for (int i = 1; i < ts.length; i++) {
            assertThat(Arrays.compareUnsigned(KeyCodec.chunkKey(3, 9, ts[i - 1]), KeyCodec.chunkKey(3, 9, ts[i]))).isNegative();
            assertThat(KeyCodec.chunkKeyFirstTs(KeyCodec.chunkKey(3, 9, ts[i]))).isEqualTo(ts[i]);
        }
        assertThat(Arrays.compareUnsigned(KeyCodec.chunkKey(3, 9, Long.MAX_VALUE), KeyCodec.seriesPrefixEnd(3, 9))).isNegative();
    }

    @Test
    void addRecordBytes() {
        byte[] expected = HexFormat.of().parseHex("01" + "01" + "00000001" + "6b" + "0000000000000005"
                + "3ff8000000000000" + "ffffffff" + "64" + "05");
        byte[] encoded = OpCodec.encode(new Op.Add(Key.of("k"), 5, Double.doubleToRawLongBits(1.5), null, 100, DuplicatePolicy.SUM));
        assertThat(hex(encoded)).isEqualTo(hex(expected));
        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        OpCodec.writeAdd(direct, Key.of("k"), 5, Double.doubleToRawLongBits(1.5), null, 100, DuplicatePolicy.SUM);
        assertThat(direct.position()).isEqualTo(OpCodec.addSize(Key.of("k"), null)).isEqualTo(expected.length);
        byte[] viaBuffer = new byte[direct.position()];
        direct.flip().get(viaBuffer);
        assertThat(viaBuffer).isEqualTo(expected);
    }

    @Test
    void barRowRecordBytes() {
        Op.BarRow row = new Op.BarRow(5, new long[] {7, 300}, new long[] {Double.doubleToRawLongBits(1.5), 2}, 100, DuplicatePolicy.LAST);
        assertThat(hex(OpCodec.encode(row))).isEqualTo("01" + "0d" + "02" + "0000000000000005" + "64" + "02"
                + "0000000000000007" + "3ff8000000000000" + "000000000000012c" + "0000000000000002");
        Op.BarRow back = (Op.BarRow) OpCodec.decode(OpCodec.encode(row));
        assertThat(back.ts()).isEqualTo(5);
        assertThat(back.seriesIds()).containsExactly(7, 300);
        assertThat(back.valueBits()).containsExactly(Double.doubleToRawLongBits(1.5), 2);
        assertThat(back.quality()).isEqualTo(100);
        assertThat(back.policy()).isEqualTo(DuplicatePolicy.LAST);
    }

    @Test
    void addRunRecordBytes() {
        Op.AddRun run = new Op.AddRun(new long[] {1, 300}, new long[] {5, 3}, new long[] {Double.doubleToRawLongBits(1.5), 7},
                new DuplicatePolicy[] {DuplicatePolicy.SUM, DuplicatePolicy.LAST}, 100);
        // version, code 12, count 2, quality 100; then id 1, zigzag(5)=10, value, SUM; id 300 (ac 02), zigzag(-2)=3, value, LAST
        String expected = "01" + "0c" + "00000002" + "64"
                + "01" + "0a" + "3ff8000000000000" + "05"
                + "ac02" + "03" + "0000000000000007" + "02";
        assertThat(hex(OpCodec.encode(run))).isEqualTo(expected);
        Op.AddRun back = (Op.AddRun) OpCodec.decode(HexFormat.of().parseHex(expected));
        assertThat(back.seriesIds()).containsExactly(1, 300);
        assertThat(back.ts()).containsExactly(5, 3);
        assertThat(back.valueBits()).containsExactly(Double.doubleToRawLongBits(1.5), 7);
        assertThat(back.policies()).containsExactly(DuplicatePolicy.SUM, DuplicatePolicy.LAST);
        assertThat(back.quality()).isEqualTo(100);
        byte[] bytes = HexFormat.of().parseHex(expected);
        assertThat(OpCodec.lastSeq(bytes, 0, bytes.length, 40)).as("two samples: seqs 40 and 41").isEqualTo(41);
        byte[] add = OpCodec.encode(new Op.Add(Key.of("k"), 5, 1, null, 100, DuplicatePolicy.SUM));
        assertThat(OpCodec.lastSeq(add, 0, add.length, 40)).isEqualTo(40);
    }

    @Test
    void everyOpRoundTrips() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("sym", "AAPL");
        labels.put("venue", "X");
        SeriesOptions o = new SeriesOptions(ValueType.INT, 1000, 128, null, ChunkEncoding.UNCOMPRESSED, 5, 0.5, labels,
                List.of(new RuleSpec(Key.of("dst"), 3, 60000, 10, new byte[] {1, 2})), Key.of("src"));
        List<Op> ops = List.of(
                new Op.Add(Key.of("a"), -3, 42, "blob".getBytes(), 50, DuplicatePolicy.LAST),
                new Op.DeleteRange(Key.of("a"), 1, 2),
                new Op.CreateSeries(Key.of("a"), 99, "stock_quotes", o),
                new Op.AlterSeries(Key.of("a"), o.withDuplicatePolicy(DuplicatePolicy.MAX)),
                new Op.DeleteKey(Key.of("a")),
                new Op.Rename(Key.of("a"), Key.of("b")),
                new Op.SetString(Key.of("s"), "v".getBytes(), 12345),
                new Op.SetExpiry(Key.of("s"), 1_700_000_000_000L),
                new Op.SetExpiry(Key.of("s"), -1),
                new Op.FlushAll());
        for (Op op : ops) {
            Op back = OpCodec.decode(OpCodec.encode(op));
            assertThat(OpCodec.encode(back)).as(op.code().name()).isEqualTo(OpCodec.encode(op));
            assertThat(back.code()).isEqualTo(op.code());
        }
        assertThat(hex(OpCodec.encode(ops.get(7)))).isEqualTo("01" + "0a" + "00000001" + "73" + "0000018bcfe56800");
        Op.CreateSeries c = (Op.CreateSeries) OpCodec.decode(OpCodec.encode(ops.get(2)));
        assertThat(c.options().labels()).containsExactly(Map.entry("sym", "AAPL"), Map.entry("venue", "X"));
        assertThat(c.options().duplicatePolicy()).isNull();
        assertThat(c.options().rules().get(0).state()).containsExactly(1, 2);
        assertThat(c.options().sourceKey()).isEqualTo(Key.of("src"));
        assertThat(c.seriesId()).isEqualTo(99);
    }

    @Test
    void metadataAndChunkValueBytes() {
        assertThat(hex(MetadataCodec.encodeString("hi".getBytes(), -1))).isEqualTo("01" + "01" + "ffffffffffffffff" + "6869");
        SeriesOptions o = new SeriesOptions(ValueType.DOUBLE, 0, 4096, DuplicatePolicy.BLOCK, ChunkEncoding.COMPRESSED, 0, 0.0,
                Map.of(), List.of(), null);
        assertThat(hex(MetadataCodec.encodeSeries(2, 9, "default", o, -1))).isEqualTo("01" + "02" + "0000000000000002" + "0000000000000009"
                + "00000007" + hex("default".getBytes()) + "00" + "0000000000000000" + "00001000" + "00" + "00"
                + "0000000000000000" + "0000000000000000" + "00000000" + "ffffffff" + "00000000");
        MetadataCodec.SeriesRecord r = (MetadataCodec.SeriesRecord) MetadataCodec.decode(MetadataCodec.encodeSeries(2, 9, "default", o, -1));
        assertThat(r).isEqualTo(new MetadataCodec.SeriesRecord(2, 9, "default", o, -1));
        // A deadline follows the options as one more i64; records without it read as "none".
        byte[] expiring = MetadataCodec.encodeSeries(2, 9, "default", o, 1_700_000_000_000L);
        assertThat(hex(expiring)).endsWith("00000000" + "0000018bcfe56800");
        assertThat(MetadataCodec.decode(expiring)).isEqualTo(new MetadataCodec.SeriesRecord(2, 9, "default", o, 1_700_000_000_000L));
        byte[] v = ChunkValueCodec.encode(3, -7, new byte[] {9});
        assertThat(hex(v)).isEqualTo("01" + "00000003" + "fffffffffffffff9" + "09");
        assertThat(ChunkValueCodec.count(v)).isEqualTo(3);
        assertThat(ChunkValueCodec.lastTs(v)).isEqualTo(-7);
        assertThat(hex(EngineRecordCodec.encode(10, 4))).isEqualTo("01" + "000000000000000a" + "0000000000000004");
    }
}
