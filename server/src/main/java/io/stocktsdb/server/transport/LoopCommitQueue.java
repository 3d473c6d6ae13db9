package io.stocktsdb.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.stocktsdb.engine.error.WriteFailedException;

/**
 * Group commit across the connections of one event loop: connections whose read batch wrote
 * something queue their replies here instead of committing one by one; after the loop's I/O
 * round a task commits the op log once, up to the highest sequence queued, and then flushes
 * every queued connection. With fifty pipelining clients that is one RocksDB write for all of
 * them instead of fifty.
 */
final class LoopCommitQueue implements Runnable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoopCommitQueue.class);
    private static final FastThreadLocal<LoopCommitQueue> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected LoopCommitQueue initialValue() { return new LoopCommitQueue(); }
    };

    private static final long RETRY_MS = 100;

    private final List<ClientHandler> handlers = new ArrayList<>();
    private final List<ChannelHandlerContext> contexts = new ArrayList<>();
    private DurabilityBarrier durability;
    private long maxSeq;

    /** The queue of the calling event-loop thread. */
    static LoopCommitQueue current() { return PER_LOOP.get(); }

    void enqueue(ClientHandler handler, ChannelHandlerContext ctx, long seq, DurabilityBarrier barrier) {
        if (handlers.isEmpty()) {
            durability = barrier;
            ctx.channel().eventLoop().execute(this);
        }
        handlers.add(handler);
        contexts.add(ctx);
        if (seq > maxSeq) maxSeq = seq;
    }

    @Override
    public void run() {
        long seq = maxSeq;
        maxSeq = 0;
        // flushing may not enqueue again (replies are already durable), but copy defensively
        List<ClientHandler> hs = new ArrayList<>(handlers);
        List<ChannelHandlerContext> cs = new ArrayList<>(contexts);
        handlers.clear();
        contexts.clear();
        commitThenFlush(durability, seq, hs, cs);
    }

    /**
     * Sends the replies once the op log holds their writes. While it cannot write (a full disk),
     * the replies wait, off the loop, and are tried again: the writes are applied in memory and
     * kept for the op log, so they are acknowledged only once they are durable; new writes are
     * refused with MISCONF meanwhile, and reads on other connections go on.
     */
    private static void commitThenFlush(DurabilityBarrier durability, long seq, List<ClientHandler> hs, List<ChannelHandlerContext> cs) {
        try {
            durability.awaitDurable(seq);
        } catch (WriteFailedException e) {
            if (!cs.isEmpty() && cs.get(0).channel().eventLoop().isShuttingDown()) return;
            if (!cs.isEmpty()) {
                cs.get(0).channel().eventLoop().schedule(() -> commitThenFlush(durability, seq, hs, cs), RETRY_MS, TimeUnit.MILLISECONDS);
            }
            return;
        } catch (RuntimeException e) {
            // the writes are not durable, so their replies must never be sent: drop the connections
            log.error("op-log commit failed; closing the connections waiting for it count={}", cs.size(), e);
            for (ChannelHandlerContext ctx : cs) ctx.close();
            return;
        }
        for (int i = 0; i < hs.size(); i++) hs.get(i).flushQueuedReplies(cs.get(i));
    }
}
