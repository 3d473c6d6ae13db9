package io.stocktsdb.server.replication;

import io.stocktsdb.server.cluster.Topology;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The leaders of the shards this node is not a member of, for MOVED replies and CLUSTER SLOTS:
 * every {@value #PERIOD_MS} ms each such shard's members are asked for their group info (a Ratis
 * admin call on their Raft port) until one names the leader.
 */
public final class RemoteLeaders implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RemoteLeaders.class);
    private static final long PERIOD_MS = 500;

    /** What the last probe of a shard found: its leader (null: none), term, and the members that answered. */
    record Seen(String leader, long term, Set<String> reachable) {}

    private final Topology topology;
    private final Map<Integer, RaftClient> clients = new HashMap<>();
    private final Map<Integer, Seen> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    public RemoteLeaders(Topology topology) {
        this.topology = topology;
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(1, TimeUnit.SECONDS));
        for (Topology.Shard s : topology.shards()) {
            if (s == topology.myShard()) continue;
            clients.put(s.shardId(), RaftClient.newBuilder().setProperties(p).setRaftGroup(RaftReplica.group(s))
                    .setRetryPolicy(RetryPolicies.noRetry()).build());
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stocktsdb-raft-remote-leaders");
            t.setDaemon(true);
            return t;
        });
        if (!clients.isEmpty()) timer.scheduleWithFixedDelay(this::probeAll, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    public String leader(int shardId) {
        Seen s = seen.get(shardId);
        return s == null ? null : s.leader();
    }

    Seen seen(int shardId) {
        return seen.get(shardId);
    }

    private void probeAll() {
        for (Map.Entry<Integer, RaftClient> e : clients.entrySet()) {
            try {
                seen.put(e.getKey(), probe(topology.shard(e.getKey()), e.getValue()));
            } catch (RuntimeException ex) {
                log.debug("probe of shard {} failed", e.getKey(), ex);
            }
        }
    }

    private static Seen probe(Topology.Shard shard, RaftClient client) {
        String leader = null;
        long term = -1;
        Set<String> reachable = new HashSet<>();
        for (Topology.Member m : shard.members()) {
            try {
                GroupInfoReply r = client.getGroupManagementApi(RaftPeerId.valueOf(m.nodeId())).info(RaftReplica.groupId(shard));
                reachable.add(m.nodeId());
                RoleInfoProto role = r.getRoleInfoProto();
                if (role.getRole() == RaftPeerRole.LEADER) {
                    leader = m.nodeId();
                    term = Math.max(term, role.getLeaderInfo().getTerm());
                } else if (leader == null && role.getRole() == RaftPeerRole.FOLLOWER && role.getFollowerInfo().hasLeaderInfo()) {
                    String l = role.getFollowerInfo().getLeaderInfo().getId().getId().toStringUtf8();
                    if (!l.isEmpty()) leader = l;
                }
            } catch (IOException | RuntimeException e) {
                log.trace("group info of {} failed: {}", m.nodeId(), e.toString());
            }
        }
        return new Seen(leader, term, reachable);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (RaftClient c : clients.values()) {
            try {
                c.close();
            } catch (IOException e) {
                log.debug("raft client close failed", e);
            }
        }
    }
}
