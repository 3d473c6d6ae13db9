package io.stocktsdb.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.cluster.ClusterMode;
import io.stocktsdb.server.cluster.ClusterStatus;
import io.stocktsdb.server.cluster.ShardState;
import io.stocktsdb.server.cluster.Topology;

/**
 * Cluster mode's figures per shard, the same INFO cluster shows: this node's role, the term,
 * the leader, commit and applied indexes, the largest follower lag, the snapshot index and age.
 * Figures this node does not know (another shard's commit index) are left out, not zeroed.
 */
final class ClusterCollector implements MultiCollector {
    private final ServerContext server;

    ClusterCollector(ServerContext server) { this.server = server; }

    @Override
    public MetricSnapshots collect() {
        Scrape s = new Scrape();
        ClusterMode mode = server.cluster();
        if (mode == null) return s.build();
        ClusterStatus st = ClusterStatus.read(mode);
        Topology t = mode.topology();
        s.gauge("stocktsdb_cluster_state_ok", "1 when every shard has a leader", st.ok() ? 1 : 0);
        s.gauge("stocktsdb_cluster_topology_version", "Version of the topology this node loaded", t.version());
        Scrape.Family role = s.gauges("stocktsdb_cluster_shard_role", "1 for this node's role in the shard", "shard", "role");
        Scrape.Family leader = s.gauges("stocktsdb_cluster_shard_leader", "1 for the shard's current leader", "shard", "node_id");
        Scrape.Family hasLeader = s.gauges("stocktsdb_cluster_shard_has_leader", "1 when the shard has a leader", "shard");
        Scrape.Family term = s.gauges("stocktsdb_cluster_shard_term", "Raft term of the shard", "shard");
        Scrape.Family commit = s.gauges("stocktsdb_cluster_shard_commit_index", "Highest log index known committed", "shard");
        Scrape.Family applied = s.gauges("stocktsdb_cluster_shard_applied_index", "Highest log index applied on this node", "shard");
        Scrape.Family lag = s.gauges("stocktsdb_cluster_shard_follower_lag", "Largest follower lag behind the commit index, in entries", "shard");
        Scrape.Family snapIndex = s.gauges("stocktsdb_cluster_shard_snapshot_index", "Log index of this node's latest snapshot", "shard");
        Scrape.Family snapAge = s.gauges("stocktsdb_cluster_shard_snapshot_age_seconds", "Age of this node's latest snapshot", "shard");
        for (Topology.Shard shard : t.shards()) {
            String id = String.valueOf(shard.shardId());
            ShardState ss = st.state(shard.shardId());
            role.point(1, id, st.roleIn(shard, t.myselfNodeId()));
            hasLeader.point(ss.leaderNodeId() == null ? 0 : 1, id);
            if (ss.leaderNodeId() != null) leader.point(1, id, ss.leaderNodeId());
            if (ss.term() >= 0) term.point(ss.term(), id);
            if (ss.commitIndex() >= 0) commit.point(ss.commitIndex(), id);
            if (ss.appliedIndex() >= 0) applied.point(ss.appliedIndex(), id);
            if (ss.maxFollowerLag() >= 0) lag.point(ss.maxFollowerLag(), id);
            if (ss.snapshotIndex() >= 0) snapIndex.point(ss.snapshotIndex(), id);
            if (ss.snapshotAgeMillis() >= 0) snapAge.point(ss.snapshotAgeMillis() / 1000.0, id);
        }
        return s.build();
    }
}
