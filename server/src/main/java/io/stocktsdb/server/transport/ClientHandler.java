package io.stocktsdb.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.stocktsdb.resp.RespDecoder;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.OutputBufferLimits;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.net.ClientRegistry;
import io.stocktsdb.server.net.OutputBufferCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection: cumulates input, decodes every complete command of a read, dispatches each,
 * writes all replies into one buffer, makes the batch's writes durable (group commit), and
 * flushes once per read batch.
 */
public final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);
    private static final int OUT_INITIAL = 512;

    private final ServerContext server;
    private final DurabilityBarrier durability;
    private final RespRequest request = new RespRequest();
    private RespDecoder decoder;
    private Client client;
    private ByteBuf cumulation;
    private ByteBuf out;
    private boolean queuedForCommit;

    public ClientHandler(ServerContext server, DurabilityBarrier durability) {
        this.server = server;
        this.durability = durability;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ClientRegistry clients = server.clients();
        server.stats().connectionsReceived.increment();
        if (clients.size() >= server.settings().getInt(ConfigFields.MAX_CONNECTIONS)) {
            server.stats().connectionsRejected.increment();
            byte[] err = ("-" + Errors.MAX_CLIENTS + "\r\n").getBytes(StandardCharsets.US_ASCII);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(err)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (ProtectedMode.refuses(server, ctx.channel())) {
            server.stats().connectionsRejected.increment();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(ProtectedMode.DENIED)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        client = new Client(clients.nextId(), ctx.channel(), server.acl().defaultUser(), !server.acl().authenticationRequired());
        decoder = new RespDecoder(server.settings().getLong(ConfigFields.PROTO_MAX_BULK_LEN));
        clients.add(client);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (client == null || client.closing()) {
            in.release();
            return;
        }
        server.stats().netInputBytes.add(in.readableBytes());
        cumulation = cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        client.touch(System.currentTimeMillis());
        decoder.setProtoMaxBulkLen(server.settings().getLong(ConfigFields.PROTO_MAX_BULK_LEN));
        OutputBufferLimits.Limit outputLimit = server.settings().outputBufferLimits().normal();
        while (cumulation.isReadable() && !client.closing()) {
            int r = decoder.decode(cumulation, request);
            if (r == RespDecoder.COMPLETE) {
                if (request.argc() > 0) {
                    ensureOut(ctx);
                    server.dispatcher().dispatch(client, request);
                    if (outputLimit.hardExceeded(out.readableBytes() + OutputBufferCheck.pendingBytes(ctx.channel()))) {
                        closeForOutputLimit(ctx, out.readableBytes() + OutputBufferCheck.pendingBytes(ctx.channel()));
                        return;
                    }
                }
                cumulation.skipBytes(decoder.consumed());
            } else if (r == RespDecoder.NEED_MORE) {
                if (cumulation.readableBytes() > server.settings().getLong(ConfigFields.CLIENT_QUERY_BUFFER_LIMIT)) {
                    log.warn("closing client that reached max query buffer length id={} addr={} qbuf={}",
                            client.id(), client.peer(), cumulation.readableBytes());
                    server.stats().queryBufferLimitDisconnections.increment();
                    client.closeAfterReply();
                }
                break;
            } else {
                server.stats().protocolErrors.increment();
                ensureOut(ctx);
                client.out().error("ERR " + decoder.errorMessage());
                server.stats().recordError("ERR");
                client.closeAfterReply();
            }
        }
        if (cumulation.isReadable() && !client.closing()) {
            if (!decoder.inCommand()) cumulation.discardSomeReadBytes();
            client.queryBufferBytes(cumulation.readableBytes());
        } else {
            cumulation.release();
            cumulation = null;
            client.queryBufferBytes(0);
        }
    }

    private void ensureOut(ChannelHandlerContext ctx) {
        if (out == null) {
            out = ctx.alloc().ioBuffer(OUT_INITIAL);
            client.out().target(out);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (client != null) client.runBeforeCommit();
        if (client != null && !queuedForCommit && !durability.isDurable(client.pendingSeq())) {
            queuedForCommit = true; // committed together with the loop's other writers, then flushed
            LoopCommitQueue.current().enqueue(this, ctx, client.pendingSeq(), durability);
        } else if (!queuedForCommit) {
            flushReplies(ctx);
        }
        ctx.fireChannelReadComplete();
    }

    /** Called by {@link LoopCommitQueue} once the op log holds this connection's writes. */
    void flushQueuedReplies(ChannelHandlerContext ctx) {
        queuedForCommit = false;
        flushReplies(ctx);
    }

    /** Makes this batch's writes durable, then sends its replies in one flush. */
    private void flushReplies(ChannelHandlerContext ctx) {
        if (client == null) return;
        long seq = client.pendingSeq();
        if (seq > 0) durability.awaitDurable(seq);
        if (out != null) {
            ByteBuf batch = out;
            out = null;
            client.out().target(null);
            server.stats().netOutputBytes.add(batch.readableBytes());
            if (client.closing()) {
                ctx.writeAndFlush(batch).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(batch, ctx.voidPromise());
                long pending = OutputBufferCheck.pendingBytes(ctx.channel());
                if (OutputBufferCheck.mustClose(client, pending, server.settings().outputBufferLimits().normal(), System.currentTimeMillis())) {
                    closeForOutputLimit(ctx, pending);
                }
            }
        } else if (client.closing()) {
            ctx.close();
        }
    }

    /** A client that does not read its replies fast enough: dropped with its pending output, as Redis does. */
    private void closeForOutputLimit(ChannelHandlerContext ctx, long pendingBytes) {
        log.warn("closing client for overcoming of output buffer limits id={} addr={} omem={}", client.id(), client.peer(), pendingBytes);
        server.stats().outputBufferLimitDisconnections.increment();
        client.closeAfterReply();
        if (out != null) {
            out.release();
            out = null;
            client.out().target(null);
        }
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        if (out != null) {
            out.release();
            out = null;
        }
        if (client != null) {
            server.clients().remove(client);
            server.connectionClosed(client);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause.getCause() instanceof javax.net.ssl.SSLException) {
            log.debug("connection error id={} : {}", client == null ? -1 : client.id(), cause.toString());
        } else {
            log.warn("unexpected error on connection id={}", client == null ? -1 : client.id(), cause);
        }
        ctx.close();
    }
}
