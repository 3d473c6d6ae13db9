package io.stocktsdb.server.cluster;

/** Everything a node in cluster mode knows about the cluster: the topology, the live roles and the router. */
public final class ClusterMode {
    private final Topology topology;
    private final ShardRoles roles;
    private final ClusterRouter router;

    public ClusterMode(Topology topology, ShardRoles roles) {
        this.topology = topology;
        this.roles = roles;
        this.router = new ClusterRouter(topology, roles);
    }

    public Topology topology() { return topology; }

    public ShardRoles roles() { return roles; }

    public ClusterRouter router() { return router; }
}
