package io.stocktsdb.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PeerReplyDecoderTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodesRepliesSplitAnywhereAndPipelined() {
        byte[] wire = ascii("+OK\r\n-TRYAGAIN node n1 does not serve shard 1 now\r\n$5\r\na\r\nbc\r\n$-1\r\n:42\r\n$0\r\n\r\n");
        for (int cut = 1; cut < wire.length; cut++) {
            EmbeddedChannel ch = new EmbeddedChannel(new PeerReplyDecoder());
            ch.writeInbound(Unpooled.wrappedBuffer(wire, 0, cut));
            ch.writeInbound(Unpooled.wrappedBuffer(wire, cut, wire.length - cut));
            PeerReply ok = ch.readInbound();
            assertThat(ok.error()).isFalse();
            assertThat(ok.text()).isEqualTo("OK");
            PeerReply err = ch.readInbound();
            assertThat(err.error()).isTrue();
            assertThat(err.text()).isEqualTo("TRYAGAIN node n1 does not serve shard 1 now");
            PeerReply bulk = ch.readInbound();
            assertThat(bulk.data()).isEqualTo(ascii("a\r\nbc")); // binary-safe: CRLF inside the payload
            assertThat(((PeerReply) ch.readInbound()).data()).isNull();
            assertThat(((PeerReply) ch.readInbound()).text()).isEqualTo("42");
            assertThat(((PeerReply) ch.readInbound()).data()).isEmpty();
            assertThat((Object) ch.readInbound()).isNull();
        }
    }

    @Test
    void refusesShapesTheInternalCommandsNeverAnswer() {
        EmbeddedChannel ch = new EmbeddedChannel(new PeerReplyDecoder());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(ascii("*1\r\n$1\r\na\r\n"))))
                .isInstanceOf(DecoderException.class).hasMessageContaining("unexpected peer reply type '*'");
    }
}
