package io.stocktsdb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Headers that claim much and deliver little must not make the decoder allocate what they claim. */
class RespDecoderAdversarialTest {
    private static ByteBuf buf(String s) { return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1); }

    @Test
    void aHugeArgumentCountAloneReservesLittle() {
        RespDecoder d = new RespDecoder(512L << 20);
        RespRequest r = new RespRequest();
        assertThat(d.decode(buf("*1048576\r\n$4\r\nPING\r\n"), r)).isEqualTo(RespDecoder.NEED_MORE);
        assertThat(r.capacity()).isEqualTo(RespDecoder.INITIAL_ARGS_CAP);
    }

    @Test
    void argumentsBeyondTheInitialReservationStillDecode() {
        StringBuilder sb = new StringBuilder("*5000\r\n");
        for (int i = 0; i < 5000; i++) sb.append("$1\r\n").append((char) ('a' + i % 26)).append("\r\n");
        RespDecoder d = new RespDecoder(512L << 20);
        RespRequest r = new RespRequest();
        assertThat(d.decode(buf(sb.toString()), r)).isEqualTo(RespDecoder.COMPLETE);
        assertThat(r.argc()).isEqualTo(5000);
        assertThat(r.string(4999)).isEqualTo(String.valueOf((char) ('a' + 4999 % 26)));
    }

    @Test
    void aHundredMegabyteBulkHeaderWaitsWithoutAllocating() {
        RespDecoder d = new RespDecoder(512L << 20);
        RespRequest r = new RespRequest();
        ByteBuf in = buf("*2\r\n$4\r\nECHO\r\n$104857600\r\n");
        assertThat(d.decode(in, r)).isEqualTo(RespDecoder.NEED_MORE);
        assertThat(in.capacity()).isLessThan(64); // nothing grew toward the claimed size
    }

    @Test
    void invalidLengthsAreProtocolErrors() {
        String[][] cases = {
            {"*2147483647\r\n", "Protocol error: invalid multibulk length"},
            {"*1048577\r\n", "Protocol error: invalid multibulk length"},
            {"*1\r\n$-1\r\n", "Protocol error: invalid bulk length"},
            {"*1\r\n$9223372036854775808\r\n", "Protocol error: invalid bulk length"},
            {"*1\r\n$2147483647\r\n", "Protocol error: invalid bulk length"},
            {"*1\r\n*1\r\n$4\r\nPING\r\n", "Protocol error: expected '$', got '*'"},
            {"*x\r\n", "Protocol error: invalid multibulk length"},
        };
        for (String[] c : cases) {
            RespDecoder d = new RespDecoder(512L << 20);
            assertThat(d.decode(buf(c[0]), new RespRequest())).as(c[0]).isEqualTo(RespDecoder.ERROR);
            assertThat(d.errorMessage()).as(c[0]).isEqualTo(c[1]);
        }
    }
}
