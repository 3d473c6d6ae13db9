package io.stocktsdb.server.replication;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Groups the writes of every connection into as few Raft log entries as possible: one thread
 * proposes whatever is queued when it gets to it as one {@link ReplicatedBatch}, so while one
 * proposal is being appended the next batch fills up (group commit). Queue order is proposal
 * order, so a connection's writes keep their order in the log. The event loops only encode and
 * enqueue: Ratis's submission blocks its caller until the entry is appended, which must not
 * happen on a loop serving clients.
 */
final class ProposalBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProposalBatcher.class);
    /** Bounds of one log entry: a follower receives and applies it in one piece. */
    static final int MAX_ENTRIES = 4096;
    static final int MAX_BYTES = 1 << 20;
    /**
     * Entries proposed and not yet answered. While that many are in the commit pipeline the next
     * batch keeps filling, so under load each entry carries more writes and the per-entry costs
     * (Ratis bookkeeping, gRPC to each follower, log write, thread hand-offs, engine commit) are
     * shared by more of them; an idle shard still proposes a lone write at once.
     */
    static final int MAX_IN_FLIGHT = 2;

    private record Pending(byte[] encoded, CompletableFuture<byte[]> reply) {}

    private final Function<byte[], CompletableFuture<ByteBuffer>> proposeBatch;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    /**
     * Splits each committed batch's replies and completes the writes' futures: off Ratis's apply
     * thread, which would otherwise wake hundreds of connections before applying the next entry.
     */
    private final ExecutorService replyThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stocktsdb-raft-replies");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /** @param proposeBatch proposes one batch payload; completes with the state machine's framed replies */
    ProposalBatcher(String name, Function<byte[], CompletableFuture<ByteBuffer>> proposeBatch) {
        this.proposeBatch = proposeBatch;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes with the entry's reply bytes once its batch is committed and applied here, or exceptionally. */
    CompletableFuture<byte[]> submit(ReplicatedEntry entry) {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        if (closed) {
            reply.completeExceptionally(new CancellationException("replication is closing"));
            return reply;
        }
        queue.add(new Pending(entry.encode(), reply));
        return reply;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (!closed) {
            try {
                Pending first = queue.take();
                batch.add(first);
                inFlight.acquire();
                long bytes = first.encoded().length;
                Pending next;
                while (batch.size() < MAX_ENTRIES && (next = queue.peek()) != null && bytes + next.encoded().length <= MAX_BYTES) {
                    batch.add(queue.poll());
                    bytes += next.encoded().length;
                }
                propose(List.copyOf(batch));
            } catch (InterruptedException e) {
                for (Pending p : batch) p.reply().completeExceptionally(new CancellationException("replication is closing"));
                break;
            } catch (RuntimeException e) {
                inFlight.release();
                log.error("proposing a batch of {} writes failed", batch.size(), e);
                for (Pending p : batch) p.reply().completeExceptionally(e);
            } finally {
                batch.clear();
            }
        }
        failQueued();
    }

    private void propose(List<Pending> batch) {
        List<byte[]> encoded = new ArrayList<>(batch.size());
        for (Pending p : batch) encoded.add(p.encoded());
        proposeBatch.apply(ReplicatedBatch.encode(encoded))
                .whenComplete((replies, error) -> inFlight.release())
                .whenCompleteAsync((replies, error) -> complete(batch, replies, error), replyThread);
    }

    private void complete(List<Pending> batch, ByteBuffer replies, Throwable error) {
        if (error != null) {
            for (Pending p : batch) p.reply().completeExceptionally(error);
            return;
        }
        byte[][] each;
        try {
            each = ReplicatedBatch.decodeReplies(replies);
            if (each.length != batch.size()) throw new IllegalStateException("a batch of " + batch.size() + " writes got " + each.length + " replies");
        } catch (RuntimeException e) {
            log.error("unreadable replies to a batch of {} writes", batch.size(), e);
            for (Pending p : batch) p.reply().completeExceptionally(e);
            return;
        }
        for (int i = 0; i < each.length; i++) batch.get(i).reply().complete(each[i]);
    }

    private void failQueued() {
        Pending p;
        while ((p = queue.poll()) != null) p.reply().completeExceptionally(new CancellationException("replication is closing"));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        replyThread.shutdown();
        failQueued();
    }
}
