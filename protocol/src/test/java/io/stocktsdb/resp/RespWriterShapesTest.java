package io.stocktsdb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The shapes whose RESP2 and RESP3 forms differ are decided here, byte for byte. */
class RespWriterShapesTest {
    private static String write(int protocol, Consumer<RespWriter> body) {
        ByteBuf buf = Unpooled.buffer();
        RespWriter w = new RespWriter();
        w.target(buf);
        w.protocol(protocol);
        body.accept(w);
        return buf.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void keyedEntries() {
        Consumer<RespWriter> reply = w -> {
            w.mapOrArrayHeader(2);
            w.entry("k", 1, 2);
            w.integer(1);
            w.integer(2);
            w.pairEntry("name");
            w.bulk("v");
        };
        assertThat(write(2, reply)).isEqualTo("*2\r\n*2\r\n$1\r\nk\r\n:1\r\n:2\r\n*2\r\n$4\r\nname\r\n$1\r\nv\r\n");
        assertThat(write(3, reply)).isEqualTo("%2\r\n$1\r\nk\r\n*2\r\n:1\r\n:2\r\n$4\r\nname\r\n$1\r\nv\r\n");
    }

    @Test
    void sampleValuesAndDoubles() {
        assertThat(write(2, w -> w.sampleValue(0.5))).isEqualTo("+5E-1\r\n");
        assertThat(write(3, w -> w.sampleValue(0.5))).isEqualTo(",0.5\r\n");
        assertThat(write(2, w -> w.doubleValue(1365.3333740234375))).isEqualTo("$18\r\n1365.3333740234375\r\n");
        assertThat(write(3, w -> w.doubleValue(1365.3333740234375))).isEqualTo(",1365.3333740234375\r\n");
    }

    @Test
    void postponedArrayWritesItsLengthFirst() {
        String bytes = write(2, w -> {
            ByteBuf reply = PostponedArray.open(w);
            w.integer(7);
            w.integer(8);
            PostponedArray.close(w, reply, 2);
        });
        assertThat(bytes).isEqualTo("*2\r\n:7\r\n:8\r\n");
    }
}
