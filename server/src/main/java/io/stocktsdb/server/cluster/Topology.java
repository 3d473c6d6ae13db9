package io.stocktsdb.server.cluster;

import io.stocktsdb.engine.key.HashSlot;
import java.util.List;

/**
 * The static cluster topology every node loads from the same file: shards, each with its slot
 * ranges, its Raft group and its members, and this node's id. Immutable; {@link TopologyLoader}
 * builds only valid ones (ranges tile 0..16383 exactly once, unique node ids and addresses,
 * every shard has members, {@code myselfNodeId} is a member).
 */
public final class Topology {
    private final long version;
    private final List<Shard> shards;
    private final String myselfNodeId;
    /** slot -> shard id, for the hot path. */
    private final short[] slotOwner;

    public Topology(long version, List<Shard> shards, String myselfNodeId) {
        this.version = version;
        this.shards = List.copyOf(shards);
        this.myselfNodeId = myselfNodeId;
        this.slotOwner = new short[HashSlot.SLOTS];
        java.util.Arrays.fill(slotOwner, (short) -1);
        for (Shard s : this.shards) {
            for (SlotRange r : s.slots()) {
                for (int slot = r.start(); slot <= r.end(); slot++) slotOwner[slot] = (short) s.shardId();
            }
        }
    }

    /** The topology's version; every node of a cluster must load the same one. */
    public long version() { return version; }

    /** Shards in file order; {@code shards().get(i).shardId() == i}. */
    public List<Shard> shards() { return shards; }

    public String myselfNodeId() { return myselfNodeId; }

    public Shard shard(int shardId) { return shards.get(shardId); }

    /** The shard serving {@code slot}. */
    public Shard shardOfSlot(int slot) { return shards.get(slotOwner[slot]); }

    /** The shard this node is a member of. */
    public Shard myShard() { return shardOf(myselfNodeId); }

    public Member myself() { return member(myselfNodeId); }

    /** The shard {@code nodeId} belongs to, or null. */
    public Shard shardOf(String nodeId) {
        for (Shard s : shards) {
            for (Member m : s.members()) if (m.nodeId().equals(nodeId)) return s;
        }
        return null;
    }

    /** The member named {@code nodeId}, or null. */
    public Member member(String nodeId) {
        Shard s = shardOf(nodeId);
        if (s == null) return null;
        for (Member m : s.members()) if (m.nodeId().equals(nodeId)) return m;
        return null;
    }

    /** Every member of every shard. */
    public List<Member> members() {
        return shards.stream().flatMap(s -> s.members().stream()).toList();
    }

    /** One shard: a Raft group of 1, 3 or 5 members serving some slot ranges. */
    public record Shard(int shardId, String raftGroupId, List<SlotRange> slots, List<Member> members) {
        public Shard {
            slots = List.copyOf(slots);
            members = List.copyOf(members);
        }

        /** Number of slots this shard serves. */
        public int slotCount() {
            int n = 0;
            for (SlotRange r : slots) n += r.end() - r.start() + 1;
            return n;
        }
    }

    /** An inclusive range of hash slots. */
    public record SlotRange(int start, int end) {}

    /** One server process: its RESP address and the port its Raft server listens on. */
    public record Member(String nodeId, String host, int port, int raftPort) {
        public String address() { return host + ":" + port; }
    }
}
