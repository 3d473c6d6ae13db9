package io.stocktsdb.server.replication;

import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.cluster.Topology;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's Raft server (Apache Ratis, embedded) and its one division: the group of the shard
 * it belongs to, with the engine as state machine. Proposes writes and read barriers directly to
 * the local division (no RPC hop), triggers time-based snapshots, and reports the division's
 * state.
 */
public final class RaftReplica implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RaftReplica.class);
    /** How often the channels to the peers leave gRPC's reconnect back-off ({@link PeerChannels}). */
    private static final long BACKOFF_RESET_MS = 200;

    private final Topology.Shard shard;
    private final RaftSettings settings;
    private final RaftPeerId self;
    private final RaftGroupId groupId;
    private final EngineStateMachine stateMachine;
    private final RaftServer server;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final ProposalBatcher batcher;
    private final PeerChannels peerChannels;
    private volatile long lastSnapshotAppliedIndex = -1;
    private volatile boolean closed;

    private RaftReplica(ServerContext context, Topology topology, RaftSettings settings) throws IOException {
        this.shard = topology.myShard();
        this.settings = settings;
        this.self = RaftPeerId.valueOf(topology.myselfNodeId());
        this.groupId = groupId(shard);
        this.stateMachine = new EngineStateMachine(context, settings.raftDir().resolve("import-tmp"), RaftReplica::exitForRestart);
        this.server = RaftServer.newBuilder()
                .setServerId(self)
                .setGroup(group(shard))
                .setStateMachine(stateMachine)
                .setProperties(settings.properties(topology.myself().raftPort()))
                // the group's directory exists after the first start: recover it, never re-format
                .setOption(java.nio.file.Files.isDirectory(settings.raftDir().resolve(shard.raftGroupId()))
                        ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        this.batcher = new ProposalBatcher("stocktsdb-raft-proposer", this::proposeBatch);
        this.peerChannels = new PeerChannels(server, shard.members().stream()
                .map(m -> RaftPeerId.valueOf(m.nodeId())).filter(id -> !id.equals(self)).toList());
        // two threads: a snapshot request may wait for seconds, the back-off reset must not
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "stocktsdb-raft-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the Raft server; the division replays its log in the background (leader-ready tells when it is done). */
    public static RaftReplica start(ServerContext context, Topology topology, RaftSettings settings) {
        try {
            RaftReplica r = new RaftReplica(context, topology, settings);
            r.server.start();
            long period = Math.max(1000, settings.snapshotIntervalMs() / 4);
            r.timer.scheduleWithFixedDelay(r::timedSnapshot, period, period, TimeUnit.MILLISECONDS);
            r.timer.scheduleWithFixedDelay(r.peerChannels::resetBackoff, BACKOFF_RESET_MS, BACKOFF_RESET_MS, TimeUnit.MILLISECONDS);
            log.info("raft started node={} group={} raftDir={} electionTimeoutMs={}-{}", topology.myselfNodeId(), r.groupId,
                    settings.raftDir(), settings.electionTimeoutMs(), settings.electionTimeoutMaxMs());
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Raft server: " + e.getMessage(), e);
        }
    }

    static RaftGroupId groupId(Topology.Shard shard) {
        return RaftGroupId.valueOf(UUID.fromString(shard.raftGroupId()));
    }

    static RaftGroup group(Topology.Shard shard) {
        List<RaftPeer> peers = new ArrayList<>();
        for (Topology.Member m : shard.members()) {
            peers.add(RaftPeer.newBuilder().setId(m.nodeId()).setAddress(m.host() + ":" + m.raftPort()).build());
        }
        return RaftGroup.valueOf(groupId(shard), peers);
    }

    public Topology.Shard shard() {
        return shard;
    }

    RaftSettings settings() {
        return settings;
    }

    /**
     * Proposes an entry (batched with the other writes ready now, see {@link ProposalBatcher});
     * completes with its reply bytes once a majority logged it durably and this node applied it,
     * or exceptionally (not leader, leadership lost, timeout): then the entry's outcome is
     * unknown, and it was never acknowledged.
     */
    public CompletableFuture<byte[]> propose(ReplicatedEntry entry) {
        return batcher.submit(entry);
    }

    /** One log entry carrying a {@link ReplicatedBatch}; completes with the framed replies. */
    private CompletableFuture<ByteBuffer> proposeBatch(byte[] payload) {
        RaftClientRequest req = request(Message.valueOf(UnsafeByteOperations.unsafeWrap(payload)), RaftClientRequest.writeRequestType());
        return submit(req).thenApply(reply -> reply.getMessage().getContent().asReadOnlyByteBuffer());
    }

    /** Completes once every entry committed before the call is applied here and this node is still leader (ReadIndex). */
    public CompletableFuture<Void> readBarrier() {
        RaftClientRequest req = request(Message.EMPTY, RaftClientRequest.readRequestType());
        return submit(req).thenApply(reply -> null);
    }

    private RaftClientRequest request(Message message, RaftClientRequest.Type type) {
        return RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(self)
                .setGroupId(groupId)
                .setCallId(callIds.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .build();
    }

    /**
     * Submits to the division on the calling thread: the server's own entry point would hop to
     * its client executor and block this thread until that hop returned, an extra thread switch
     * in the proposer's loop (tens of ms each when the machine is busy).
     */
    private CompletableFuture<RaftClientReply> submit(RaftClientRequest req) {
        CompletableFuture<RaftClientReply> f;
        try {
            RaftServer.Division d = server.getDivision(groupId);
            f = d instanceof RaftClientAsynchronousProtocol direct ? direct.submitClientRequestAsync(req) : server.submitClientRequestAsync(req);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(settings.holdMs(), TimeUnit.MILLISECONDS).thenApply(reply -> {
            if (!reply.isSuccess()) throw new CompletionException(reply.getException());
            return reply;
        });
    }

    // ---- state

    DivisionInfo info() {
        try {
            return server.getDivision(groupId).getInfo();
        } catch (IOException e) {
            return null;
        }
    }

    /** The leader's node id, or null during an election. */
    public String leader() {
        DivisionInfo i = info();
        if (i == null) return null;
        RaftPeerId id = i.getLeaderId();
        return id == null ? null : id.toString();
    }

    public boolean leaderReady() {
        DivisionInfo i = info();
        return i != null && i.isLeader() && i.isLeaderReady();
    }

    public boolean isLeader() {
        DivisionInfo i = info();
        return i != null && i.isLeader();
    }

    long term() {
        DivisionInfo i = info();
        return i == null ? -1 : i.getCurrentTerm();
    }

    long commitIndex() {
        try {
            return server.getDivision(groupId).getRaftLog().getLastCommittedIndex();
        } catch (IOException e) {
            return -1;
        }
    }

    long appliedIndex() {
        DivisionInfo i = info();
        return i == null ? -1 : i.getLastAppliedIndex();
    }

    /** Each member's commit index as this node knows it (the leader knows every follower's). */
    Collection<CommitInfoProto> commitInfos() {
        try {
            return server.getDivision(groupId).getCommitInfos();
        } catch (IOException e) {
            return List.of();
        }
    }

    SnapshotStore.Snapshot latestSnapshot() {
        return stateMachine.latestSnapshot();
    }

    // ---- snapshots

    /** Snapshots by time: a quiet shard that applied a few entries still gets its log purged. */
    private void timedSnapshot() {
        try {
            SnapshotStore.Snapshot s = stateMachine.latestSnapshot();
            long applied = appliedIndex();
            long snapIndex = s == null ? 0 : s.termIndex().getIndex();
            long age = s == null ? Long.MAX_VALUE : System.currentTimeMillis() - s.createdMs();
            if (applied > snapIndex && age >= settings.snapshotIntervalMs()) takeSnapshot();
        } catch (RuntimeException e) {
            log.warn("timed snapshot failed", e);
        }
    }

    /** Asks the division for a snapshot now (and so a log purge); returns the snapshot index, or -1. */
    public long takeSnapshot() {
        try {
            RaftClientReply r = server.snapshotManagement(SnapshotManagementRequest.newCreate(clientId, self, groupId,
                    callIds.incrementAndGet(), settings.holdMs(), 0));
            return r.isSuccess() ? r.getLogIndex() : -1;
        } catch (IOException e) {
            log.warn("snapshot request failed", e);
            return -1;
        }
    }

    private static void exitForRestart() {
        Thread t = new Thread(() -> System.exit(70), "stocktsdb-raft-exit");
        t.setDaemon(false);
        t.start();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        stateMachine.closing();
        batcher.close();
        timer.shutdownNow();
        try {
            server.close();
        } catch (IOException e) {
            log.warn("raft server close failed", e);
        }
    }
}
