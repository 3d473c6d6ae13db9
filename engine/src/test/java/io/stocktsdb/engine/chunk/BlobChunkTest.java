package io.stocktsdb.engine.chunk;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BlobChunkTest {

    private static byte[] json(int i) {
        return ("{\"bid\":" + (100 + i % 7) + ".25,\"ask\":" + (100 + i % 7) + ".27,\"venue\":\"XNAS\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void repetitiveValuesAreDeflatedAndRoundTrip() {
        BlobChunk c = new BlobChunk(ValueType.HASH, 4096);
        int n = 0;
        while (c.append(1000L * n, 0, json(n), 100)) n++;
        byte[] bytes = ChunkCodec.encode(c);
        assertThat(c.rawByteSize()).isLessThanOrEqualTo(4096);
        assertThat(bytes.length).isEqualTo(c.byteSize()).isLessThan(c.rawByteSize() / 4);
        int bitLength = java.nio.ByteBuffer.wrap(bytes, BlobChunk.HEADER_BYTES - 4, 4).getInt();
        int codecAt = BlobChunk.HEADER_BYTES + (bitLength + 7) / 8;
        assertThat(bytes[codecAt]).isEqualTo((byte) BlobChunk.CODEC_DEFLATE);
        Chunk d = ChunkCodec.decode(bytes);
        SampleCursor cur = d.cursor(Long.MIN_VALUE, Long.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            assertThat(cur.next()).isTrue();
            assertThat(cur.timestamp()).isEqualTo(1000L * i);
            assertThat(cur.blob()).isEqualTo(json(i));
        }
        assertThat(cur.next()).isFalse();
    }

    @Test
    void emptyAndLargeValuesRoundTrip() {
        BlobChunk c = new BlobChunk(ValueType.STRING, 1 << 20);
        byte[] big = new byte[70_000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        c.append(1, 0, new byte[0], 100);
        c.append(2, 0, big, 3);
        c.append(3, 0, new byte[] {(byte) 0xFF, 0}, 100);
        Chunk d = ChunkCodec.decode(ChunkCodec.encode(c));
        SampleCursor cur = d.reverseCursor(Long.MIN_VALUE, Long.MAX_VALUE);
        cur.next();
        assertThat(cur.blob()).containsExactly((byte) 0xFF, 0);
        cur.next();
        assertThat(cur.blob()).isEqualTo(big);
        assertThat(cur.quality()).isEqualTo(3);
        cur.next();
        assertThat(cur.blob()).isEmpty();
        assertThat(cur.valueBits()).isZero();
    }

    @Test
    void minMaxAndSumMeanLastForBlobs() {
        BlobChunk c = new BlobChunk(ValueType.STRING, 4096);
        c.append(5, 0, "old".getBytes(StandardCharsets.UTF_8), 100);
        for (DuplicatePolicy p : new DuplicatePolicy[] {DuplicatePolicy.MIN, DuplicatePolicy.MAX, DuplicatePolicy.SUM}) {
            byte[] v = p.name().getBytes(StandardCharsets.UTF_8);
            assertThat(c.upsert(5, 0, v, 60, p)).isEqualTo(UpsertResult.UPDATED);
            SampleCursor cur = c.cursor(5, 5);
            cur.next();
            assertThat(cur.blob()).isEqualTo(v);
            assertThat(cur.quality()).isEqualTo(60);
        }
    }

    @Test
    void byteSizeIsCachedUntilTheNextChange() {
        BlobChunk c = new BlobChunk(ValueType.STRING, 4096);
        for (int i = 0; i < 20; i++) c.append(i, 0, json(i), 100);
        int size = c.byteSize();
        assertThat(c.encoded()).isSameAs(c.encoded());
        c.append(100, 0, json(3), 100);
        assertThat(c.byteSize()).isGreaterThan(size);
        assertThat(c.byteSize()).isEqualTo(ChunkCodec.encode(c).length);
    }
}
