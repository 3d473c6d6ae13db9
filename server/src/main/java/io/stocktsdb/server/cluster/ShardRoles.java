package io.stocktsdb.server.cluster;

/**
 * The live replication state of every shard, as the replication layer (Ratis) knows it. The
 * router asks it for MOVED targets and the CLUSTER / INFO replies render it. Implementations are
 * thread-safe and cheap: {@link #leader} is called for every keyed command.
 */
public interface ShardRoles {
    /** The node id of {@code shardId}'s current leader, or null while there is none (an election, a lost majority). */
    String leader(int shardId);

    /**
     * Whether this node may serve {@code shardId} as its leader now: it leads and its division
     * has replayed its log (leader-ready). Only asked for this node's own shard.
     */
    boolean localLeaderReady(int shardId);

    /** A snapshot of the shard's state for reports (CLUSTER NODES/SHARDS, INFO, metrics). */
    ShardState state(int shardId);

    /** Stops background work (probes, clients); called at server shutdown. */
    default void close() {}
}
