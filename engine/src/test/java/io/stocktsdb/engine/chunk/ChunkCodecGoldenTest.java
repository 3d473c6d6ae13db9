package io.stocktsdb.engine.chunk;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Freezes the stored bytes of each chunk kind. The bit streams below were derived by hand from
 * the formats in docs/storage-encoding.md; if one of these tests fails, the on-disk format changed:
 * bump {@link ChunkCodec#FORMAT_VERSION} and keep a decoder for the old version.
 */
class ChunkCodecGoldenTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void compressedDoubleChunk() {
        CompressedChunk c = new CompressedChunk(ValueType.DOUBLE, 4096);
        c.append(1000, bits(100.25), null, 100);
        c.append(2000, bits(100.5), null, 100);
        c.append(3000, bits(100.5), null, 50);
        c.append(3500, bits(Double.NaN), null, 100);
        String bitStream = ""
                // 100.25: 110 00010 (e=2) | 10 0001111 (w=15) zz(10025)=20050 | q 0
                // 2000:   1110 01111101000 (dod 1000) | 0 + 15 bits zz(25)=50 | q 0
                // 3000:   0 | 10 0000110 (w=6) 000000 | 1 0110010 (q 50)
                // 3500:   1110 11000001100 (dod -500) | 1110 escape, xor 11 00010 010000 + 17 bits | 1 1100100 (q 100)
                + "c287ce5273e8003220c059760cec487f427900";
        String header = "02" + "00" + "00" + "00001000" + "00000004" + "00000000000003e8" + "0000000000000dac" + "00000092";
        // summary: flags 0 (100.25 is no integer) | first 100.25 | last NaN | min 100.25 | max 100.5
        String summary = "00" + "4059100000000000" + "7ff8000000000000" + "4059100000000000" + "4059200000000000";
        String expected = "02" + header + summary + bitStream;
        assertThat(HEX.formatHex(ChunkCodec.encode(c))).isEqualTo(expected);
        assertThat(c.byteSize()).isEqualTo(CompressedChunk.HEADER_BYTES + 19);
        assertThat(decodesTo(expected)).isEqualTo(decodesTo("01" + header + bitStream)); // version 1: no summary
        CompressedChunk d = (CompressedChunk) ChunkCodec.decode(HEX.parseHex(expected));
        SampleCursor cur = d.cursor(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(cur.next()).isTrue();
        assertThat(cur.timestamp()).isEqualTo(1000);
        assertThat(cur.doubleValue()).isEqualTo(100.25);
        cur.next();
        cur.next();
        assertThat(cur.quality()).isEqualTo(50);
        assertThat(cur.next()).isTrue();
        assertThat(cur.timestamp()).isEqualTo(3500);
        assertThat(cur.valueBits()).isEqualTo(0x7ff8_0000_0000_0000L);
        assertThat(cur.quality()).isEqualTo(100);
        assertThat(cur.next()).isFalse();
    }

    @Test
    void compressedIntChunk() {
        CompressedChunk c = new CompressedChunk(ValueType.INT, 4096);
        c.append(10, 5, null, 100);
        c.append(20, -3, null, 100);
        c.append(35, 1L << 40, null, 0);
        String header = "02" + "01" + "00" + "00001000" + "00000003"
                + "000000000000000a" + "0000000000000023" + "0000005d";
        // summary: flags 1 (integer sums exact; (2^40)^2 is past 2^53) | first 5 | last 2^40 | min -3 | max 2^40
        //          | sum 2^40+2 | sum of |x| 2^40+8 | sum of squares 0 (not exact)
        String summary = "01" + "4014000000000000" + "4270000000000000" + "c008000000000000" + "4270000000000000"
                + "0000010000000002" + "0000010000000008" + "0000000000000000";
        String bitStream = ""
                // 5:     10 0000100 (w=4) 1010 | q 0
                // 20:    10 01010 (dod 10) | 0 1111 (zz(-8)) | q 0
                // 35:    10 00101 (dod 5) | 10 0101010 (w=42) + 42 bits zz(2^40+3) | 1 0000000 (q 0)
                + "825253d16550000000003400";
        String expected = "02" + header + summary + bitStream;
        assertThat(HEX.formatHex(ChunkCodec.encode(c))).isEqualTo(expected);
        assertThat(decodesTo(expected)).isEqualTo(decodesTo("01" + header + bitStream)); // version 1: no summary
        Chunk d = ChunkCodec.decode(HEX.parseHex(expected));
        SampleCursor cur = d.reverseCursor(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(cur.next()).isTrue();
        assertThat(cur.valueBits()).isEqualTo(1L << 40);
        assertThat(cur.quality()).isZero();
        assertThat(cur.next()).isTrue();
        assertThat(cur.valueBits()).isEqualTo(-3);
    }

    @Test
    void uncompressedChunk() {
        UncompressedChunk c = new UncompressedChunk(ValueType.DOUBLE, 4096);
        c.append(1, bits(1.5), null, 100);
        c.append(2, bits(-0.0), null, 7);
        String expected = "01" + "01" + "00" + "00001000" + "00000002"
                + "0000000000000001" + "0000000000000002"
                + "3ff8000000000000" + "8000000000000000"
                + "64" + "07";
        assertThat(HEX.formatHex(ChunkCodec.encode(c))).isEqualTo(expected);
        assertThat(ChunkCodec.encode(ChunkCodec.decode(HEX.parseHex(expected)))).isEqualTo(HEX.parseHex(expected));
    }

    @Test
    void blobChunkWithRawValues() {
        BlobChunk c = new BlobChunk(ValueType.STRING, 4096);
        c.append(1000, 0, "a".getBytes(StandardCharsets.UTF_8), 100);
        c.append(2000, 0, "bc".getBytes(StandardCharsets.UTF_8), 90);
        String expected = "01" + "03" + "02" + "00001000" + "00000002"
                + "00000000000003e8" + "00000000000007d0" + "00000018"
                // q 0 | 1110 01111101000 (dod 1000) | 1 1011010 (q 90)
                + "73e8da"
                + "00" + "00000005" + "00000005" + "0161" + "026263";
        assertThat(HEX.formatHex(ChunkCodec.encode(c))).isEqualTo(expected);
        Chunk d = ChunkCodec.decode(HEX.parseHex(expected));
        SampleCursor cur = d.cursor(1500, 2000);
        assertThat(cur.next()).isTrue();
        assertThat(new String(cur.blob(), StandardCharsets.UTF_8)).isEqualTo("bc");
        assertThat(cur.quality()).isEqualTo(90);
        assertThat(cur.next()).isFalse();
    }

    @Test
    void rejectsUnknownVersionKindAndTruncation() {
        assertThatThrownBy(() -> ChunkCodec.decode(HEX.parseHex("0302"))).hasMessageContaining("version 3");
        assertThatThrownBy(() -> ChunkCodec.decode(HEX.parseHex("0201"))).hasMessageContaining("version 2");
        assertThatThrownBy(() -> ChunkCodec.decode(HEX.parseHex("0203"))).hasMessageContaining("version 2");
        assertThatThrownBy(() -> ChunkCodec.decode(HEX.parseHex("0109"))).hasMessageContaining("kind 9");
        assertThatThrownBy(() -> ChunkCodec.decode(HEX.parseHex("0102000000"))).hasMessageContaining("truncated");
        assertThatThrownBy(() -> ChunkCodec.decode(HEX.parseHex("01"))).isInstanceOf(IllegalArgumentException.class);
        byte[] ok = ChunkCodec.encode(new CompressedChunk(ValueType.DOUBLE, 64));
        ok[CompressedChunk.HEADER_BYTES - 1] = 8; // bit length 8 with no bytes behind it
        assertThatThrownBy(() -> ChunkCodec.decode(ok)).hasMessageContaining("corrupt");
    }

    /** A chunk's samples and summary, for comparing a version 1 and a version 2 decoding. */
    private static String decodesTo(String hex) {
        Chunk c = ChunkCodec.decode(HEX.parseHex(hex));
        StringBuilder b = new StringBuilder(String.valueOf(c.summary()));
        SampleCursor cur = c.cursor(Long.MIN_VALUE, Long.MAX_VALUE);
        while (cur.next()) b.append(' ').append(cur.timestamp()).append('=').append(cur.valueBits()).append('/').append(cur.quality());
        return b.toString();
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
