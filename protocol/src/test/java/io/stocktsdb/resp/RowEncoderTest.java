package io.stocktsdb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Rows built by {@link RowEncoder} are byte for byte what {@link RespWriter}'s own calls write. */
class RowEncoderTest {
    private static final double[] SPECIAL = {0.0, -0.0, 0.5, 1, -1, 10.37, 1e-7, 1e300, -2.2250738585072014E-308,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 9007199254740993.0};
    private static final long[] INTEGERS = {0, 1, 9, 10, 99, 100, 1023, 1024, 1796002200000L, -1, -1796002200000L,
            Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 99_999, 100_000, 100_001, 1_700_000_000_007L, 1_700_000_100_000L,
            -1_700_000_000_007L, 1_000_000_000_000_000_000L};

    @Test
    void rowsMatchTheWritersElementsInBothProtocols() {
        for (int protocol : new int[] {2, 3}) {
            SplittableRandom random = new SplittableRandom(protocol);
            ByteBuf viaRows = Unpooled.buffer();
            ByteBuf viaWriter = Unpooled.buffer();
            RespWriter rowsWriter = writer(viaRows, protocol);
            RespWriter plain = writer(viaWriter, protocol);
            RowEncoder row = rowsWriter.rowEncoder();
            // Many rows with few distinct values (cache hits), random bit patterns (collisions, misses) and edge cases.
            for (int r = 0; r < 20_000; r++) {
                double[] values = new double[4];
                for (int i = 0; i < values.length; i++) {
                    values[i] = switch (random.nextInt(4)) {
                        case 0 -> SPECIAL[random.nextInt(SPECIAL.length)];
                        case 1 -> Math.round(1000 + random.nextInt(500)) / 100.0;
                        case 2 -> random.nextDouble() * 1e6;
                        default -> Double.longBitsToDouble(random.nextLong());
                    };
                }
                // timestamps close together share their leading digits (the encoder keeps those)
                long integer = switch (random.nextInt(3)) {
                    case 0 -> INTEGERS[random.nextInt(INTEGERS.length)];
                    case 1 -> 1_700_000_000_000L + random.nextInt(3_000_000);
                    default -> random.nextLong();
                };
                int header = random.nextInt(2000);
                row.arrayHeader(header);
                plain.arrayHeader(header);
                row.integer(integer);
                plain.integer(integer);
                for (double v : values) {
                    row.sampleValue(v);
                    plain.sampleValue(v);
                }
                row.endRow();
            }
            assertSame(viaRows, viaWriter);
            assertThat(viaRows.readableBytes()).isGreaterThan(20_000 * 20);
        }
    }

    @Test
    void aRowLongerThanItsInitialBufferIsWrittenWhole() {
        ByteBuf viaRows = Unpooled.buffer();
        ByteBuf viaWriter = Unpooled.buffer();
        RowEncoder row = writer(viaRows, 2).rowEncoder();
        RespWriter plain = writer(viaWriter, 2);
        for (int i = 0; i < 100; i++) {
            row.sampleValue(-2.2250738585072014E-308 * (i + 1));
            plain.sampleValue(-2.2250738585072014E-308 * (i + 1));
        }
        row.endRow();
        assertThat(viaRows.toString(StandardCharsets.US_ASCII)).isEqualTo(viaWriter.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void theEncoderFollowsTheConnectionsProtocol() {
        ByteBuf buf = Unpooled.buffer();
        RespWriter w = writer(buf, 2);
        w.rowEncoder().sampleValue(0.5);
        w.rowEncoder().endRow();
        w.protocol(3);
        w.rowEncoder().sampleValue(0.5);
        w.rowEncoder().endRow();
        assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo("+5E-1\r\n,0.5\r\n");
    }

    /** Equal bytes; on a difference, the neighbourhood of the first one (the whole text is megabytes). */
    private static void assertSame(ByteBuf actual, ByteBuf expected) {
        String a = actual.toString(StandardCharsets.US_ASCII);
        String e = expected.toString(StandardCharsets.US_ASCII);
        int i = 0;
        while (i < a.length() && i < e.length() && a.charAt(i) == e.charAt(i)) i++;
        int from = Math.max(0, i - 80);
        assertThat(a.substring(from, Math.min(a.length(), i + 80))).isEqualTo(e.substring(from, Math.min(e.length(), i + 80)));
        assertThat(a.length()).isEqualTo(e.length());
    }

    private static RespWriter writer(ByteBuf buf, int protocol) {
        RespWriter w = new RespWriter();
        w.target(buf);
        w.protocol(protocol);
        return w;
    }
}
