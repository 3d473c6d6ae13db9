package io.stocktsdb.server.cluster;

/** Everything a node in cluster mode knows about the cluster: the topology, the live roles and the router. */
public final class ClusterMode {
    private final Topology topology;
    private final ShardRoles roles;
    private final ClusterRouter router;
    private final PeerVersionCheck versions;
    private volatile io.stocktsdb.server.cluster.ShardFanOut fanOut;

    public ClusterMode(Topology topology, ShardRoles roles, PeerVersionCheck versions) {
        this.topology = topology;
        this.roles = roles;
        this.router = new ClusterRouter(topology, roles);
        this.versions = versions;
    }

    public Topology topology() { return topology; }

    public ShardRoles roles() { return roles; }

    public ClusterRouter router() { return router; }

    /** Cross-shard queries' way to the other shards; null until the server's event loops exist. */
    public io.stocktsdb.server.cluster.ShardFanOut fanOut() { return fanOut; }

    public void fanOut(io.stocktsdb.server.cluster.ShardFanOut f) { this.fanOut = f; }

    /** Whether label-filtered queries must gather the parts of several shards. */
    public boolean multiShard() { return topology.shards().size() > 1; }

    /** The label-filtered queries that gather every shard's part on a cluster of several shards. */
    private static final java.util.Set<String> GATHERING = java.util.Set.of("ts.mget", "ts.mrange", "ts.mrevrange", "ts.queryindex");

    /**
     * Whether {@code command} gathers every shard's part here: it then runs on this node's event
     * loop and defers its own reply, outside the replicated execution, and is refused in MULTI.
     */
    public boolean gathers(String command) { return multiShard() && GATHERING.contains(command); }

    /**
     * Whether {@code command} runs on the node asked without replication: the cross-shard
     * queries, and BATCH_FLUSH, which has nothing to write in cluster mode (BATCH_SET writes
     * through) and must answer on any node, followers included.
     */
    public boolean runsInPlace(String command) { return gathers(command) || "batch_flush".equals(command); }

    /** The topology version check against the peers. */
    public PeerVersionCheck versions() { return versions; }
}
