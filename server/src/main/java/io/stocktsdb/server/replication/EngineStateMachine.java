package io.stocktsdb.server.replication;

import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.ReplicatedPosition;
import io.stocktsdb.server.ServerContext;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The engine as the shard's Raft state machine. Every member, the leader included, applies each
 * committed entry through the normal command handlers ({@link EntryApplier}); the engine records
 * the entry's (term, index) in the same op-log batch as the entry's changes, and
 * {@link #initialize}/{@link #reinitialize} read it back so that Ratis replays the log from the
 * entry after it. Snapshots are RocksDB checkpoints ({@link SnapshotStore}); a snapshot newer
 * than the engine (received from the leader, or the engine lost its unsynced tail) is imported
 * ({@link SnapshotImport}).
 */
final class EngineStateMachine extends BaseStateMachine {
    private static final Logger log = LoggerFactory.getLogger(EngineStateMachine.class);

    private final ServerContext server;
    private final EntryApplier applier;
    private final SnapshotStore snapshots = new SnapshotStore();
    private final Path importDir;
    private final Runnable onUnexpectedClose;
    private volatile boolean closing;
    /** Bounds the imports of one {@link #reinitialize}: each needs a newer snapshot than the last. */
    private static final int MAX_RELOADS = 5;

    EngineStateMachine(ServerContext server, Path importDir, Runnable onUnexpectedClose) {
        this.server = server;
        this.applier = new EntryApplier(server);
        this.importDir = importDir;
        this.onUnexpectedClose = onUnexpectedClose;
    }

    private Engine engine() {
        return server.engine();
    }

    @Override
    public void initialize(RaftServer raftServer, RaftGroupId groupId, RaftStorage storage) throws IOException {
        super.initialize(raftServer, groupId, storage);
        snapshots.init(storage);
        getLifeCycle().startAndTransition(this::loadState, IOException.class);
    }

    /**
     * Before Ratis writes each chunk of a leader's snapshot. Ratis's reload asserts that the state
     * machine is PAUSED, and a second install can start (and pause) while the first one's reload
     * is still importing; so once paused the life-cycle stays PAUSED: {@link #reinitialize} never
     * resumes it, because it cannot tell whether another install's reload is already on its way.
     * The state serves only that assertion: Ratis's updater applies entries whatever it says.
     */
    @Override
    public void pause() {
        if (getLifeCycle().compareAndTransition(LifeCycle.State.RUNNING, LifeCycle.State.PAUSING)) {
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /**
     * After Ratis installed a leader's snapshot in the state-machine directory: load it into the
     * engine. Loads whatever snapshot is newest when it is done too: Ratis may finish installing
     * the next one during the import, and its reload request can be lost (Ratis marks its
     * updater RUNNING after this returns, over a RELOAD set meanwhile), which would leave the
     * engine behind a log that now starts after that snapshot.
     */
    @Override
    public void reinitialize() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                snapshots.reload();
                if (!loadState()) return;
            } catch (NoSuchFileException | UncheckedIOException e) {
                // Ratis replaced the state-machine directory while it was read: read it again
                IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                if (!(cause instanceof NoSuchFileException) || attempt >= MAX_RELOADS) throw cause;
                log.info("snapshot directory replaced while loading it ({}): reading it again", cause.getMessage());
            }
            if (attempt >= MAX_RELOADS) return;
        }
    }

    /**
     * Makes the engine at least as new as the latest snapshot and tells Ratis where to replay
     * from; true when it imported a snapshot.
     */
    private boolean loadState() throws IOException {
        ReplicatedPosition pos = engine().replicatedPosition();
        SnapshotStore.Snapshot snap = snapshots.latest();
        boolean imported = false;
        if (snap != null && snap.termIndex().getIndex() > pos.index()) {
            log.info("engine at index={} is behind snapshot index={}: importing it", pos.index(), snap.termIndex().getIndex());
            SnapshotImport.load(engine(), snap.dir(), snap.termIndex(), importDir);
            setLastAppliedTermIndex(snap.termIndex());
            imported = true;
        } else {
            setLastAppliedTermIndex(TermIndex.valueOf(pos.term(), pos.index()));
        }
        log.info("state machine ready applied={} snapshot={}", getLastAppliedTermIndex(), snap == null ? "none" : snap.termIndex());
        return imported;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long term = entry.getTerm();
        long index = entry.getIndex();
        if (alreadyApplied(index)) return CompletableFuture.completedFuture(Message.EMPTY);
        byte[][] replies;
        try {
            List<ReplicatedEntry> batch = ReplicatedBatch.decode(entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
            byte[][] out = replies = new byte[batch.size()][];
            Engine e = engine();
            e.applyReplicated(term, index, () -> {
                for (int i = 0; i < out.length; i++) out[i] = applier.apply(batch.get(i));
            });
            e.commitAll();
        } catch (RuntimeException ex) {
            // a defect, never a client error (those are replies): stop rather than diverge
            log.error("apply failed term={} index={}", term, index, ex);
            return CompletableFuture.failedFuture(ex);
        }
        updateLastAppliedTermIndex(term, index);
        return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(ReplicatedBatch.encodeReplies(replies))));
    }

    /** Configuration and no-op entries: recorded too, so a restart does not take them for missing. */
    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        if (alreadyApplied(index)) return;
        super.notifyTermIndexUpdated(term, index);
        Engine e = engine();
        e.applyReplicated(term, index, () -> { });
        e.commitAll();
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeader) {
        log.info("raft leader of group {} is now {} (seen by {})", member.getGroupId(), newLeader, member.getPeerId());
    }

    /**
     * Ratis replays from its latest snapshot, which may be older than what the engine durably
     * applied: those entries are in the engine already and are skipped (nobody awaits their
     * replies: they were proposed before this start).
     */
    private boolean alreadyApplied(long index) {
        TermIndex applied = getLastAppliedTermIndex();
        return applied != null && index <= applied.getIndex();
    }

    /** Linearizable reads: Ratis calls this once the read index is applied; the read itself runs on the connection. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex ti = getLastAppliedTermIndex();
        if (ti == null || ti.getIndex() <= 0) return -1;
        SnapshotStore.Snapshot latest = snapshots.latest();
        if (latest != null && latest.termIndex().getIndex() >= ti.getIndex()) return latest.termIndex().getIndex();
        engine().commitAll();
        snapshots.create(engine(), ti);
        return ti.getIndex();
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return snapshots.getLatestSnapshot();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots;
    }

    SnapshotStore.Snapshot latestSnapshot() {
        return snapshots.latest();
    }

    /** The server is stopping: closing the division is expected from now on. */
    void closing() {
        closing = true;
    }

    @Override
    public void close() throws IOException {
        super.close();
        if (!closing) {
            log.error("Ratis closed the shard's division unexpectedly (e.g. after a long JVM pause); exiting so that the supervisor restarts this node");
            onUnexpectedClose.run();
        }
    }

    static ByteString bytes(byte[] b) {
        return UnsafeByteOperations.unsafeWrap(b);
    }
}
