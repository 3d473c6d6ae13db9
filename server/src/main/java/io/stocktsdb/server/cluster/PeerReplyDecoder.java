package io.stocktsdb.server.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes the replies an internal connection receives: the only shapes the commands it sends
 * (AUTH, READONLY, SHARD_QUERY) answer with are simple strings, errors, integers and bulk
 * strings. Anything else is a protocol error that closes the connection.
 */
final class PeerReplyDecoder extends ByteToMessageDecoder {
    /** Replies larger than this are refused (a shard's part of one query). */
    static final long MAX_BULK = 1L << 30;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            int eol = in.indexOf(start, in.writerIndex(), (byte) '\n');
            if (eol < 0) return;
            byte type = in.getByte(start);
            String line = in.toString(start + 1, Math.max(0, eol - 1 - (start + 1)), StandardCharsets.US_ASCII);
            switch (type) {
                case '+', ':' -> {
                    in.readerIndex(eol + 1);
                    out.add(new PeerReply(false, line.getBytes(StandardCharsets.US_ASCII)));
                }
                case '-' -> {
                    String text = in.toString(start + 1, Math.max(0, eol - 1 - (start + 1)), StandardCharsets.UTF_8);
                    in.readerIndex(eol + 1);
                    out.add(new PeerReply(true, text.getBytes(StandardCharsets.UTF_8)));
                }
                case '$' -> {
                    long len = Long.parseLong(line);
                    if (len < 0) {
                        in.readerIndex(eol + 1);
                        out.add(new PeerReply(false, null));
                        continue;
                    }
                    if (len > MAX_BULK) throw new DecoderException("peer reply of " + len + " bytes is too large");
                    if (in.writerIndex() - (eol + 1) < len + 2) return;
                    byte[] data = new byte[(int) len];
                    in.getBytes(eol + 1, data);
                    in.readerIndex(eol + 1 + (int) len + 2);
                    out.add(new PeerReply(false, data));
                }
                default -> throw new DecoderException("unexpected peer reply type '" + (char) type + "'");
            }
        }
    }
}
