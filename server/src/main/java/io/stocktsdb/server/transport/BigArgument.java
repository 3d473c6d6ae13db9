package io.stocktsdb.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.stocktsdb.resp.RespDecoder;
import io.stocktsdb.resp.RespRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one huge bulk argument (a 500 MB SET value) straight into arrays of {@link #PART_BYTES}
 * (together its declared length), which the command then keeps as the value
 * ({@link RespRequest#adopt}): the bytes are copied once, from the socket's read buffers, and
 * never again on the way to the engine. Parts, not one array: the JVM zeroes a new array inside
 * one VM call that no safepoint can interrupt, so allocating 500 MB at once stalls every thread
 * (the other clients' event loops included) for hundreds of milliseconds at the next GC or
 * safepoint; a 4 MB part costs about a millisecond.
 *
 * <p>Starts only once an eighth of the argument arrived (a header alone reserves nothing) and when
 * what precedes it in the command is small. The parts are allocated and filled on a copier
 * thread, in the order the reads came, so the event loop only hands buffers over and keeps
 * serving its other connections. When the argument and the CRLF after it are in and copied,
 * {@link #finish} gives the command back as one buffer (the bytes before, the parts, the bytes
 * after) for the decoder to go on with.
 */
final class BigArgument {
    private static final Logger log = LoggerFactory.getLogger(BigArgument.class);
    /** Arguments at least this long are received into their own array. */
    static final int MIN_BYTES = BigCommandRunner.BYTES;
    /** Bytes before the argument (command header, earlier arguments) copied aside at most. */
    private static final int MAX_PREFIX = 64 * 1024;
    /**
     * Size of each array the argument is received into (the last one is shorter): 4 MB less a
     * 16-byte array header, so a part fills whole G1 regions (1, 2 or 4 MB) instead of spilling
     * into one more.
     */
    static final int PART_BYTES = (4 << 20) - 16;

    private static final ExecutorService COPIER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stocktsdb-big-argument");
        t.setDaemon(true);
        return t;
    });

    private final ByteBuf prefix;
    private final int length;
    /** Written by the copier thread only; read by the loop after {@link #whenCopied}. */
    private volatile byte[][] parts;
    private volatile Throwable failure;
    /** Bytes of the argument handed to the copier (event loop only). */
    private int handed;
    private boolean completing;
    private final CompositeByteBuf after;

    private BigArgument(ByteBuf prefix, int length, CompositeByteBuf after) {
        this.prefix = prefix;
        this.length = length;
        this.after = after;
    }

    /**
     * After the decoder returned NEED_MORE on {@code cumulation} (reader index at the command's
     * start): a receiver holding what arrived so far (the caller releases {@code cumulation}), or
     * null when the pending argument is not one to receive this way.
     */
    static BigArgument start(ByteBufAllocator alloc, ByteBuf cumulation, RespDecoder decoder) {
        int length = decoder.pendingBulkLength();
        if (length < MIN_BYTES) return null;
        long valueStart = decoder.bytesNeeded() - length - 2;
        int have = cumulation.readableBytes();
        if (valueStart > MAX_PREFIX || have - valueStart < length / 8) return null;
        int from = cumulation.readerIndex();
        ByteBuf prefix = Unpooled.buffer((int) valueStart);
        cumulation.getBytes(from, prefix, (int) valueStart);
        BigArgument big = new BigArgument(prefix, length, alloc.compositeBuffer(Integer.MAX_VALUE));
        COPIER.execute(big::prepare);
        big.add(cumulation.retainedSlice(from + (int) valueStart, have - (int) valueStart));
        return big;
    }

    /** Whether the pending argument of {@code decoder} will be received this way (its first reads are kept uncopied). */
    static boolean pending(RespDecoder decoder) {
        return decoder.pendingBulkLength() >= MIN_BYTES;
    }

    private void prepare() {
        parts = new byte[(int) ((length + (long) PART_BYTES - 1) / PART_BYTES)][];
    }

    /**
     * Takes (and releases) a read; true once, when the argument and the two bytes after it are
     * in: then wait for {@link #whenCopied}.
     */
    boolean add(ByteBuf in) {
        int n = Math.min(in.readableBytes(), length - handed);
        if (n > 0) {
            ByteBuf part = in.readRetainedSlice(n);
            int at = handed;
            COPIER.execute(() -> copy(part, at));
            handed += n;
        }
        if (in.isReadable()) {
            after.addComponent(true, in);
        } else {
            in.release();
        }
        if (completing || handed < length || after.readableBytes() < 2) return false;
        completing = true;
        return true;
    }

    /** Copier thread: {@code data} goes at offset {@code at} of the argument; parts are allocated as they are reached. */
    private void copy(ByteBuf data, int at) {
        try {
            int from = data.readerIndex();
            int left = data.readableBytes();
            while (left > 0 && failure == null) {
                int index = at / PART_BYTES;
                int off = at % PART_BYTES;
                byte[] p = parts[index];
                if (p == null) p = parts[index] = allocatePart(index);
                if (p == null) return;
                int n = Math.min(left, p.length - off);
                data.getBytes(from, p, off, n);
                from += n;
                at += n;
                left -= n;
            }
        } finally {
            data.release();
        }
    }

    private byte[] allocatePart(int index) {
        try {
            return new byte[(int) Math.min(PART_BYTES, length - (long) index * PART_BYTES)];
        } catch (OutOfMemoryError e) {
            failure = e;
            return null;
        }
    }

    /** Runs {@code then} on {@code loop} once every byte handed over is in the array. */
    void whenCopied(Executor loop, Runnable then) {
        CompletableFuture.runAsync(() -> { }, COPIER).thenRun(() -> loop.execute(then));
    }

    /**
     * A connection's cumulator: while a huge argument's first eighth arrives, and for the
     * command after it is received, reads are kept as they came (no doubling copies).
     */
    static ByteToMessageDecoder.Cumulator cumulator(ByteBuf cumulation, RespDecoder decoder) {
        return cumulation instanceof CompositeByteBuf || pending(decoder) ? ByteToMessageDecoder.COMPOSITE_CUMULATOR
                : ByteToMessageDecoder.MERGE_CUMULATOR;
    }

    /** Whether every part could be allocated; if not (logged), what is held is given back and the connection must close. */
    boolean allocated(long clientId) {
        if (failure == null) return true;
        log.warn("closing client id={}: no memory for its {} byte argument", clientId, length, failure);
        release(this);
        return false;
    }

    /** Bytes of the command received so far (CLIENT LIST's qbuf). */
    int receivedBytes() {
        return prefix.readableBytes() + handed + after.readableBytes();
    }

    /** The whole command and what followed it, as one buffer starting at the command. */
    CompositeByteBuf finish(ByteBufAllocator alloc) {
        CompositeByteBuf all = alloc.compositeBuffer(Integer.MAX_VALUE);
        all.addComponents(true, prefix, Unpooled.wrappedBuffer(parts), after);
        return all;
    }

    /** Lets the decoded command's argument be the parts themselves (decoded from {@link #finish}'s buffer). */
    void adoptInto(RespRequest request) {
        request.adopt(parts, prefix.readableBytes(), length);
    }

    /** The connection went away (or memory ran out): what the loop holds of {@code big} (may be null) is given back; returns null. */
    static BigArgument release(BigArgument big) {
        if (big != null) {
            big.prefix.release();
            big.after.release();
        }
        return null;
    }
}
