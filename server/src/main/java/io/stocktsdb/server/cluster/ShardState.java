package io.stocktsdb.server.cluster;

import java.util.List;

/**
 * One shard's replication state at one instant. Figures this node cannot know (the commit index
 * of a shard it is not a member of, a member's match index seen from a follower) are -1.
 *
 * @param shardId          the shard (index in the topology)
 * @param leaderNodeId     the current leader's node id, or null during an election
 * @param term             the current Raft term (CLUSTER NODES' config epoch), -1 unknown
 * @param commitIndex      highest log index known committed, -1 unknown
 * @param appliedIndex     highest log index applied to this node's engine (replication offset), -1 unknown
 * @param members          every member's role and position, in topology order
 * @param snapshotIndex    log index of this node's latest snapshot, -1 none or unknown
 * @param snapshotAgeMillis age of that snapshot, -1 none or unknown
 * @param localLeaderReady this node leads the shard and has replayed its log
 */
public record ShardState(int shardId, String leaderNodeId, long term, long commitIndex, long appliedIndex,
        List<MemberState> members, long snapshotIndex, long snapshotAgeMillis, boolean localLeaderReady) {

    public ShardState {
        members = List.copyOf(members);
    }

    /** The entry of {@code nodeId}, or null. */
    public MemberState member(String nodeId) {
        for (MemberState m : members) if (m.nodeId().equals(nodeId)) return m;
        return null;
    }

    /** The largest lag (in log entries) of a follower behind the leader's commit index, -1 unknown. */
    public long maxFollowerLag() {
        long max = -1;
        for (MemberState m : members) if (m.role() == Role.FOLLOWER && m.lag() > max) max = m.lag();
        return max;
    }

    /** A member's role as Raft names it. */
    public enum Role { LEADER, FOLLOWER, CANDIDATE, UNKNOWN }

    /**
     * One member of the shard.
     *
     * @param nodeId           the member's node id
     * @param role             its role, UNKNOWN when unreachable or not known here
     * @param matchIndex       highest log index the leader knows it holds, -1 unknown
     * @param lag              leader's commit index minus its match index, -1 unknown
     * @param reachable        whether this node currently sees it (false: "disconnected")
     * @param lastContactMillis epoch millis of the last message from it, 0 unknown
     */
    public record MemberState(String nodeId, Role role, long matchIndex, long lag, boolean reachable, long lastContactMillis) {}
}
