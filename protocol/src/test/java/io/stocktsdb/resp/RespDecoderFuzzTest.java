package io.stocktsdb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for the RESP request decoder (run with -Pfuzz). The input is decoded twice, once
 * whole and once delivered in chunks of a fuzzed size, exactly as the connection handler drives
 * the decoder; both must give the same commands and the same error, and no exception may escape.
 */
class RespDecoderFuzzTest {
    /** Inputs past the inline limit may legitimately decode differently depending on read sizes (as in Redis). */
    private static final int MAX_INPUT = 16 * 1024;

    @FuzzTest(maxDuration = "5m")
    void wholeAndChunkedDecodingAgree(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 64);
        long maxBulk = data.consumeBoolean() ? 1024 : 512L << 20;
        byte[] input = data.consumeRemainingAsBytes();
        if (input.length > MAX_INPUT) return;
        List<String> whole = decode(input, input.length, maxBulk);
        List<String> chunked = decode(input, chunk, maxBulk);
        assertThat(chunked).isEqualTo(whole);
    }

    /** Feeds {@code input} in pieces of {@code chunk} bytes; returns each command (hex args) and the error, if any. */
    static List<String> decode(byte[] input, int chunk, long maxBulk) {
        RespDecoder decoder = new RespDecoder(maxBulk);
        RespRequest request = new RespRequest();
        List<String> out = new ArrayList<>();
        ByteBuf cumulation = Unpooled.buffer(16);
        for (int pos = 0; pos < input.length; pos += chunk) {
            cumulation.writeBytes(input, pos, Math.min(chunk, input.length - pos)); // may reallocate, as the handler's cumulator does
            while (cumulation.isReadable()) {
                int readable = cumulation.readableBytes();
                int r = decoder.decode(cumulation, request);
                if (r == RespDecoder.NEED_MORE) break;
                if (r == RespDecoder.ERROR) {
                    assertThat(decoder.errorMessage()).startsWith("Protocol error: ");
                    out.add("ERR " + decoder.errorMessage());
                    cumulation.release();
                    return out;
                }
                assertThat(r).isEqualTo(RespDecoder.COMPLETE);
                assertThat(decoder.consumed()).isBetween(1, readable);
                StringBuilder cmd = new StringBuilder();
                for (int i = 0; i < request.argc(); i++) {
                    // inline arguments are bounded by the line, not by proto-max-bulk-len (as in Redis)
                    assertThat(request.length(i)).isBetween(0, readable);
                    cmd.append(ByteBufUtil.hexDump(request.bytes(i))).append(' ');
                }
                out.add(cmd.toString());
                cumulation.skipBytes(decoder.consumed());
            }
            if (!decoder.inCommand()) cumulation.discardSomeReadBytes();
        }
        cumulation.release();
        return out;
    }
}
