package io.stocktsdb.server.command.server;

import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.cluster.ClusterMode;
import io.stocktsdb.server.cluster.ClusterStatus;
import io.stocktsdb.server.cluster.ShardState;
import io.stocktsdb.server.cluster.Topology;
import io.stocktsdb.server.info.InfoBuilder;
import java.util.List;

/**
 * INFO cluster: {@code cluster_enabled} as Redis, then in cluster mode the cluster's state and
 * one line per shard with this node's role in it, the term, the leader, the commit and applied
 * indexes, the largest follower lag, and this node's snapshot index and age (-1: not known here).
 */
final class ClusterInfoSection {
    private ClusterInfoSection() {}

    static void write(InfoBuilder out, ServerContext server) {
        ClusterMode mode = server.cluster();
        out.field("cluster_enabled", mode == null ? 0 : 1);
        if (mode == null) return;
        ClusterStatus st = ClusterStatus.read(mode);
        Topology t = mode.topology();
        out.field("cluster_state", st.ok() ? "ok" : "fail");
        out.field("cluster_topology_version", t.version());
        out.field("cluster_myself", t.myselfNodeId());
        out.field("cluster_my_shard", t.myShard().shardId());
        List<String> mismatched = mode.versions().mismatchedPeers();
        out.field("cluster_peers_with_other_topology", mismatched.isEmpty() ? "-" : String.join(",", mismatched));
        for (Topology.Shard s : t.shards()) {
            ShardState ss = st.state(s.shardId());
            out.field("shard" + s.shardId(), "role=" + st.roleIn(s, t.myselfNodeId())
                    + ",term=" + ss.term()
                    + ",leader=" + (ss.leaderNodeId() == null ? "-" : ss.leaderNodeId())
                    + ",commit_index=" + ss.commitIndex()
                    + ",applied_index=" + ss.appliedIndex()
                    + ",follower_lag=" + ss.maxFollowerLag()
                    + ",snapshot_index=" + ss.snapshotIndex()
                    + ",snapshot_age_ms=" + ss.snapshotAgeMillis()
                    + ",slots=" + ClusterStatus.ranges(s, " ")
                    + ",members=" + s.members().size());
        }
    }

    /**
     * INFO replication in cluster mode, as a Redis Cluster node shows it: master (with its
     * followers) when it leads its shard, otherwise slave of the leader. False when standalone.
     */
    static boolean replication(InfoBuilder out, ServerContext server) {
        ClusterMode mode = server.cluster();
        if (mode == null) return false;
        ClusterStatus st = ClusterStatus.read(mode);
        Topology t = mode.topology();
        Topology.Shard mine = t.myShard();
        ShardState ss = st.state(mine.shardId());
        long offset = Math.max(0, ss.appliedIndex());
        if (st.isLeader(mine, t.myselfNodeId())) {
            out.field("role", "master");
            java.util.List<Topology.Member> online = new java.util.ArrayList<>();
            for (Topology.Member m : mine.members()) {
                ShardState.MemberState ms = ss.member(m.nodeId());
                if (!m.nodeId().equals(t.myselfNodeId()) && ms != null && ms.reachable()) online.add(m);
            }
            out.field("connected_slaves", online.size());
            for (int i = 0; i < online.size(); i++) {
                Topology.Member m = online.get(i);
                ShardState.MemberState ms = ss.member(m.nodeId());
                out.field("slave" + i, "ip=" + m.host() + ",port=" + m.port() + ",state=online,offset=" + Math.max(0, ms.matchIndex())
                        + ",lag=" + (ms.lastContactMillis() > 0 ? (System.currentTimeMillis() - ms.lastContactMillis()) / 1000 : 0));
            }
        } else {
            out.field("role", "slave");
            Topology.Member leader = ss.leaderNodeId() == null ? null : t.member(ss.leaderNodeId());
            out.field("master_host", leader == null ? "?" : leader.host());
            out.field("master_port", leader == null ? 0 : leader.port());
            out.field("master_link_status", leader == null ? "down" : "up");
            out.field("slave_repl_offset", offset);
            out.field("connected_slaves", 0);
        }
        out.field("master_failover_state", "no-failover");
        out.field("master_replid", mine.raftGroupId().replace("-", "") + "00000000");
        out.field("master_repl_offset", offset);
        return true;
    }
}
