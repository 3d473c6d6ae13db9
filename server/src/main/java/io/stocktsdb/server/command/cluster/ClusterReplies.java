package io.stocktsdb.server.command.cluster;

import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.cluster.ClusterStatus;
import io.stocktsdb.server.cluster.ShardState;
import io.stocktsdb.server.cluster.Topology;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * CLUSTER NODES, SLOTS and SHARDS in Redis 7's shapes, rendered from one {@link ClusterStatus}:
 * a shard's leader is its master (configEpoch = term, replication offset = applied index), the
 * other members are its replicas; the Raft port is the cluster bus port.
 */
final class ClusterReplies {
    private ClusterReplies() {}

    /** One line per member: {@code id host:port@raftport flags master ping pong epoch link slots...}. */
    static String nodes(ClusterStatus st) {
        Topology t = st.topology();
        StringBuilder sb = new StringBuilder();
        for (Topology.Shard shard : t.shards()) {
            ShardState ss = st.state(shard.shardId());
            for (Topology.Member m : shard.members()) {
                boolean leader = st.isLeader(shard, m.nodeId());
                boolean myself = m.nodeId().equals(t.myselfNodeId());
                boolean failed = st.failed(shard, m);
                ShardState.MemberState ms = ss.member(m.nodeId());
                sb.append(m.nodeId()).append(' ').append(m.host()).append(':').append(m.port()).append('@').append(m.raftPort()).append(' ');
                if (myself) sb.append("myself,");
                sb.append(leader ? "master" : "slave");
                if (failed) sb.append(",fail");
                sb.append(' ').append(leader || ss.leaderNodeId() == null ? "-" : ss.leaderNodeId());
                sb.append(" 0 ").append(myself || ms == null ? 0 : ms.lastContactMillis());
                sb.append(' ').append(Math.max(0, ss.term()));
                sb.append(' ').append(failed ? "disconnected" : "connected");
                if (leader) sb.append(' ').append(ClusterStatus.ranges(shard, " "));
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code [start, end, master, replicas...]} per slot range of every shard that has a leader, by start slot. */
    static void slots(RespWriter out, ClusterStatus st) {
        record Entry(Topology.SlotRange range, Topology.Shard shard) {}
        List<Entry> entries = new ArrayList<>();
        for (Topology.Shard shard : st.topology().shards()) {
            if (st.state(shard.shardId()).leaderNodeId() == null) continue;
            for (Topology.SlotRange r : shard.slots()) entries.add(new Entry(r, shard));
        }
        entries.sort(Comparator.comparingInt(e -> e.range().start()));
        out.arrayHeader(entries.size());
        for (Entry e : entries) {
            List<Topology.Member> nodes = servingOrder(st, e.shard());
            out.arrayHeader(2 + nodes.size());
            out.integer(e.range().start());
            out.integer(e.range().end());
            for (Topology.Member m : nodes) {
                out.arrayHeader(4);
                out.bulk(m.host());
                out.integer(m.port());
                out.bulk(m.nodeId());
                out.mapHeader(0);
            }
        }
    }

    /** The leader, then the replicas that are not failed. */
    private static List<Topology.Member> servingOrder(ClusterStatus st, Topology.Shard shard) {
        List<Topology.Member> out = new ArrayList<>();
        for (Topology.Member m : shard.members()) if (st.isLeader(shard, m.nodeId())) out.add(m);
        for (Topology.Member m : shard.members()) {
            if (!st.isLeader(shard, m.nodeId()) && !st.failed(shard, m)) out.add(m);
        }
        return out;
    }

    /** Per shard: {@code slots} (start/end pairs) and {@code nodes} (id, port, ip, endpoint, role, replication-offset, health). */
    static void shards(RespWriter out, ClusterStatus st) {
        Topology t = st.topology();
        out.arrayHeader(t.shards().size());
        for (Topology.Shard shard : t.shards()) {
            ShardState ss = st.state(shard.shardId());
            out.mapHeader(2);
            out.bulk("slots");
            out.arrayHeader(shard.slots().size() * 2);
            for (Topology.SlotRange r : shard.slots()) {
                out.integer(r.start());
                out.integer(r.end());
            }
            out.bulk("nodes");
            out.arrayHeader(shard.members().size());
            for (Topology.Member m : shard.members()) {
                boolean leader = st.isLeader(shard, m.nodeId());
                out.mapHeader(7);
                out.bulk("id");
                out.bulk(m.nodeId());
                out.bulk("port");
                out.integer(m.port());
                out.bulk("ip");
                out.bulk(m.host());
                out.bulk("endpoint");
                out.bulk(m.host());
                out.bulk("role");
                out.bulk(leader ? "master" : "replica");
                out.bulk("replication-offset");
                out.integer(offset(st, shard, ss, m));
                out.bulk("health");
                out.bulk(st.failed(shard, m) ? "failed" : "online");
            }
        }
    }

    /** A member's replication offset: its applied index when it is this node, else its match index (0 unknown). */
    private static long offset(ClusterStatus st, Topology.Shard shard, ShardState ss, Topology.Member m) {
        if (m.nodeId().equals(st.topology().myselfNodeId())) return Math.max(0, ss.appliedIndex());
        ShardState.MemberState ms = ss.member(m.nodeId());
        return ms == null ? 0 : Math.max(0, ms.matchIndex());
    }

    /** A shard's 40-hex id (CLUSTER MYSHARDID), the SHA-1 of its Raft group id: the same on every node. */
    static String shardId(Topology.Shard shard) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(shard.raftGroupId().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
