package io.stocktsdb.server.cluster;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The roles of a topology whose shards each have exactly one member and no replication: that
 * member always leads, there is no election (term 0). Its applied position is the engine's
 * last committed op. Multi-member shards need the Raft replication and are refused here.
 */
public final class StaticShardRoles implements ShardRoles {
    private final Topology topology;
    private final LongSupplier appliedPosition;

    public StaticShardRoles(Topology topology, LongSupplier appliedPosition) {
        for (Topology.Shard s : topology.shards()) {
            if (s.members().size() != 1) {
                throw new io.stocktsdb.server.config.ConfigException("shards[" + s.shardId() + "] has " + s.members().size()
                        + " members; shards of more than one member need Raft replication, which this build does not have");
            }
        }
        this.topology = topology;
        this.appliedPosition = appliedPosition;
    }

    @Override
    public String leader(int shardId) { return topology.shard(shardId).members().get(0).nodeId(); }

    @Override
    public boolean localLeaderReady(int shardId) { return topology.shard(shardId) == topology.myShard(); }

    @Override
    public ShardState state(int shardId) {
        Topology.Shard shard = topology.shard(shardId);
        String only = shard.members().get(0).nodeId();
        boolean mine = shard == topology.myShard();
        long applied = mine ? appliedPosition.getAsLong() : -1;
        ShardState.MemberState m = new ShardState.MemberState(only, ShardState.Role.LEADER, applied, mine ? 0 : -1, true,
                mine ? System.currentTimeMillis() : 0);
        return new ShardState(shardId, only, 0, applied, applied, List.of(m), -1, -1, mine);
    }
}
