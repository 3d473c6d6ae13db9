package io.stocktsdb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespDecoderTest {
    private static final String PIPELINE =
            "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nv\r\nal\r\n"
                    + "PING\r\n"
                    + "*0\r\n"
                    + "*1\r\n$4\r\nPING\r\n"
                    + "set \"a b\" 'c\\'d' \"\\x41\\n\"\n"
                    + "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n";

    private static final List<List<String>> EXPECTED = List.of(
            List.of("SET", "key", "v\r\nal"),
            List.of("PING"),
            List.of(),
            List.of("PING"),
            List.of("set", "a b", "c'd", "A\n"),
            List.of("ECHO", ""));

    /** Decodes everything fed so far the way the connection handler does. */
    private static List<List<String>> drain(RespDecoder decoder, ByteBuf cumulation, RespRequest request) {
        List<List<String>> out = new ArrayList<>();
        while (cumulation.isReadable()) {
            int r = decoder.decode(cumulation, request);
            if (r == RespDecoder.NEED_MORE) break;
            assertThat(r).isEqualTo(RespDecoder.COMPLETE);
            List<String> args = new ArrayList<>();
            for (int i = 0; i < request.argc(); i++) args.add(request.string(i));
            out.add(args);
            cumulation.skipBytes(decoder.consumed());
        }
        return out;
    }

    @Test
    void decodesPipelineSplitAtEveryByte() {
        byte[] bytes = PIPELINE.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= bytes.length; split++) {
            RespDecoder decoder = new RespDecoder(512L * 1024 * 1024);
            RespRequest request = new RespRequest();
            ByteBuf cumulation = Unpooled.buffer();
            List<List<String>> got = new ArrayList<>();
            cumulation.writeBytes(bytes, 0, split);
            got.addAll(drain(decoder, cumulation, request));
            // simulate the cumulator copying unread bytes into a fresh buffer between reads
            ByteBuf next = Unpooled.buffer();
            next.writeBytes(cumulation);
            next.writeBytes(bytes, split, bytes.length - split);
            got.addAll(drain(decoder, next, request));
            assertThat(got).as("split at %d", split).isEqualTo(EXPECTED);
        }
    }

    @Test
    void decodesByteByByte() {
        byte[] bytes = PIPELINE.getBytes(StandardCharsets.ISO_8859_1);
        RespDecoder decoder = new RespDecoder(512L * 1024 * 1024);
        RespRequest request = new RespRequest();
        ByteBuf cumulation = Unpooled.buffer();
        List<List<String>> got = new ArrayList<>();
        for (byte b : bytes) {
            cumulation.writeByte(b);
            got.addAll(drain(decoder, cumulation, request));
        }
        assertThat(got).isEqualTo(EXPECTED);
    }

    private static String errorOf(String input, long maxBulk) {
        RespDecoder decoder = new RespDecoder(maxBulk);
        ByteBuf buf = Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1);
        int r = decoder.decode(buf, new RespRequest());
        return r == RespDecoder.ERROR ? decoder.errorMessage() : (r == RespDecoder.NEED_MORE ? "NEED_MORE" : "COMPLETE");
    }

    @Test
    void reportsRedisProtocolErrors() {
        assertThat(errorOf("*abc\r\n", 100)).isEqualTo("Protocol error: invalid multibulk length");
        assertThat(errorOf("*2147483647\r\n", 100)).isEqualTo("Protocol error: invalid multibulk length");
        assertThat(errorOf("*1\r\n+PING\r\n", 100)).isEqualTo("Protocol error: expected '$', got '+'");
        assertThat(errorOf("*1\r\n$-5\r\n", 100)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorOf("*1\r\n$101\r\n", 100)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorOf("*1\r\n$100\r\n", 100)).isEqualTo("NEED_MORE");
        assertThat(errorOf("set \"unbalanced\n", 100)).isEqualTo("Protocol error: unbalanced quotes in request");
        assertThat(errorOf("set \"a\"b\n", 100)).isEqualTo("Protocol error: unbalanced quotes in request");
        assertThat(errorOf("x".repeat(70 * 1024), 100)).isEqualTo("Protocol error: too big inline request");
        assertThat(errorOf("*" + "1".repeat(70 * 1024), 100)).isEqualTo("Protocol error: too big mbulk count string");
        assertThat(errorOf("*1\r\n$" + "1".repeat(70 * 1024), 100)).isEqualTo("Protocol error: too big bulk count string");
    }

    @Test
    void bulkLengthsOfEveryShapeDecodeAsTheGeneralParserDoes() {
        // the one-pass path takes 1-9 digits without a leading zero; the rest goes the general way
        assertThat(errorOf("*1\r\n$0\r\n\r\n", 100)).isEqualTo("COMPLETE");
        assertThat(errorOf("*1\r\n$01\r\nx\r\n", 100)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorOf("*1\r\n$1x\r\nx\r\n", 100)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorOf("*1\r\n$1\rx\r\nx\r\n", 100)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorOf("*1\r\n$999999999\r\n", 1L << 40)).isEqualTo("NEED_MORE");
        assertThat(errorOf("*1\r\n$1000000000\r\n", 1L << 40)).isEqualTo("NEED_MORE");
        assertThat(errorOf("*1\r\n$1000000000\r\n", 999_999_999)).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorOf("*1\r\n$12", 100)).isEqualTo("NEED_MORE");
        assertThat(errorOf("*1\r\n$12\r", 100)).isEqualTo("NEED_MORE");
        RespRequest request = new RespRequest();
        ByteBuf buf = Unpooled.copiedBuffer("*2\r\n$3\r\nabc\r\n$12\r\nabcdefghijkl\r\n", StandardCharsets.US_ASCII);
        assertThat(new RespDecoder(100).decode(buf, request)).isEqualTo(RespDecoder.COMPLETE);
        assertThat(request.string(0)).isEqualTo("abc");
        assertThat(request.string(1)).isEqualTo("abcdefghijkl");
    }

    private static String unauthenticatedErrorOf(String input) {
        RespDecoder decoder = new RespDecoder(512L << 20);
        decoder.setUnauthenticated(true);
        int r = decoder.decode(Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1), new RespRequest());
        return r == RespDecoder.ERROR ? decoder.errorMessage() : (r == RespDecoder.NEED_MORE ? "NEED_MORE" : "COMPLETE");
    }

    @Test
    void limitsRequestsOfUnauthenticatedClientsAsRedis() {
        assertThat(unauthenticatedErrorOf("*11\r\n")).isEqualTo("Protocol error: unauthenticated multibulk length");
        assertThat(unauthenticatedErrorOf("*10\r\n")).isEqualTo("NEED_MORE");
        assertThat(unauthenticatedErrorOf("*1\r\n$16385\r\n")).isEqualTo("Protocol error: unauthenticated bulk length");
        assertThat(unauthenticatedErrorOf("*1\r\n$16384\r\n")).isEqualTo("NEED_MORE");
        assertThat(unauthenticatedErrorOf("*2\r\n$4\r\nAUTH\r\n$3\r\npwd\r\n")).isEqualTo("COMPLETE");
        assertThat(errorOf("*100\r\n", 100)).isEqualTo("NEED_MORE");
    }

    @Test
    void parsesStrictIntegers() {
        RespRequest request = new RespRequest();
        ByteBuf buf = Unpooled.copiedBuffer("*6\r\n$2\r\n12\r\n$3\r\n-12\r\n$2\r\n01\r\n$2\r\n+1\r\n$20\r\n-9223372036854775808\r\n$19\r\n9223372036854775808\r\n",
                StandardCharsets.US_ASCII);
        assertThat(new RespDecoder(100).decode(buf, request)).isEqualTo(RespDecoder.COMPLETE);
        assertThat(request.longValue(0)).isEqualTo(12);
        assertThat(request.longValue(1)).isEqualTo(-12);
        assertThat(request.isLong(2)).isFalse();
        assertThat(request.isLong(3)).isFalse();
        assertThat(request.longValue(4)).isEqualTo(Long.MIN_VALUE);
        assertThat(request.isLong(5)).isFalse();
    }
}
