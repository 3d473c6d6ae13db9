package io.stocktsdb.server.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.stocktsdb.engine.CommandClock;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.AccessControl;
import io.stocktsdb.server.acl.AclVerdict;
import io.stocktsdb.server.cluster.Route;
import io.stocktsdb.server.cluster.Topology;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.command.CommandFlag;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.ReplicatedExecution;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.net.DeferredReplies;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * How commands run on a node of a replicated shard. Writes become Raft entries (the leader's
 * clock fixed in the entry) answered once committed and applied; keyed reads on the leader wait
 * for a ReadIndex barrier; READONLY reads on a follower and keyless commands run in place. A
 * connection's replies keep request order, and a command never runs before the commands the same
 * connection sent earlier took effect (a read after a write sees it; a write after a read is
 * proposed once the read ran). A slot without a leader is held about two election timeouts, then
 * refused.
 */
public final class RaftExecution implements ReplicatedExecution {
    private static final Logger log = LoggerFactory.getLogger(RaftExecution.class);
    static final String READONLY_REPLICA = "READONLY You can't write against a read only replica.";
    private static final long HOLD_POLL_MS = 50;

    private final ServerContext server;
    private final RaftReplica replica;
    /** Per connection: what its next command must wait for. Touched on the connection's event loop. */
    private final Map<Client, Chain> chains = new ConcurrentHashMap<>();

    private static final class Chain {
        CompletableFuture<?> last = CompletableFuture.completedFuture(null);
        /** The last deferred command was not a proposed write, so a new write must wait for it. */
        boolean writeMustWait;
    }

    public RaftExecution(ServerContext server, RaftReplica replica) {
        this.server = server;
        this.replica = replica;
        server.onConnectionClosed(chains::remove);
    }

    @Override
    public void execute(Route route, Client client, CommandSpec spec, RespRequest req) {
        DeferredReplies replies = client.deferredReplies();
        if (replies == null) {
            server.dispatcher().execute(client, spec, req);
            return;
        }
        if ("exec".equals(spec.name()) && route.kind() != Route.Kind.LOCAL_WRITE && route.kind() != Route.Kind.NO_LEADER) {
            exec(client, replies, route, spec, req);
            return;
        }
        switch (route.kind()) {
            case LOCAL_WRITE -> write(client, replies, spec, req, route.slot());
            case LOCAL_READ -> leaderRead(client, replies, spec, req.copyAll(), route.slot());
            case NO_LEADER -> hold(client, replies, route, spec, req);
            default -> {
                if (route.kind() == Route.Kind.KEYLESS && spec.writes() && !"exec".equals(spec.name())) {
                    if (replica.leaderReady()) write(client, replies, spec, req, -1);
                    else server.dispatcher().refuse(client, spec, READONLY_REPLICA);
                } else {
                    local(client, replies, spec, req);
                }
            }
        }
    }

    /**
     * Runs here. A command that reads data waits for what this connection has pending (it must
     * see its own writes); any other (MULTI, PING, CLIENT...) runs at once, since later commands
     * depend on its effect on the connection; its reply still queues behind the pending ones.
     */
    private void local(Client client, DeferredReplies replies, CommandSpec spec, RespRequest req) {
        if (!replies.pending() || !spec.has(CommandFlag.READONLY)) {
            server.dispatcher().execute(client, spec, req);
            return;
        }
        Chain chain = chain(client);
        byte[][] argv = req.copyAll();
        CompletableFuture<ByteBuf> f = chain.last.handle((x, e) -> null)
                .thenApplyAsync(x -> capture(client, () -> server.dispatcher().execute(client, spec, RespRequest.of(argv))), replies.executor());
        defer(replies, chain, f, true);
    }

    /**
     * EXEC of a transaction that writes nothing: the queue is taken now (the next commands are
     * outside it), run after a ReadIndex barrier on the leader, after this connection's pending
     * commands elsewhere.
     */
    private void exec(Client client, DeferredReplies replies, Route route, CommandSpec spec, RespRequest req) {
        if (!client.inMulti() || client.multiFailed() || route.kind() != Route.Kind.LOCAL_READ && !replies.pending()) {
            server.dispatcher().execute(client, spec, req);
            return;
        }
        List<byte[][]> queue = client.endMulti();
        Chain chain = chain(client);
        CompletableFuture<?> ready = chain.last.handle((x, e) -> null);
        if (route.kind() == Route.Kind.LOCAL_READ) ready = ready.thenCompose(x -> replica.readBarrier());
        CompletableFuture<ByteBuf> f = ready.handleAsync((x, error) -> error == null
                ? capture(client, () -> server.dispatcher().executeQueued(client, queue)) : errorReply(error, route.slot()), replies.executor());
        defer(replies, chain, f, true);
    }

    private void write(Client client, DeferredReplies replies, CommandSpec spec, RespRequest req, int slot) {
        ReplicatedEntry entry;
        if ("exec".equals(spec.name())) {
            if (client.multiFailed() || !client.inMulti()) {
                local(client, replies, spec, req);
                return;
            }
            entry = transaction(client);
        } else {
            entry = ReplicatedEntry.command(CommandClock.nowMs(), client.protocol(), req.copyAll());
        }
        Chain chain = chain(client);
        CompletableFuture<?> before = chain.writeMustWait ? chain.last.handle((x, e) -> null) : CompletableFuture.completedFuture(null);
        CompletableFuture<ByteBuf> f = before.thenCompose(x -> replica.propose(entry))
                .handle((bytes, error) -> bytes != null ? Unpooled.wrappedBuffer(bytes) : errorReply(error, slot));
        defer(replies, chain, f, false);
    }

