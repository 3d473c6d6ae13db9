package io.stocktsdb.engine.chunk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompressedChunkTest {
    private static final int BIG = 1 << 24;

    private static CompressedChunk fill(CompressedChunk c, Samples s) {
        for (int i = 0; i < s.size(); i++) assertThat(c.append(s.ts[i], s.values[i], null, s.quality[i])).isTrue();
        return c;
    }

    @Test
    void constantSeriesCostsThreeBitsPerSampleAfterTheStart() {
        CompressedChunk c = fill(new CompressedChunk(ValueType.DOUBLE, BIG), Samples.constant(500));
        // 42.5 = 425/10, zz 850: 8 (exponent) + 9 (width 10) + 10 + 1 (quality); then 15 + 11 + 1;
        // then 1 + 9 (width 0) + 1; then 1 + 1 + 1 each
        assertThat(c.bitLength()).isEqualTo(28 + 27 + 11 + 3 * 497);
    }

    @Test
    void twoDecimalRandomWalkTakesUnderTwelveBitsPerSample() {
        Samples s = Samples.randomWalk2(20_000, 4);
        CompressedChunk dec = fill(new CompressedChunk(ValueType.DOUBLE, BIG), s);
        CompressedChunk xor = fill(CompressedChunk.gorillaXorOnly(ValueType.DOUBLE, BIG), s);
        assertThat(dec.bitLength()).isLessThan(12 * 20_000);
        assertThat(xor.bitLength()).isGreaterThan(45 * 20_000); // Gorilla XOR on messy decimal mantissas
    }

    @Test
    void isolatedNonDecimalValuesStayInDecimalMode() {
        Samples s = Samples.randomWalk2(5000, 5);
        long[] values = s.values.clone();
        for (int i = 100; i < values.length; i += 500) {
            values[i] = Double.doubleToRawLongBits(Double.NaN);
            values[i + 1] = Double.doubleToRawLongBits(-0.0);
            values[i + 2] = Double.doubleToRawLongBits(Math.PI * 1e-300);
        }
        Samples spiked = new Samples("spiked", s.ts, values, s.quality);
        CompressedChunk plain = fill(new CompressedChunk(ValueType.DOUBLE, BIG), s);
        CompressedChunk c = fill(new CompressedChunk(ValueType.DOUBLE, BIG), spiked);
        assertThat(c.bitLength()).isLessThan(plain.bitLength() + 10 * 3 * 80);
        SampleCursor cur = c.cursor(s.ts[101], s.ts[103]);
        cur.next();
        assertThat(cur.valueBits()).isEqualTo(Double.doubleToRawLongBits(-0.0));
        cur.next();
        assertThat(cur.doubleValue()).isEqualTo(Math.PI * 1e-300);
        cur.next();
        assertThat(cur.valueBits()).isEqualTo(s.values[103]);
    }

    @Test
    void nonDecimalDataSwitchesToXorAndCostsAboutAsMuchAsGorilla() {
        Samples s = Samples.randomDoubles(5000, 6);
        CompressedChunk dec = fill(new CompressedChunk(ValueType.DOUBLE, BIG), s);
        CompressedChunk xor = fill(CompressedChunk.gorillaXorOnly(ValueType.DOUBLE, BIG), s);
        assertThat(dec.bitLength()).isLessThan(xor.bitLength() + 200);
    }

    @Test
    void appendingToADecodedChunkContinuesTheSameStream() {
        Samples s = Samples.irregular(600, 8);
        CompressedChunk whole = new CompressedChunk(ValueType.DOUBLE, BIG);
        CompressedChunk half = new CompressedChunk(ValueType.DOUBLE, BIG);
        for (int i = 0; i < 300; i++) {
            whole.append(s.ts[i], s.values[i], null, s.quality[i]);
            half.append(s.ts[i], s.values[i], null, s.quality[i]);
        }
        Chunk decoded = ChunkCodec.decode(ChunkCodec.encode(half));
        for (int i = 300; i < 600; i++) {
            whole.append(s.ts[i], s.values[i], null, s.quality[i]);
            decoded.append(s.ts[i], s.values[i], null, s.quality[i]);
        }
        assertThat(ChunkCodec.encode(decoded)).isEqualTo(ChunkCodec.encode(whole));
    }

    @Test
    void upsertThatChangesNothingKeepsTheBits() {
        CompressedChunk c = fill(new CompressedChunk(ValueType.DOUBLE, BIG), Samples.randomWalk2(100, 3));
        byte[] before = ChunkCodec.encode(c);
        long ts = Samples.randomWalk2(100, 3).ts[50];
        assertThat(c.upsert(ts, Double.doubleToRawLongBits(1e9), null, 1, DuplicatePolicy.FIRST)).isEqualTo(UpsertResult.UPDATED);
        assertThat(c.upsert(ts, Double.doubleToRawLongBits(1e9), null, 1, DuplicatePolicy.BLOCK)).isEqualTo(UpsertResult.BLOCKED);
        assertThat(c.upsert(ts, Double.doubleToRawLongBits(1e9), null, 1, DuplicatePolicy.MIN)).isEqualTo(UpsertResult.UPDATED);
        assertThat(ChunkCodec.encode(c)).isEqualTo(before);
        assertThat(c.upsert(ts, Double.doubleToRawLongBits(1e9), null, 1, DuplicatePolicy.MAX)).isEqualTo(UpsertResult.UPDATED);
        assertThat(ChunkCodec.encode(c)).isNotEqualTo(before);
    }

    @Test
    void fullChunkIsFilledToWithinOneSampleOfTheBudget() {
        CompressedChunk c = new CompressedChunk(ValueType.DOUBLE, 4096);
        Samples s = Samples.randomWalk2(10_000, 10);
        int i = 0;
        while (c.append(s.ts[i], s.values[i], null, 100)) i++;
        assertThat(c.byteSize()).isBetween(4096 - 12, 4096);
        assertThat(c.count()).isEqualTo(i);
        assertThat(c.lastTimestamp()).isEqualTo(s.ts[i - 1]);
    }

    @Test
    void refusedAppendRestoresTheEncoderSoASmallerSampleStillFits() {
        for (ValueType type : new ValueType[] {ValueType.DOUBLE, ValueType.INT}) {
            CompressedChunk c = new CompressedChunk(type, 200);
            CompressedChunk reference = new CompressedChunk(type, 200);
            long value = type == ValueType.INT ? 77 : Double.doubleToRawLongBits(77.7);
            long t = 0;
            while (c.byteSize() < 196) {
                t += 1000;
                assertThat(c.append(t, value, null, 100)).isTrue();
                reference.append(t, value, null, 100);
            }
            long huge = type == ValueType.INT ? Long.MIN_VALUE : Double.doubleToRawLongBits(Math.PI);
            assertThat(c.append(Long.MAX_VALUE - 5, huge, null, 3)).isFalse();
            assertThat(c.append(t + 1000, value, null, 100)).isTrue();
            reference.append(t + 1000, value, null, 100);
            assertThat(ChunkCodec.encode(c)).isEqualTo(ChunkCodec.encode(reference));
            assertThat(c.lastTimestamp()).isEqualTo(t + 1000);
        }
    }
}
