package io.stocktsdb.server.cluster;

import io.stocktsdb.server.client.RespConnection;
import io.stocktsdb.server.config.ConfigException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node must run the same topology {@code version}. The check asks each reachable peer's
 * {@code CLUSTER_INFO} for its {@code topology_version}: at start a disagreement refuses the start
 * naming the peer; afterwards (periodically) it is logged and reported in INFO cluster. A peer that
 * does not answer is skipped: it checks this node when it starts.
 */
public final class PeerVersionCheck {
    private static final Logger log = LoggerFactory.getLogger(PeerVersionCheck.class);
    private static final int TIMEOUT_MS = 1000;

    private final Topology topology;
    private final String password;
    /** nodeId -> why it disagrees, for the peers found disagreeing at the last check. */
    private final Map<String, String> mismatches = new ConcurrentHashMap<>();

    public PeerVersionCheck(Topology topology, String password) {
        this.topology = topology;
        this.password = password;
    }

    /** At start: throws naming the first reachable peer whose topology differs. */
    public void checkAtStart() {
        for (Topology.Member peer : peers()) {
            String problem = problem(peer);
            if (problem != null) throw new ConfigException(problem);
        }
    }

    /** Periodic: records and logs peers that disagree. */
    public void checkNow() {
        for (Topology.Member peer : peers()) {
            String problem = problem(peer);
            if (problem == null) {
                mismatches.remove(peer.nodeId());
            } else if (mismatches.put(peer.nodeId(), problem) == null) {
                log.error("{}", problem);
            }
        }
    }

    /** Node ids of the peers found disagreeing, for INFO cluster. */
    public List<String> mismatchedPeers() {
        return mismatches.keySet().stream().sorted().toList();
    }

    private List<Topology.Member> peers() {
        return topology.members().stream().filter(m -> !m.nodeId().equals(topology.myselfNodeId())).toList();
    }

    /** Why {@code peer} disagrees, or null when it agrees or cannot be asked now. */
    private String problem(Topology.Member peer) {
        Object reply;
        try (RespConnection c = RespConnection.open(peer.host(), peer.port(), password, TIMEOUT_MS)) {
            reply = c.call("CLUSTER_INFO");
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (!(reply instanceof List<?> fields)) return null; // e.g. NOAUTH with another password: cannot tell
        String version = null;
        String nodeId = null;
        for (Object f : fields) {
            String line = String.valueOf(f);
            if (line.startsWith("topology_version:")) version = line.substring("topology_version:".length());
            if (line.startsWith("node_id:")) nodeId = line.substring("node_id:".length());
        }
        String who = "peer " + peer.nodeId() + " (" + peer.address() + ")";
        if (version == null) return "topology version " + topology.version() + ": " + who + " is not in cluster mode";
        if (!version.equals(String.valueOf(topology.version()))) {
            return "topology version " + topology.version() + " differs from " + who + ", which runs version " + version
                    + "; every node must load the same topology file";
        }
        if (!peer.nodeId().equals(nodeId)) return who + " answers as node_id '" + nodeId + "'";
        return null;
    }

}
