package io.stocktsdb.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.stocktsdb.server.command.Errors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * A connection's replies in request order once a deferred one (a replicated command's, cluster
 * mode) is pending: ready buffers and slots whose reply is not known yet. A pending slot holds
 * back every reply after it. Used on the connection's event loop only.
 */
final class ReplyOrder {
    private static final byte[] INTERNAL_ERROR = ("-" + Errors.INTERNAL + "\r\n").getBytes(StandardCharsets.US_ASCII);

    /** One reply position: a buffer once known. */
    static final class Slot {
        private ByteBuf buf;
        /** The deferred reply this slot waits for (null for a ready buffer). */
        private final CompletableFuture<ByteBuf> reply;

        private Slot(ByteBuf buf, CompletableFuture<ByteBuf> reply) {
            this.buf = buf;
            this.reply = reply;
        }
    }

    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private boolean drainScheduled;

    boolean isEmpty() {
        return slots.isEmpty();
    }

    int size() {
        return slots.size();
    }

    /** Queues a ready reply behind the ones before it (an empty buffer is released instead). */
    void addReady(ByteBuf buf) {
        if (buf.isReadable()) slots.add(new Slot(buf, null));
        else buf.release();
    }

    /** Reserves the next position for {@code reply}; {@link #fill} puts its buffer there. */
    Slot reserve(CompletableFuture<ByteBuf> reply) {
        Slot slot = new Slot(null, reply);
        slots.add(slot);
        return slot;
    }

    /** The deferred reply is known: its buffer, or an internal error if it failed. */
    static void fill(Slot slot, ByteBuf buf) {
        slot.buf = buf != null ? buf : Unpooled.wrappedBuffer(INTERNAL_ERROR);
    }

    /**
     * A deferred reply became known: true when a drain must be scheduled (none is yet), so the
     * replies filled in one turn of the event loop leave in one flush instead of one per reply.
     */
    boolean scheduleDrain() {
        if (drainScheduled) return false;
        drainScheduled = true;
        return true;
    }

    /** The scheduled drain runs: true when one was scheduled. */
    boolean drainRan() {
        boolean was = drainScheduled;
        drainScheduled = false;
        return was;
    }

    /** Completes once every reply reserved so far is known, whatever it is. */
    CompletableFuture<Void> settled() {
        List<CompletableFuture<ByteBuf>> waiting = new ArrayList<>();
        for (Slot s : slots) if (s.buf == null && s.reply != null) waiting.add(s.reply);
        if (waiting.isEmpty()) return CompletableFuture.completedFuture(null);
        return CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).handle((x, e) -> null);
    }

    /** Whether a reserved reply is still unknown. */
    boolean pending() {
        for (Slot s : slots) if (s.buf == null) return true;
        return false;
    }

    /** Writes every reply up to the first one still pending, then flushes; {@code counted} gets each size. */
    void writeReady(ChannelHandlerContext ctx, LongConsumer counted) {
        boolean wrote = false;
        while (!slots.isEmpty() && slots.peek().buf != null) {
            ByteBuf b = slots.poll().buf;
            counted.accept(b.readableBytes());
            ctx.write(b, ctx.voidPromise());
            wrote = true;
        }
        if (wrote) ctx.flush();
    }

    /** The connection is gone: the known replies are released, the rest forgotten. */
    void releaseAll() {
        for (Slot slot : slots) if (slot.buf != null) slot.buf.release();
        slots.clear();
    }
}
