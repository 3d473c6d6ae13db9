package io.stocktsdb.engine.chunk;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BitWriterReaderTest {

    @Test
    void randomFieldsOfEveryWidthRoundTripThroughWordsAndBytes() {
        Random r = new Random(7);
        int n = 5000;
        int[] widths = new int[n];
        long[] values = new long[n];
        BitWriter w = new BitWriter(0);
        int total = 0;
        for (int i = 0; i < n; i++) {
            widths[i] = r.nextInt(65);
            long v = r.nextLong();
            values[i] = widths[i] == 64 ? v : v & ((1L << widths[i]) - 1);
            w.write(r.nextBoolean() ? values[i] : values[i] | (widths[i] == 64 ? 0 : -1L << widths[i]), widths[i]); // high garbage is masked
            total += widths[i];
        }
        assertThat(w.bitLength()).isEqualTo(total);

        BitReader fromWords = new BitReader(w.words());
        byte[] bytes = new byte[w.byteLength() + 3];
        w.copyBytes(bytes, 3);
        BitReader fromBytes = new BitReader(BitWriter.wordsFromBytes(bytes, 3, w.byteLength()));
        for (int i = 0; i < n; i++) {
            assertThat(fromWords.read(widths[i])).as("field %d", i).isEqualTo(values[i]);
            assertThat(fromBytes.read(widths[i])).as("field %d", i).isEqualTo(values[i]);
        }
        assertThat(fromWords.position()).isEqualTo(total);
    }

    @Test
    void bitsAreMostSignificantFirstAndPeekSeesAcrossWords() {
        BitWriter w = new BitWriter(0);
        w.writeBit(true);
        w.write(0b0110, 4);
        w.write(0, 59);          // fills word 0 exactly
        w.write(0xABCDL, 16);
        assertThat(w.words()[0]).isEqualTo(0b10110L << 59);
        assertThat(w.words()[1]).isEqualTo(0xABCDL << 48);
        byte[] bytes = new byte[w.byteLength()];
        w.copyBytes(bytes, 0);
        assertThat(bytes).hasSize(10);
        assertThat(bytes[0]).isEqualTo((byte) 0xB0);
        assertThat(bytes[8]).isEqualTo((byte) 0xAB);
        assertThat(bytes[9]).isEqualTo((byte) 0xCD);

        BitReader r = new BitReader(w.words());
        r.skip(60);
        assertThat(r.peek64()).isEqualTo(0xABCDL << 44);
        assertThat(r.read(8)).isEqualTo(0x0AL);
        assertThat(r.readBit()).isTrue();
    }

    @Test
    void truncateClearsTheDroppedBitsSoLaterWritesAreClean() {
        BitWriter w = new BitWriter(0);
        w.write(-1L, 64);
        w.write(-1L, 30);
        w.truncate(10);
        assertThat(w.bitLength()).isEqualTo(10);
        assertThat(w.words()[0]).isEqualTo(0xFFC0_0000_0000_0000L);
        assertThat(w.words()[1]).isZero();
        w.write(0, 60);
        w.write(0b101, 3);
        BitReader r = new BitReader(w.words());
        assertThat(r.read(10)).isEqualTo(0x3FFL);
        assertThat(r.read(60)).isZero();
        assertThat(r.read(3)).isEqualTo(0b101L);
        w.truncate(0);
        assertThat(w.words()[0]).isZero();
        assertThat(w.words()[1]).isZero();
    }
}
