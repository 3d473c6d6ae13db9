package io.stocktsdb.server.cluster;

/** Redis Cluster's redirection and refusal texts (without the leading '-'), decided in one place. */
public final class ClusterErrors {
    public static final String CROSSSLOT = "CROSSSLOT Keys in request don't hash to the same slot";
    public static final String CLUSTER_DOWN = "CLUSTERDOWN The cluster is down";
    public static final String SLOT_NOT_SERVED = "CLUSTERDOWN Hash slot not served";
    public static final String TRYAGAIN = "TRYAGAIN Multiple keys request during rehashing of slot";

    private ClusterErrors() {}

    /** {@code MOVED <slot> <host>:<port>}. */
    public static String moved(int slot, Topology.Member target) {
        return "MOVED " + slot + " " + target.host() + ":" + target.port();
    }
}