    /** EXEC: the whole queue as one entry; the ACL is re-checked here, by the leader, as EXEC does. */
    private ReplicatedEntry transaction(Client client) {
        List<byte[][]> queue = client.endMulti();
        List<ReplicatedEntry.Item> items = new ArrayList<>(queue.size());
        for (byte[][] argv : queue) {
            RespRequest q = RespRequest.of(argv);
            CommandSpec s = server.registry().lookup(q);
            if (s.isContainer()) s = CommandRegistry.lookupSubcommand(s, q);
            int verdict = AccessControl.check(client, s, q);
            items.add(verdict == AclVerdict.ALLOWED ? ReplicatedEntry.Item.command(argv)
                    : ReplicatedEntry.Item.refused(server.acl().refuseAtExec(client, s, q, verdict)));
        }
        return new ReplicatedEntry(true, CommandClock.nowMs(), client.protocol(), items);
    }

    private void leaderRead(Client client, DeferredReplies replies, CommandSpec spec, byte[][] argv, int slot) {
        Chain chain = chain(client);
        CompletableFuture<ByteBuf> f = chain.last.handle((x, e) -> null)
                .thenCompose(x -> replica.readBarrier())
                .handleAsync((x, error) -> error == null ? capture(client, spec, argv) : errorReply(error, slot), replies.executor());
        defer(replies, chain, f, true);
    }

    /** No leader for the slot: re-route every {@value #HOLD_POLL_MS} ms for about two election timeouts, then CLUSTERDOWN. */
    private void hold(Client client, DeferredReplies replies, Route route, CommandSpec spec, RespRequest req) {
        if ("exec".equals(spec.name())) {
            client.endMulti();
            server.dispatcher().refuse(client, spec, Errors.CLUSTER_DOWN);
            return;
        }
        Chain chain = chain(client);
        byte[][] argv = req.copyAll();
        long nowMs = CommandClock.nowMs();
        int protocol = client.protocol();
        boolean readonly = client.routing().readonly();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(replica.settings().holdMs());
        CompletableFuture<ByteBuf> f = new CompletableFuture<>();
        chain.last.handle((x, e) -> null).thenRun(() -> poll(client, replies, route.slot(), spec, argv, nowMs, protocol, readonly, deadline, f));
        defer(replies, chain, f, true);
    }

    private void poll(Client client, DeferredReplies replies, int slot, CommandSpec spec, byte[][] argv, long nowMs, int protocol,
                      boolean readonly, long deadline, CompletableFuture<ByteBuf> result) {
        Topology.Shard shard = replica.shard();
        boolean mine = shard.slots().stream().anyMatch(r -> slot >= r.start() && slot <= r.end());
        String leader = server.cluster().roles().leader(server.cluster().topology().shardOfSlot(slot).shardId());
        if (mine && replica.leaderReady()) {
            CompletableFuture<ByteBuf> next = spec.writes()
                    ? replica.propose(ReplicatedEntry.command(nowMs, protocol, argv)).handle((b, e) -> b != null ? Unpooled.wrappedBuffer(b) : errorReply(e, slot))
                    : replica.readBarrier().handleAsync((x, e) -> e == null ? capture(client, spec, argv) : errorReply(e, slot), replies.executor());
            next.whenComplete((b, e) -> result.complete(b));
            return;
        }
        if (mine && readonly && !spec.writes()) {
            CompletableFuture.runAsync(() -> result.complete(capture(client, spec, argv)), replies.executor());
            return;
        }
        if (leader != null && !(mine && leader.equals(server.cluster().topology().myselfNodeId()))) {
            Topology.Member target = server.cluster().topology().member(leader);
            if (target != null) {
                result.complete(error(Errors.moved(slot, target.host(), target.port())));
                return;
            }
        }
        if (System.nanoTime() >= deadline) {
            result.complete(error(Errors.CLUSTER_DOWN));
            return;
        }
        Executor later = CompletableFuture.delayedExecutor(HOLD_POLL_MS, TimeUnit.MILLISECONDS);
        later.execute(() -> poll(client, replies, slot, spec, argv, nowMs, protocol, readonly, deadline, result));
    }

    private void defer(DeferredReplies replies, Chain chain, CompletableFuture<ByteBuf> f, boolean writeMustWait) {
        replies.defer(f);
        chain.last = f;
        chain.writeMustWait = writeMustWait;
    }

    private Chain chain(Client client) {
        return chains.computeIfAbsent(client, c -> new Chain());
    }

    /** Runs a command on the connection's event loop with its replies captured. */
    private ByteBuf capture(Client client, CommandSpec spec, byte[][] argv) {
        return capture(client, () -> server.dispatcher().execute(client, spec, RespRequest.of(argv)));
    }

    private static ByteBuf capture(Client client, Runnable command) {
        RespWriter out = client.out();
        ByteBuf previous = out.target();
        ByteBuf buf = Unpooled.buffer(64);
        out.target(buf);
        try {
            command.run();
        } finally {
            out.target(previous);
        }
        return buf;
    }

    /**
     * A write or barrier that failed: never acknowledged. Leadership moved: MOVED to the new
     * leader when Ratis names it (the entry may or may not have been applied, as in any
     * failover); otherwise (no majority, timeout) the cluster is down for this slot.
     */
    private ByteBuf errorReply(Throwable error, int slot) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof NotLeaderException nle && nle.getSuggestedLeader() != null && slot >= 0) {
            Topology.Member target = server.cluster().topology().member(nle.getSuggestedLeader().getId().toString());
            if (target != null) return error(Errors.moved(slot, target.host(), target.port()));
        }
        log.debug("replicated request failed: {}", cause.toString());
        return error(Errors.CLUSTER_DOWN);
    }

    private static ByteBuf error(String message) {
        return Unpooled.wrappedBuffer(("-" + message + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
