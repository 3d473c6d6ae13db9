package io.stocktsdb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The few-decimals fast path prints exactly what the Schubfach path prints. */
class Resp2DoubleFastPathTest {
    private static String fast(double v) {
        byte[] b = new byte[Resp2DoubleFormatter.MAX_LENGTH];
        return new String(b, 0, Resp2DoubleFormatter.format(v, b, 0, true), StandardCharsets.US_ASCII);
    }

    private static String slow(double v) {
        byte[] b = new byte[Resp2DoubleFormatter.MAX_LENGTH];
        return new String(b, 0, Resp2DoubleFormatter.format(v, b, 0, false), StandardCharsets.US_ASCII);
    }

    @Test
    void matchesSchubfachOnDecimalsAndRandomValues() {
        Random r = new Random(11);
        for (int i = 0; i < 500_000; i++) {
            double v;
            switch (i % 4) {
                case 0: v = Math.round(r.nextDouble() * 1e6) / 100.0; break;            // prices with 2 decimals
                case 1: v = Math.round(r.nextDouble() * 1e9) / Math.pow(10, r.nextInt(7)); break;
                case 2: v = (r.nextDouble() * 2 - 1) * Math.pow(2, r.nextInt(40)); break;  // full precision, many scales
                default: v = Double.longBitsToDouble(r.nextLong()); break;
            }
            assertThat(fast(v)).as("%s", v).isEqualTo(slow(v));
        }
        for (double v : new double[] {1, 1.5, -1.5, 100.5, 984.5, 21001.0000002, 123456789.123, 2147483647.5, 2147483648.5,
                1.000001, 99.99, 0.5, -0.25, 1e16, 9007199254740993.0}) {
            assertThat(fast(v)).as("%s", v).isEqualTo(slow(v));
        }
        assertThat(fast(100.37)).isEqualTo("100.37");
        assertThat(fast(-7.05)).isEqualTo("-7.05");
        assertThat(fast(1.000001)).isEqualTo("1.000001");
    }
}
