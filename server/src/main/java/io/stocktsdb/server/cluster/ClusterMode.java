package io.stocktsdb.server.cluster;

/** Everything a node in cluster mode knows about the cluster: the topology, the live roles and the router. */
public final class ClusterMode {
    private final Topology topology;
    private final ShardRoles roles;
    private final ClusterRouter router;
    private final PeerVersionCheck versions;

    public ClusterMode(Topology topology, ShardRoles roles, PeerVersionCheck versions) {
        this.topology = topology;
        this.roles = roles;
        this.router = new ClusterRouter(topology, roles);
        this.versions = versions;
    }

    public Topology topology() { return topology; }

    public ShardRoles roles() { return roles; }

    public ClusterRouter router() { return router; }

    /** The topology version check against the peers. */
    public PeerVersionCheck versions() { return versions; }
}
