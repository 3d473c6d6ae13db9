package io.stocktsdb.server.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * One consistent reading of every shard's state, from which CLUSTER INFO/NODES/SLOTS/SHARDS,
 * INFO cluster, CLUSTER_INFO and /metrics are rendered. The cluster is "ok" when every shard has
 * a leader (the topology always covers every slot).
 */
public final class ClusterStatus {
    private final Topology topology;
    private final List<ShardState> states;

    private ClusterStatus(Topology topology, List<ShardState> states) {
        this.topology = topology;
        this.states = states;
    }

    public static ClusterStatus read(ClusterMode mode) {
        List<ShardState> states = new ArrayList<>();
        for (Topology.Shard s : mode.topology().shards()) states.add(mode.roles().state(s.shardId()));
        return new ClusterStatus(mode.topology(), List.copyOf(states));
    }

    public Topology topology() { return topology; }

    public ShardState state(int shardId) { return states.get(shardId); }

    public ShardState myState() { return states.get(topology.myShard().shardId()); }

    /** Every shard has a leader. */
    public boolean ok() {
        for (ShardState s : states) if (s.leaderNodeId() == null) return false;
        return true;
    }

    /** Slots whose shard has a leader now. */
    public int slotsOk() {
        int n = 0;
        for (Topology.Shard s : topology.shards()) if (states.get(s.shardId()).leaderNodeId() != null) n += s.slotCount();
        return n;
    }

    /** The highest term of any shard (Redis's current epoch), 0 when none is known. */
    public long currentEpoch() {
        long max = 0;
        for (ShardState s : states) max = Math.max(max, s.term());
        return max;
    }

    /** This node's shard's term (Redis's my epoch), 0 when unknown. */
    public long myEpoch() { return Math.max(0, myState().term()); }

    /** Whether {@code nodeId} leads its shard now. */
    public boolean isLeader(Topology.Shard shard, String nodeId) {
        return nodeId.equals(states.get(shard.shardId()).leaderNodeId());
    }

    /** This node's role in {@code shard}: leader, follower, candidate, or none when not a member. */
    public String roleIn(Topology.Shard shard, String nodeId) {
        ShardState st = states.get(shard.shardId());
        if (nodeId.equals(st.leaderNodeId())) return "leader";
        ShardState.MemberState m = st.member(nodeId);
        if (m == null) return "none";
        return switch (m.role()) {
            case LEADER -> "leader";
            case FOLLOWER -> "follower";
            case CANDIDATE -> "candidate";
            case UNKNOWN -> st.leaderNodeId() != null ? "follower" : "unknown";
        };
    }

    /** A member is seen as failed when its shard's state says it is unreachable (never myself). */
    public boolean failed(Topology.Shard shard, Topology.Member m) {
        if (m.nodeId().equals(topology.myselfNodeId())) return false;
        ShardState.MemberState ms = states.get(shard.shardId()).member(m.nodeId());
        return ms != null && !ms.reachable();
    }

    /** The slot ranges as Redis writes them in CLUSTER NODES: {@code 0-8191 9000 9002-9010}. */
    public static String ranges(Topology.Shard shard, String separator) {
        StringJoiner j = new StringJoiner(separator);
        for (Topology.SlotRange r : shard.slots()) j.add(r.start() == r.end() ? String.valueOf(r.start()) : r.start() + "-" + r.end());
        return j.toString();
    }
}
