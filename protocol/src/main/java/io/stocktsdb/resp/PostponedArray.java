package io.stocktsdb.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;

/**
 * An array whose length is known only once its elements are written (RedisModule's
 * {@code REDISMODULE_POSTPONED_ARRAY_LEN}): the elements go to a per-thread scratch buffer, then
 * the header and the elements are copied to the reply. Usage:
 * <pre>{@code
 * ByteBuf reply = PostponedArray.open(out);
 * try { ... write n elements through out ... } finally { PostponedArray.close(out, reply, n); }
 * }</pre>
 * Opens nest. Scratch buffers are reused (one that grew past 8 MiB is dropped afterwards).
 */
public final class PostponedArray {
    private PostponedArray() {}

    private static final int KEEP_LIMIT = 8 << 20;
    private static final ThreadLocal<ArrayDeque<ByteBuf>> POOL = ThreadLocal.withInitial(ArrayDeque::new);

    /** Redirects {@code out} to a scratch buffer; returns the reply buffer to pass to {@link #close}. */
    public static ByteBuf open(RespWriter out) {
        ByteBuf scratch = POOL.get().poll();
        if (scratch == null) scratch = Unpooled.buffer(4096);
        ByteBuf reply = out.target();
        out.target(scratch);
        return reply;
    }

    /** Writes {@code count} as the header, then the scratch content, into {@code reply}. */
    public static void close(RespWriter out, ByteBuf reply, int count) {
        ByteBuf scratch = out.target();
        out.target(reply);
        out.arrayHeader(count);
        reply.writeBytes(scratch, scratch.readerIndex(), scratch.readableBytes());
        release(scratch);
    }

    /** Restores {@code out} after a failure, dropping whatever was written to the scratch buffer. */
    public static void abandon(RespWriter out, ByteBuf reply) {
        ByteBuf scratch = out.target();
        out.target(reply);
        if (scratch != reply) release(scratch);
    }

    private static void release(ByteBuf scratch) {
        if (scratch.capacity() > KEEP_LIMIT) return;
        scratch.clear();
        POOL.get().push(scratch);
    }
}
