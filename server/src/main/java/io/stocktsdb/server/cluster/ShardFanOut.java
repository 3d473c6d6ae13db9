package io.stocktsdb.server.cluster;

import io.netty.channel.EventLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Sends one encoded query ({@code engine/query/QueryCodec}) to other shards and collects their
 * encoded parts: all of them, or a {@link ShardQueryFailure} naming the first shard that could not
 * answer. Each shard is asked on its leader (on a READONLY request, a follower when the shard has
 * no leader) with the internal command {@value #COMMAND}, which carries the topology version and
 * the shard number so that a member that does not serve the shard refuses instead of answering
 * for other slots. A shard of several members is retried every {@value #RETRY_MS} ms while it has
 * no leader, its leader moved or cannot be reached, until the deadline
 * ({@code cluster_query_timeout_ms}); a shard of one member fails at once. Runs on the caller's
 * event loop; never blocks it.
 */
public final class ShardFanOut implements AutoCloseable {
    /** The internal command a shard answers with its part. */
    public static final String COMMAND = "SHARD_QUERY";
    /** The prefix of the error a member answers when it does not serve the shard now (retried). */
    public static final String NOT_SERVING = "TRYAGAIN";
    static final long RETRY_MS = 100;
    private static final long MAX_CONNECT_MS = 1000;

    private final Topology topology;
    private final ShardRoles roles;
    private final PeerPool pool;
    private final LongSupplier timeoutMs;

    public ShardFanOut(Topology topology, ShardRoles roles, PeerPool pool, LongSupplier timeoutMs) {
        this.topology = topology;
        this.roles = roles;
        this.pool = pool;
        this.timeoutMs = timeoutMs;
    }

    /** The timeout every shard's part must arrive within, in milliseconds. */
    public long timeoutMs() {
        return timeoutMs.getAsLong();
    }

    /**
     * Asks each shard of {@code shards} for its part of {@code query}. {@code caller} is the
     * event loop of the client connection (another one of the server's loops is used when it is
     * not one). The future completes with the parts in the order of {@code shards}, or
     * exceptionally with a {@link ShardQueryFailure} as soon as one shard fails.
     */
    public CompletableFuture<List<byte[]>> ask(List<Integer> shards, byte[] query, boolean readonly, EventLoop caller) {
        EventLoop loop = caller != null && pool.owns(caller) ? caller : pool.anyLoop();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs.getAsLong());
        CompletableFuture<List<byte[]>> all = new CompletableFuture<>();
        byte[][] parts = new byte[shards.size()][];
        int[] missing = {shards.size()};
        if (shards.isEmpty()) all.complete(List.of());
        loop.execute(() -> {
            List<Attempt> attempts = new ArrayList<>(shards.size());
            for (int i = 0; i < shards.size() && !all.isDone(); i++) {
                int index = i;
                Attempt a = new Attempt(topology.shard(shards.get(i)), query, readonly, loop, deadline);
                attempts.add(a);
                a.result.whenComplete((bytes, error) -> {
                    if (all.isDone()) return;
                    if (error != null) {
                        all.completeExceptionally(error);
                        for (Attempt other : attempts) other.result.completeExceptionally(error); // stop their retries
                        return;
                    }
                    parts[index] = bytes;
                    if (--missing[0] == 0) all.complete(List.of(parts));
                });
                a.run();
            }
        });
        return all;
    }

    /** One shard's part: chooses a member, sends, retries while the shard may recover, times out. */
    private final class Attempt {
        final Topology.Shard shard;
        final byte[][] request;
        final boolean readonly;
        final EventLoop loop;
        final long deadline;
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        ShardQueryFailure last;
        PeerConnection inUse;
        /** A request was sent and its reply has not come yet. */
        boolean awaiting;
        /** The member asked last, "nodeId host:port". */
        String asking;
        int tries;

        Attempt(Topology.Shard shard, byte[] query, boolean readonly, EventLoop loop, long deadline) {
            this.shard = shard;
            this.request = new byte[][] {ascii(COMMAND), ascii(Long.toString(topology.version())), ascii(Integer.toString(shard.shardId())), query};
            this.readonly = readonly;
            this.loop = loop;
            this.deadline = deadline;
            long left = deadline - System.nanoTime();
            var timer = loop.schedule(this::timeOut, Math.max(0, left), TimeUnit.NANOSECONDS);
            result.whenComplete((x, e) -> timer.cancel(false));
        }

        void run() {
            if (result.isDone()) return;
            tries++;
            Topology.Member target = target();
            if (target == null) {
                retryOrFail(new ShardQueryFailure(ShardQueryFailure.Kind.NO_LEADER, shard.shardId(), null, "no leader"));
                return;
            }
            String who = target.nodeId() + " " + target.address();
            asking = who;
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            pool.connection(loop, target, readonly, (int) Math.min(MAX_CONNECT_MS, Math.max(1, leftMs))).whenComplete((conn, error) -> {
                if (result.isDone()) return;
                if (error != null) {
                    retryOrFail(new ShardQueryFailure(ShardQueryFailure.Kind.UNREACHABLE, shard.shardId(), who, describe(error)));
                    return;
                }
                inUse = conn;
                awaiting = true;
                conn.send(request).whenComplete((reply, sendError) -> {
                    awaiting = false;
                    if (result.isDone()) return;
                    if (sendError != null) {
                        retryOrFail(new ShardQueryFailure(ShardQueryFailure.Kind.UNREACHABLE, shard.shardId(), who, describe(sendError)));
                    } else if (reply.error()) {
                        ShardQueryFailure f = new ShardQueryFailure(ShardQueryFailure.Kind.REFUSED, shard.shardId(), who, reply.text());
                        if (reply.text().startsWith(NOT_SERVING)) retryOrFail(f);
                        else result.completeExceptionally(f);
                    } else if (reply.data() == null) {
                        result.completeExceptionally(new ShardQueryFailure(ShardQueryFailure.Kind.REFUSED, shard.shardId(), who, "null reply"));
                    } else {
                        result.complete(reply.data());
                    }
                });
            });
        }

        /** The leader; on a READONLY request without a leader, the members in turn. */
        private Topology.Member target() {
            String leader = roles.leader(shard.shardId());
            if (leader != null && !(leader.equals(topology.myselfNodeId()) && readonly)) return topology.member(leader);
            if (!readonly) return null;
            List<Topology.Member> others = new ArrayList<>();
            for (Topology.Member m : shard.members()) if (!m.nodeId().equals(topology.myselfNodeId())) others.add(m);
            return others.isEmpty() ? null : others.get(tries % others.size());
        }

        private void retryOrFail(ShardQueryFailure failure) {
            last = failure;
            boolean mayRecover = shard.members().size() > 1;
            if (!mayRecover) {
                result.completeExceptionally(failure);
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                timeOut();
                return;
            }
            loop.schedule(this::run, Math.min(RETRY_MS, TimeUnit.NANOSECONDS.toMillis(left) + 1), TimeUnit.MILLISECONDS);
        }

        /**
         * The deadline passed: the shard's failure so far when it is a clear one (no leader,
         * unreachable), else a timeout; a connection still waiting for the reply is dropped so
         * that the late reply is not read as another request's.
         */
        private void timeOut() {
            if (result.isDone()) return;
            if (!awaiting && last != null && last.kind() != ShardQueryFailure.Kind.REFUSED) {
                result.completeExceptionally(last);
                return;
            }
            if (awaiting && inUse != null) inUse.close();
            result.completeExceptionally(new ShardQueryFailure(ShardQueryFailure.Kind.TIMEOUT, shard.shardId(), asking,
                    "no answer within " + timeoutMs.getAsLong() + " ms"));
        }
    }

    private static String describe(Throwable error) {
        Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof io.netty.channel.ConnectTimeoutException) return "connect timed out";
        if (t instanceof java.net.ConnectException) return "connection refused";
        String msg = t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        pool.close();
    }
}
