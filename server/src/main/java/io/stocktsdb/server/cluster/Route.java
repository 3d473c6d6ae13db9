package io.stocktsdb.server.cluster;

/**
 * Where a command runs in cluster mode, as {@link ClusterRouter} decides it before execution.
 *
 * @param kind  the decision
 * @param slot  the hash slot of the command's keys, -1 when keyless
 * @param shard the shard serving that slot, null when keyless
 * @param refusal why, for {@link Kind#REFUSED} (its text is in command/Errors); otherwise null
 */
public record Route(Kind kind, int slot, Topology.Shard shard, ClusterRefusal refusal) {
    /** Keyless commands (PING, INFO, TS.MRANGE...) are not routed: this node runs them. */
    public static final Route KEYLESS = new Route(Kind.KEYLESS, -1, null, null);

    public enum Kind {
        /** No key: run here. */
        KEYLESS,
        /** A write of a slot this node's leader-ready division serves: replicate, then answer. */
        LOCAL_WRITE,
        /** A read on the leader of the slot's shard: linearizable. */
        LOCAL_READ,
        /** A read on a follower of the slot's shard by a READONLY connection: may be stale. */
        FOLLOWER_READ,
        /** The slot's shard has no leader now (election, lost majority): hold briefly or refuse. */
        NO_LEADER,
        /** Redirected or refused: reply the text of {@link #refusal()} (MOVED, CROSSSLOT). */
        REFUSED
    }

    static Route refused(ClusterRefusal refusal) { return new Route(Kind.REFUSED, -1, null, refusal); }

    public boolean refused() { return kind == Kind.REFUSED; }
}
