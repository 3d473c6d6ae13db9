package io.stocktsdb.server.cluster;

import io.stocktsdb.engine.key.HashSlot;
import io.stocktsdb.resp.RespRequest;
import java.util.List;

/**
 * Decides where a command runs, as Redis Cluster's {@code getNodeByQuery}: the keys of one
 * request (or of a whole MULTI at EXEC) must share one slot ({@code CROSSSLOT}); the slot's shard
 * leader serves it, any other node answers {@code MOVED <slot> <host>:<port>} to that leader; a
 * READONLY connection may read on a follower of the slot's shard; a shard without a leader gives
 * {@link Route.Kind#NO_LEADER}. Keyless commands are not routed.
 */
public final class ClusterRouter {
    private final Topology topology;
    private final ShardRoles roles;
    private final Topology.Shard myShard;
    private final String myself;

    public ClusterRouter(Topology topology, ShardRoles roles) {
        this.topology = topology;
        this.roles = roles;
        this.myShard = topology.myShard();
        this.myself = topology.myselfNodeId();
    }

    /** Routes one command. */
    public Route route(RoutedCommand cmd, RespRequest req, ConnectionRouting conn) {
        int slot = slotOf(cmd, req, -1);
        if (slot == CROSS) return Route.refused(ClusterRefusal.CROSS_SLOT);
        if (slot < 0) return Route.KEYLESS;
        return forSlot(slot, cmd.writes(), conn);
    }

    /**
     * Routes a transaction at EXEC: every key of every queued command must share one slot; it
     * is a write when any command writes.
     */
    public Route routeAll(List<? extends RoutedCommand> cmds, List<RespRequest> reqs, ConnectionRouting conn) {
        int slot = -1;
        boolean writes = false;
        for (int i = 0; i < cmds.size(); i++) {
            RoutedCommand cmd = cmds.get(i);
            int s = slotOf(cmd, reqs.get(i), slot);
            if (s == CROSS) return Route.refused(ClusterRefusal.CROSS_SLOT);
            if (s >= 0) {
                slot = s;
                writes |= cmd.writes();
            }
        }
        if (slot < 0) return Route.KEYLESS;
        return forSlot(slot, writes, conn);
    }

    /** Where a command of {@code slot} runs. */
    public Route forSlot(int slot, boolean writes, ConnectionRouting conn) {
        Topology.Shard shard = topology.shardOfSlot(slot);
        String leader = roles.leader(shard.shardId());
        if (shard == myShard) {
            if (myself.equals(leader) && roles.localLeaderReady(shard.shardId())) {
                return new Route(writes ? Route.Kind.LOCAL_WRITE : Route.Kind.LOCAL_READ, slot, shard, null);
            }
            if (!writes && conn != null && conn.readonly()) return new Route(Route.Kind.FOLLOWER_READ, slot, shard, null);
            if (leader == null || myself.equals(leader)) return new Route(Route.Kind.NO_LEADER, slot, shard, null);
        } else if (leader == null) {
            return new Route(Route.Kind.NO_LEADER, slot, shard, null);
        }
        Topology.Member target = topology.member(leader);
        if (target == null) return new Route(Route.Kind.NO_LEADER, slot, shard, null);
        return Route.refused(ClusterRefusal.moved(slot, target));
    }

    public Topology topology() { return topology; }

    private static final int CROSS = -2;

    /** The common slot of the command's keys, -1 when it has none, {@link #CROSS} when they differ (or differ from {@code known}). */
    private static int slotOf(RoutedCommand cmd, RespRequest req, int known) {
        int first = cmd.firstKey();
        if (first <= 0) return known;
        int last = cmd.lastKey() < 0 ? req.argc() + cmd.lastKey() : cmd.lastKey();
        int step = Math.max(cmd.step(), 1);
        int slot = known;
        for (int i = first; i <= last && i < req.argc(); i += step) {
            int s = HashSlot.of(req.bytes(i));
            if (slot < 0) slot = s;
            else if (s != slot) return CROSS;
        }
        return slot;
    }
}
