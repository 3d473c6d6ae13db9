package io.stocktsdb.server.cluster;

/**
 * Why a cross-shard query could not be answered whole: one shard's part is missing. The command
 * layer turns it into the client's error reply; no partial answer is ever written.
 */
public final class ShardQueryFailure extends RuntimeException {
    public enum Kind {
        /** The shard has no leader (and no member may answer instead). */
        NO_LEADER,
        /** The member asked could not be reached (connection refused, reset, closed). */
        UNREACHABLE,
        /** No answer within {@code cluster_query_timeout_ms}. */
        TIMEOUT,
        /** The member answered with an error (authentication, permissions, not serving the shard). */
        REFUSED
    }

    private final Kind kind;
    private final int shard;
    private final String member;

    public ShardQueryFailure(Kind kind, int shard, String member, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.shard = shard;
        this.member = member;
    }

    public Kind kind() { return kind; }

    public int shard() { return shard; }

    /** {@code "nodeId host:port"} of the member asked last, null when none could be chosen. */
    public String member() { return member; }

    /** What happened, e.g. the peer's error text or the connection error. */
    public String detail() { return getMessage(); }
}
