package io.stocktsdb.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.stocktsdb.resp.RespDecoder;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.ReplyStream;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.OutputBufferLimits;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.net.DeferredReplies;
import io.stocktsdb.server.net.ClientRegistry;
import io.stocktsdb.server.net.OutputBufferCheck;
import io.stocktsdb.server.net.PushSink;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection: cumulates input, decodes every complete command of a read, dispatches each,
 * writes all replies into one buffer, makes the batch's writes durable (group commit), and
 * flushes once per read batch.
 *
 * <p>Output is kept bounded, as Redis does by not reading a client whose replies back up: a batch
 * stops dispatching when a command hands over a {@link ReplyStream} or its replies pass
 * {@link #BATCH_OUTPUT_PAUSE}, and the rest of the input (and the socket: auto-read is off) waits.
 * After the batch's commit its replies are flushed, then the stream is written in slices while
 * the channel is writable, a few slices per event-loop turn so the loop's other connections
 * are served in between; once it is complete and the socket drained, dispatching resumes.
 */
public final class ClientHandler extends ChannelInboundHandlerAdapter implements DeferredReplies, PushSink {
    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);
    private static final int OUT_INITIAL = 512;
    /** Redis's PROTO_MBULK_BIG_ARG: a bulk argument this long gets its buffer room at once. */
    private static final int BIG_ARGUMENT = 32 * 1024;
    /** Replies a read batch may accumulate before it stops dispatching until they are sent. */
    static final int BATCH_OUTPUT_PAUSE = 1 << 20;
    /** Bytes of a streamed reply encoded per slice. */
    static final int SLICE_BYTES = 64 << 10;
    /** Slices written in one turn of the event loop before its other connections get theirs. */
    static final int SLICES_PER_TURN = 4;
    private static final long STALL_CHECK_MILLIS = 250;
    /** Deferred replies in flight above which the connection stops reading (resumes below half). */
    private static final int MAX_DEFERRED = 4096;

    private final ServerContext server;
    private final DurabilityBarrier durability;
    private final RespRequest request = new RespRequest();
    private RespDecoder decoder;
    /** A huge command of this connection runs on {@link BigCommandRunner}: its reply buffer is not touched here. */
    private boolean offloading;
    private Client client;
    private ChannelHandlerContext ctx;
    private ByteBuf cumulation;
    /** A huge argument being received into its own arrays; then the one whose command is decoded next. */
    private BigArgument bigArgument;
    private BigArgument received;
    private ByteBuf out;
    private boolean queuedForCommit;
    /** Replies in order once a deferred one (a replicated command's) is pending. */
    private final ReplyOrder slots = new ReplyOrder();
    private boolean inactive;
    /** Pushed frames waiting for a streamed reply to finish (a frame never goes between its slices). */
    private final java.util.ArrayDeque<byte[]> heldPushes = new java.util.ArrayDeque<>();

    /** Dispatching is suspended: input waits until the output before it is sent. */
    private boolean paused;
    private boolean resumeScheduled;
    private boolean pumpScheduled;
    private boolean stallCheckScheduled;
    /** Handed over by the last command of the batch; starts once the batch's replies are flushed. */
    private ReplyStream pendingStream;
    /** Being written. */
    private ReplyStream stream;
    private final Runnable resumeTask = this::resume;
    private final Runnable pumpTask = () -> {
        pumpScheduled = false;
        pump();
    };
    private final Runnable drainTask = () -> { if (slots.drainRan() && !inactive) drainSlots(); };

    public ClientHandler(ServerContext server, DurabilityBarrier durability) {
        this.server = server;
        this.durability = durability;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ConnectionAdmission.refuse(server, ctx)) return;
        ClientRegistry clients = server.clients();
        this.ctx = ctx;
        client = new Client(clients.nextId(), ctx.channel(), server.acl().defaultUser(), !server.acl().authenticationRequired());
        client.deferredReplies(this);
        client.pushSink(this);
        // in cluster mode replies may be deferred (replicated commands): those are written whole, in order
        client.out().streaming(server.cluster() == null);
        decoder = new RespDecoder(server.settings().getLong(ConfigFields.PROTO_MAX_BULK_LEN));
        client.buffers().ioThread = EventLoopIds.of(ctx.channel().eventLoop());
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
        client.buffers().netIn += in.readableBytes();
        if (bigArgument != null) {
            client.touch(System.currentTimeMillis());
            if (bigArgument.add(in)) bigArgument.whenCopied(ctx.executor(), this::bigArgumentReceived);
            return;
        }
        cumulation = cumulation == null ? in : BigArgument.cumulator(cumulation, decoder).cumulate(ctx.alloc(), cumulation, in);
        client.touch(System.currentTimeMillis());
        if (paused) {
            client.queryBufferBytes(cumulation.readableBytes()); // bytes read before auto-read stopped
            return;
        }
        processInput();
    }

    /**
     * For arguments of PROTO_MBULK_BIG_ARG bytes or more: once an eighth of a big bulk has
     * arrived, the buffer gets room for the whole of it at once, so later reads land in place
     * instead of the buffer doubling (and copying) its way up to it. Unlike Redis, a header alone
     * reserves nothing: a connection announcing 100 MB and sending nothing costs nothing.
     */
    private void reserveBigArgument() {
        long needed = decoder.bytesNeeded();
        int have = cumulation.readableBytes();
        if (needed < BIG_ARGUMENT || needed <= have || needed > Integer.MAX_VALUE || have < needed / 8) return;
        if (cumulation instanceof io.netty.buffer.CompositeByteBuf) return; // kept as it came: see BigArgument
        if (cumulation.readerIndex() + needed <= cumulation.capacity()) return;
        if (cumulation.refCnt() > 1 || cumulation.isReadOnly() || cumulation.maxCapacity() < needed) return;
        cumulation.discardReadBytes();
        cumulation.ensureWritable((int) (needed - have));
    }

    /** A huge argument is in its arrays: the decoder goes on with the command. */
    private void bigArgumentReceived() {
        BigArgument big = bigArgument;
        bigArgument = null;
        if (big == null || inactive) return;
        if (!big.allocated(client.id())) {
            ctx.close();
            return;
        }
        received = big;
        cumulation = big.finish(ctx.alloc());
        processInput();
        endBatch();
    }

    /** A huge command may leave the loop when nothing else of this connection is in flight (standalone only). */
    private boolean canOffload() {
        return server.cluster() == null && !client.inMulti() && slots.isEmpty() && stream == null && pendingStream == null
                && !queuedForCommit && !offloading;
    }

    /**
     * Hands the complete command at the reader index to {@link BigCommandRunner} and pauses this
     * connection until it is done; the loop's buffers stop referring to the command's bytes.
     */
    private void offload() {
        ensureOut();
        ByteBuf command = cumulation.retainedSlice(cumulation.readerIndex(), decoder.consumed());
        cumulation.skipBytes(decoder.consumed());
        if (cumulation.isReadable()) {
            // what follows is copied out: compacting the buffer in place would overwrite the command
            ByteBuf rest = ctx.alloc().buffer(cumulation.readableBytes());
            rest.writeBytes(cumulation);
            cumulation.release();
            cumulation = rest;
        }
        offloading = true;
        paused = true;
        BigArgument value = received;
        received = null;
        BigCommandRunner.run(server, client, durability, command, value).thenAccept(outcome -> ctx.executor().execute(() -> {
            offloading = false;
            if (inactive || outcome == BigCommandRunner.Outcome.CLOSE) {
                if (out != null) {
                    out.release();
                    out = null;
                    client.out().target(null);
                }
                ctx.close();
                return;
            }
            resume();
        }));
    }

    /** Dispatches the complete commands of the input until it runs out or the batch pauses. */
    private void processInput() {
        io.stocktsdb.server.config.Settings settings = server.settings();
        decoder.setProtoMaxBulkLen(settings.protoMaxBulkLen());
        OutputBufferLimits.Limit outputLimit = settings.normalOutputLimit();
        while (cumulation.isReadable() && !client.closing() && !paused) {
            decoder.setUnauthenticated(!client.authenticated() && server.acl().authenticationRequired());
            int r = decoder.decode(cumulation, request);
            if (r == RespDecoder.COMPLETE) {
                if (received != null) received.adoptInto(request);
                if (request.argc() > 0 && CrossProtocolGuard.isAttack(request, client)) {
                    client.closeAfterReply();
                    break;
                }
                if (request.argc() > 0 && decoder.consumed() >= BigCommandRunner.BYTES && canOffload()) {
                    offload();
                    break;
                }
                if (request.argc() > 0) {
                    ensureOut();
                    BufferAccounting.noteCommand(client, cumulation, request, out);
                    Client.ReplyMode replyMode = client.replyMode();
                    ByteBuf batchOut = out;
                    int mark = out.writerIndex();
                    if (replyMode == Client.ReplyMode.SKIP) client.replyMode(Client.ReplyMode.ON);
                    server.dispatcher().dispatch(client, request);
                    client.buffers().argvMem = 0;
                    if (replyMode != Client.ReplyMode.ON && client.replyMode() != Client.ReplyMode.ON || replyMode == Client.ReplyMode.SKIP) {
                        dropReply(batchOut, mark); // CLIENT REPLY OFF / SKIP
                    }
                    ReplyStream handed = client.out().takeStream();
                    if (handed != null) {
                        pendingStream = handed;
                        paused = true;
                    } else if (out.readableBytes() >= BATCH_OUTPUT_PAUSE) {
                        paused = true;
                    }
                    if (outputLimit.hardExceeded(out.readableBytes() + OutputBufferCheck.pendingBytes(ctx.channel()))) {
                        closeForOutputLimit(out.readableBytes() + OutputBufferCheck.pendingBytes(ctx.channel()));
                        return;
                    }
                }
                cumulation.skipBytes(decoder.consumed());
                received = null;
            } else if (r == RespDecoder.NEED_MORE) {
                long queryLimit = server.settings().getLong(ConfigFields.CLIENT_QUERY_BUFFER_LIMIT);
                if (received == null && decoder.bytesNeeded() <= queryLimit && (bigArgument = BigArgument.start(ctx.alloc(), cumulation, decoder)) != null) {
                    client.queryBufferBytes(bigArgument.receivedBytes());
                    cumulation.release();
                    cumulation = null;
                    return;
                }
                reserveBigArgument();
                if (cumulation.readableBytes() > queryLimit) {
                    log.warn("closing client that reached max query buffer length id={} addr={} qbuf={}",
                            client.id(), client.peer(), cumulation.readableBytes());
                    server.stats().queryBufferLimitDisconnections.increment();
                    client.closeAfterReply();
                }
                break;
            } else {
                server.stats().protocolErrors.increment();
                ensureOut();
                client.out().error(Errors.err(decoder.errorMessage()));
                server.stats().recordError("ERR");
                client.closeAfterReply();
            }
        }
        if (paused) ctx.channel().config().setAutoRead(false);
        if (cumulation.isReadable() && !client.closing()) {
            // consumed bytes go even mid-command (the decoder keeps its progress relative to the
            // command's first byte): a pipeline whose reads never end on a command boundary grew the
            // buffer without end, every growth past 4 MB a new zeroed allocation and a full copy
            cumulation.discardSomeReadBytes();
            client.queryBufferBytes(cumulation.readableBytes());
        } else {
            cumulation.release();
            cumulation = null;
            BufferAccounting.inputReleased(client);
        }
    }

    private void countOutput(long bytes) {
        BufferAccounting.countOutput(server, client, bytes);
    }

    /** Discards the reply the last command wrote (CLIENT REPLY OFF or SKIP); a deferred one cannot be taken back. */
    private void dropReply(ByteBuf batchOut, int mark) {
        if (out == batchOut && out.writerIndex() >= mark) out.writerIndex(mark);
        ReplyStream handed = client.out().takeStream();
        if (handed != null) handed.abandon();
    }

    private void ensureOut() {
        if (out == null) {
            out = ctx.alloc().ioBuffer(OUT_INITIAL);
            client.out().target(out);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        endBatch();
        ctx.fireChannelReadComplete();
    }

    /** The batch's writes are committed (with the loop's other writers), then its replies flushed. */
    private void endBatch() {
        if (client == null || offloading) return;
        client.runBeforeCommit();
        if (!queuedForCommit && !durability.isDurable(client.pendingSeq())) {
            queuedForCommit = true; // committed together with the loop's other writers, then flushed
            LoopCommitQueue.current().enqueue(this, ctx, client.pendingSeq(), durability);
        } else if (!queuedForCommit) {
            flushReplies(ctx);
        }
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
        if (!slots.isEmpty()) {
            sealOut();
            drainSlots();
            return;
        }
        if (out != null) {
            ByteBuf batch = out;
            out = null;
            client.out().target(null);
            countOutput(batch.readableBytes());
            if (client.closing()) {
                ctx.writeAndFlush(batch).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(batch, ctx.voidPromise());
                long pending = OutputBufferCheck.pendingBytes(ctx.channel());
                if (OutputBufferCheck.mustClose(client, pending, server.settings().normalOutputLimit(), System.currentTimeMillis())) {
                    closeForOutputLimit(pending);
                }
            }
        } else if (client.closing()) {
            ctx.close();
        }
        if (client.closing() || !ctx.channel().isActive()) return;
        if (pendingStream != null) {
            stream = pendingStream; // the replies before it are on their way: its slices follow them
            pendingStream = null;
        }
        if (stream != null) {
            pump();
        } else if (paused) {
            resumeWhenWritable();
        }
    }

    /** Writes slices of the current stream while the channel is writable, a few per loop turn. */
    private void pump() {
        int slices = 0;
        while (stream != null && ctx.channel().isActive() && ctx.channel().isWritable()) {
            if (slices == SLICES_PER_TURN) {
                if (!pumpScheduled) {
                    pumpScheduled = true;
                    afterLoopIo(pumpTask);
                }
                return;
            }
            ByteBuf slice = ctx.alloc().ioBuffer(SLICE_BYTES + 1024);
            boolean done;
            client.out().target(slice);
            try {
                done = stream.writeSome(client.out(), SLICE_BYTES);
            } catch (RuntimeException e) {
                // part of the reply is sent: the connection cannot carry an error in its place
                log.error("streamed reply failed; closing the connection id={}", client.id(), e);
                slice.release();
                client.out().target(null);
                dropStreams();
                ctx.close();
                return;
            }
            client.out().target(null);
            if (done) stream = null;
            countOutput(slice.readableBytes());
            ctx.writeAndFlush(slice, ctx.voidPromise());
            slices++;
            if (done) writeHeldPushes();
        }
        if (stream == null && paused) {
            resumeWhenWritable();
        } else if (stream != null && !ctx.channel().isWritable()) {
            watchStall();
        }
    }

    /**
     * Runs {@code task} on the event loop after its next I/O round. A plain execute() would not
     * do: the loop keeps running tasks queued while it runs tasks (up to its time quantum), so a
     * stream rescheduling itself that way would starve the loop's other connections.
     */
    private void afterLoopIo(Runnable task) {
        ctx.executor().schedule(task, 0, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Dispatching resumes once the socket took what was queued (now, or on the writability event). */
    private void resumeWhenWritable() {
        if (!ctx.channel().isWritable()) {
            watchStall();
        } else if (!resumeScheduled) {
            resumeScheduled = true;
            afterLoopIo(resumeTask);
        }
    }

    /**
     * While the socket does not drain, the output-limit check runs on a timer (no write triggers
     * it), so a client over the soft limit for its seconds is still closed as in Redis.
     */
    private void watchStall() {
        OutputBufferLimits.Limit limit = server.settings().outputBufferLimits().normal();
        if (stallCheckScheduled || (limit.hardBytes() == 0 && limit.softBytes() == 0)) return;
        stallCheckScheduled = true;
        ctx.executor().schedule(() -> {
            stallCheckScheduled = false;
            if (client.closing() || !ctx.channel().isActive() || ctx.channel().isWritable()) return;
            long pending = OutputBufferCheck.pendingBytes(ctx.channel());
            if (OutputBufferCheck.mustClose(client, pending, server.settings().outputBufferLimits().normal(), System.currentTimeMillis())) {
                closeForOutputLimit(pending);
            } else {
                watchStall();
            }
        }, STALL_CHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void resume() {
        resumeScheduled = false;
        if (!paused || stream != null || pendingStream != null || queuedForCommit) return;
        if (client.closing() || !ctx.channel().isActive()) return;
        paused = false;
        if (cumulation != null) processInput();
        endBatch();
        if (!paused && !client.closing()) ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (client != null && ctx.channel().isWritable()) {
            if (stream != null) {
                pump();
            } else if (paused && pendingStream == null && !queuedForCommit) {
                resumeWhenWritable();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void dropStreams() {
        if (pendingStream != null) pendingStream.abandon();
        if (stream != null) stream.abandon();
        pendingStream = null;
        stream = null;
    }

    @Override
    public void defer(java.util.concurrent.CompletableFuture<ByteBuf> reply) {
        sealOut();
        ReplyOrder.Slot slot = slots.reserve(reply);
        ensureOut();
        if (slots.size() > MAX_DEFERRED) ctx.channel().config().setAutoRead(false);
        reply.whenComplete((buf, error) -> ctx.executor().execute(() -> {
            if (buf == null) log.error("deferred reply failed id={}", client.id(), error);
            if (inactive) {
                if (buf != null) buf.release();
                return;
            }
            ReplyOrder.fill(slot, buf);
            // one flush for the replies known in this turn (a Raft entry answers many at once), not one each
            if (slots.scheduleDrain()) ctx.executor().execute(drainTask);
        }));
    }

    /** A Pub/Sub message or MONITOR line from any thread: written on this connection's loop, between replies. */
    @Override
    public void push(byte[] frame) {
        if (ctx.executor().inEventLoop()) {
            pushNow(frame);
        } else {
            ctx.executor().execute(() -> pushNow(frame));
        }
    }

    private void pushNow(byte[] frame) {
        if (inactive || client.closing()) return;
        if (stream != null || pendingStream != null) {
            heldPushes.add(frame);
        } else if (!slots.isEmpty()) {
            sealOut();
            slots.addReady(Unpooled.wrappedBuffer(frame));
            drainSlots();
        } else if (out != null) {
            out.writeBytes(frame); // a batch is being answered: the frame follows the replies before it
        } else {
            countOutput(frame.length);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(frame), ctx.voidPromise());
            long pending = OutputBufferCheck.pendingBytes(ctx.channel());
            if (OutputBufferCheck.mustClose(client, pending, server.settings().outputBufferLimits().pubsub(), System.currentTimeMillis())) {
                closeForOutputLimit(pending); // a subscriber that does not read: Redis's pubsub class limits
            }
        }
    }

    private void writeHeldPushes() {
        while (!heldPushes.isEmpty() && stream == null && pendingStream == null) pushNow(heldPushes.poll());
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> settled() {
        return slots.settled();
    }

    @Override
    public boolean pending() {
        return slots.pending();
    }

    @Override
    public java.util.concurrent.Executor executor() {
        return ctx.executor();
    }

    /** Moves the replies written so far behind the slots already queued. */
    private void sealOut() {
        if (out == null) return;
        ByteBuf b = out;
        out = null;
        client.out().target(null);
        slots.addReady(b);
    }

    /** Writes every reply up to the first one still pending. */
    private void drainSlots() {
        slots.writeReady(ctx, this::countOutput);
        if (!paused && !ctx.channel().config().isAutoRead() && slots.size() < MAX_DEFERRED / 2) ctx.channel().config().setAutoRead(true);
        if (slots.isEmpty() && out == null && client.closing()) ctx.close();
    }

    /** A client that does not read its replies fast enough: dropped with its pending output, as Redis does. */
    private void closeForOutputLimit(long pendingBytes) {
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
        bigArgument = BigArgument.release(bigArgument);
        dropStreams();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
        slots.releaseAll();
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        bigArgument = BigArgument.release(bigArgument);
        if (out != null && !offloading) { // an offloaded command still writes into it: released when it is done
            out.release();
            out = null;
        }
        dropStreams();
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
