package io.stocktsdb.engine.chunk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaOfDeltaTest {

    private static final long[][] BOUNDARIES = {
        // dod, expected bits
        {0, 1}, {1, 7}, {-1, 7}, {15, 7}, {-16, 7}, {16, 11}, {-17, 11}, {127, 11}, {-128, 11},
        {128, 15}, {-129, 15}, {1023, 15}, {-1024, 15}, {1024, 20}, {-1025, 20}, {16383, 20}, {-16384, 20},
        {16384, 38}, {-16385, 38}, {Integer.MAX_VALUE, 38}, {Integer.MIN_VALUE, 38},
        {Integer.MAX_VALUE + 1L, 70}, {Integer.MIN_VALUE - 1L, 70}, {Long.MAX_VALUE, 70}, {Long.MIN_VALUE, 70},
    };

    @Test
    void everyClassBoundaryRoundTripsWithTheDocumentedBitCount() {
        BitWriter w = new BitWriter(0);
        for (long[] b : BOUNDARIES) {
            int before = w.bitLength();
            DeltaOfDelta.write(w, b[0]);
            assertThat(w.bitLength() - before).as("bits for %d", b[0]).isEqualTo((int) b[1]);
            assertThat(DeltaOfDelta.bits(b[0])).isEqualTo((int) b[1]);
        }
        BitReader r = new BitReader(w.words());
        for (long[] b : BOUNDARIES) assertThat(DeltaOfDelta.read(r)).isEqualTo(b[0]);
        assertThat(r.position()).isEqualTo(w.bitLength());
    }

    @Test
    void prefixesMatchTheRedisTimeSeriesTable() {
        BitWriter w = new BitWriter(0);
        DeltaOfDelta.write(w, -16);   // 10 10000
        DeltaOfDelta.write(w, 5);     // 10 00101
        BitReader r = new BitReader(w.words());
        assertThat(r.read(14)).isEqualTo(0b10_10000_10_00101L);
    }
}
