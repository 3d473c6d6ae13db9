package io.stocktsdb.server.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One internal connection to a peer's RESP port. Requests are pipelined: replies come back in
 * request order and complete the oldest pending future. Everything runs on the channel's event
 * loop (the loop of the client connections that use it), so nothing here is shared between threads.
 */
final class PeerConnection extends SimpleChannelInboundHandler<PeerReply> {
    private final String peer;
    private final ArrayDeque<CompletableFuture<PeerReply>> pending = new ArrayDeque<>();
    private Channel channel;
    private boolean closed;

    PeerConnection(String peer) {
        this.peer = peer;
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    boolean usable() {
        return !closed && channel != null && channel.isActive();
    }

    /** Sends {@code argv} (on the channel's loop); the future completes with its reply or fails when the connection closes. */
    CompletableFuture<PeerReply> send(byte[]... argv) {
        CompletableFuture<PeerReply> f = new CompletableFuture<>();
        if (!usable()) {
            f.completeExceptionally(new IOException("connection to " + peer + " is closed"));
            return f;
        }
        pending.add(f);
        channel.writeAndFlush(encode(channel, argv), channel.voidPromise());
        return f;
    }

    /** Drops the connection (e.g. a request on it timed out: later replies would be late). */
    void close() {
        if (channel != null) channel.close();
    }

    private static ByteBuf encode(Channel ch, byte[][] argv) {
        int size = 16;
        for (byte[] a : argv) size += a.length + 16;
        ByteBuf b = ch.alloc().buffer(size);
        b.writeByte('*').writeCharSequence(Integer.toString(argv.length), StandardCharsets.US_ASCII);
        b.writeShort(0x0d0a);
        for (byte[] a : argv) {
            b.writeByte('$').writeCharSequence(Integer.toString(a.length), StandardCharsets.US_ASCII);
            b.writeShort(0x0d0a);
            b.writeBytes(a);
            b.writeShort(0x0d0a);
        }
        return b;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, PeerReply reply) {
        CompletableFuture<PeerReply> f = pending.poll();
        if (f != null) f.complete(reply);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failAll(new IOException("connection to " + peer + " closed"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failAll(cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause));
        ctx.close();
    }

    private void failAll(IOException error) {
        closed = true;
        CompletableFuture<PeerReply> f;
        while ((f = pending.poll()) != null) f.completeExceptionally(error);
    }
}
