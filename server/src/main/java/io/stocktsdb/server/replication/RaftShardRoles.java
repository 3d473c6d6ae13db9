package io.stocktsdb.server.replication;

import io.stocktsdb.server.cluster.ShardRoles;
import io.stocktsdb.server.cluster.ShardState;
import io.stocktsdb.server.cluster.Topology;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.DivisionInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shard roles from Ratis: this node's own shard from its division, the other shards from
 * {@link RemoteLeaders} probes.
 */
public final class RaftShardRoles implements ShardRoles {
    private final Topology topology;
    private final RaftReplica replica;
    private final RemoteLeaders remote;
    private final int myShard;

    public RaftShardRoles(Topology topology, RaftReplica replica, RemoteLeaders remote) {
        this.topology = topology;
        this.replica = replica;
        this.remote = remote;
        this.myShard = topology.myShard().shardId();
    }

    @Override
    public String leader(int shardId) {
        return shardId == myShard ? replica.leader() : remote.leader(shardId);
    }

    @Override
    public boolean localLeaderReady(int shardId) {
        return shardId == myShard && replica.leaderReady();
    }

    @Override
    public ShardState state(int shardId) {
        Topology.Shard shard = topology.shard(shardId);
        if (shardId != myShard) {
            RemoteLeaders.Seen seen = remote.seen(shardId);
            List<ShardState.MemberState> members = new ArrayList<>();
            for (Topology.Member m : shard.members()) {
                boolean lead = seen != null && m.nodeId().equals(seen.leader());
                members.add(new ShardState.MemberState(m.nodeId(), lead ? ShardState.Role.LEADER : seen != null && seen.leader() != null
                        ? ShardState.Role.FOLLOWER : ShardState.Role.UNKNOWN, -1, -1, seen != null && seen.reachable().contains(m.nodeId()), 0));
            }
            return new ShardState(shardId, seen == null ? null : seen.leader(), seen == null ? -1 : seen.term(), -1, -1, members, -1, -1, false);
        }
        DivisionInfo info = replica.info();
        String leader = replica.leader();
        long commit = replica.commitIndex();
        Map<String, Long> commits = new HashMap<>();
        for (CommitInfoProto c : replica.commitInfos()) commits.put(c.getServer().getId().toStringUtf8(), c.getCommitIndex());
        Map<String, Long> elapsed = new HashMap<>();
        boolean iLead = info != null && info.isLeader();
        if (iLead) {
            RoleInfoProto role = info.getRoleInfoProto();
            for (ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
                elapsed.put(f.getId().getId().toStringUtf8(), f.getLastRpcElapsedTimeMs());
            }
        }
        long now = System.currentTimeMillis();
        // a follower counts as reachable while it answered within an election timeout (at least 2 s: GC pauses on a busy machine)
        long reachableMs = Math.max(2000, replica.settings().electionTimeoutMaxMs());
        List<ShardState.MemberState> members = new ArrayList<>();
        for (Topology.Member m : shard.members()) {
            boolean self = m.nodeId().equals(topology.myselfNodeId());
            ShardState.Role role;
            if (self) role = info == null ? ShardState.Role.UNKNOWN : role(info.getCurrentRole());
            else if (m.nodeId().equals(leader)) role = ShardState.Role.LEADER;
            else role = leader != null ? ShardState.Role.FOLLOWER : ShardState.Role.UNKNOWN;
            long match = self ? replica.appliedIndex() : iLead ? commits.getOrDefault(m.nodeId(), -1L) : -1;
            long lag = iLead && match >= 0 ? Math.max(0, commit - match) : -1;
            Long e = elapsed.get(m.nodeId());
            boolean reachable = self || (iLead ? e != null && e < reachableMs : m.nodeId().equals(leader));
            long contact = self ? now : e != null ? now - e : 0;
            members.add(new ShardState.MemberState(m.nodeId(), role, match, lag, reachable, contact));
        }
        SnapshotStore.Snapshot snap = replica.latestSnapshot();
        return new ShardState(shardId, leader, replica.term(), commit, replica.appliedIndex(), members,
                snap == null ? -1 : snap.termIndex().getIndex(), snap == null ? -1 : now - snap.createdMs(), replica.leaderReady());
    }

    private static ShardState.Role role(RaftPeerRole r) {
        return switch (r) {
            case LEADER -> ShardState.Role.LEADER;
            case FOLLOWER -> ShardState.Role.FOLLOWER;
            case CANDIDATE -> ShardState.Role.CANDIDATE;
            default -> ShardState.Role.UNKNOWN;
        };
    }

    @Override
    public void close() {
        remote.close();
        replica.close();
    }
}
