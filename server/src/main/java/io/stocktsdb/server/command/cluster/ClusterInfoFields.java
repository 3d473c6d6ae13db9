package io.stocktsdb.server.command.cluster;

import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.ServerInfo;
import io.stocktsdb.server.cluster.ClusterMode;
import io.stocktsdb.server.cluster.ClusterStatus;
import io.stocktsdb.server.cluster.ShardState;
import io.stocktsdb.server.cluster.Topology;
import io.stocktsdb.server.config.ConfigFields;
import java.util.ArrayList;
import java.util.List;

/** The field:value lines of CLUSTER INFO (Redis's) and CLUSTER_INFO (the seed's), standalone or in cluster mode. */
final class ClusterInfoFields {
    private final ServerContext server;

    ClusterInfoFields(ServerContext server) { this.server = server; }

    /** CLUSTER INFO: Redis's fields (without bus message counters: there is no cluster bus). */
    List<String> redisFields() {
        ClusterMode mode = server.cluster();
        if (mode == null) return seedFields();
        ClusterStatus st = ClusterStatus.read(mode);
        int ok = st.slotsOk();
        List<String> f = new ArrayList<>();
        f.add("cluster_state:" + (st.ok() ? "ok" : "fail"));
        f.add("cluster_slots_assigned:16384");
        f.add("cluster_slots_ok:" + ok);
        f.add("cluster_slots_pfail:0");
        f.add("cluster_slots_fail:" + (16384 - ok));
        f.add("cluster_known_nodes:" + mode.topology().members().size());
        f.add("cluster_size:" + mode.topology().shards().size());
        f.add("cluster_current_epoch:" + st.currentEpoch());
        f.add("cluster_my_epoch:" + st.myEpoch());
        return f;
    }

    /** CLUSTER_INFO: the seed's five leading fields with live values, then the rest of this node's and the cluster's state. */
    List<String> seedFields() {
        ClusterMode mode = server.cluster();
        ClusterStatus st = mode == null ? null : ClusterStatus.read(mode);
        List<String> f = new ArrayList<>();
        f.add("node_id:" + server.settings().getString(ConfigFields.NODE_ID));
        f.add("cluster_state:" + (st == null || st.ok() ? "ok" : "fail"));
        f.add("cluster_size:" + (mode == null ? 1 : mode.topology().shards().size()));
        f.add("current_connections:" + server.clients().size());
        f.add("total_commands:" + server.stats().commandsProcessed.sum());
        f.add("cluster_enabled:" + (mode == null ? 0 : 1));
        f.add("cluster_mode:" + (mode == null ? "standalone" : "cluster"));
        f.add("cluster_known_nodes:" + (mode == null ? 1 : mode.topology().members().size()));
        if (mode == null) {
            f.add("configured_peers:" + server.settings().clusterNodes().size());
            f.add("role:master");
        } else {
            Topology t = mode.topology();
            f.add("topology_version:" + t.version());
            f.add("cluster_current_epoch:" + st.currentEpoch());
            f.add("shard:" + t.myShard().shardId());
            f.add("role:" + st.roleIn(t.myShard(), t.myselfNodeId()));
            for (Topology.Shard s : t.shards()) f.add("shard" + s.shardId() + ":" + shardLine(st, s));
            for (Topology.Shard s : t.shards()) {
                for (Topology.Member m : s.members()) f.add("member_" + m.nodeId() + ":" + memberLine(st, s, m));
            }
        }
        f.add("bind_addr:" + server.settings().getString(ConfigFields.BIND_ADDR));
        f.add("tcp_port:" + server.tcpPort());
        f.add("uptime_in_seconds:" + (System.currentTimeMillis() - server.startMillis()) / 1000);
        f.add("total_keys:" + server.engine().keyspace().size());
        f.add("total_series:" + server.engine().keyspace().seriesCount());
        f.add("business_types:" + server.engine().businessTypeCount());
        f.add("redis_version:" + ServerInfo.REDIS_VERSION);
        f.add("stocktsdb_version:" + ServerInfo.PRODUCT_VERSION);
        return f;
    }

    /** {@code slots=0-8191,leader=n1,term=3,commit_index=..,applied_index=..} (-1: not known on this node). */
    static String shardLine(ClusterStatus st, Topology.Shard s) {
        ShardState ss = st.state(s.shardId());
        return "slots=" + ClusterStatus.ranges(s, " ") + ",raft_group=" + s.raftGroupId()
                + ",leader=" + (ss.leaderNodeId() == null ? "-" : ss.leaderNodeId()) + ",term=" + ss.term()
                + ",commit_index=" + ss.commitIndex() + ",applied_index=" + ss.appliedIndex();
    }

    /** {@code addr=host:port,raft_port=..,shard=0,role=leader,match_index=..,lag=..,link=connected}. */
    static String memberLine(ClusterStatus st, Topology.Shard s, Topology.Member m) {
        ShardState.MemberState ms = st.state(s.shardId()).member(m.nodeId());
        return "addr=" + m.address() + ",raft_port=" + m.raftPort() + ",shard=" + s.shardId() + ",role=" + st.roleIn(s, m.nodeId())
                + ",match_index=" + (ms == null ? -1 : ms.matchIndex()) + ",lag=" + (ms == null ? -1 : ms.lag())
                + ",link=" + (st.failed(s, m) ? "disconnected" : "connected");
    }
}
