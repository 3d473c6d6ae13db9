package io.stocktsdb.server.cluster;

/**
 * Why {@link ClusterRouter} refuses a command: keys of several slots, or a slot another node
 * serves ({@code slot}, {@code host}, {@code port} of the redirection). The wire texts are in
 * {@code command/Errors}.
 */
public record ClusterRefusal(Reason reason, int slot, String host, int port) {
    public enum Reason { CROSSSLOT, MOVED }

    static final ClusterRefusal CROSS_SLOT = new ClusterRefusal(Reason.CROSSSLOT, -1, null, 0);

    static ClusterRefusal moved(int slot, Topology.Member target) {
        return new ClusterRefusal(Reason.MOVED, slot, target.host(), target.port());
    }
}
