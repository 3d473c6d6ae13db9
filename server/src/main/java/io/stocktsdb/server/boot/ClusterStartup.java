package io.stocktsdb.server.boot;

import io.stocktsdb.server.cluster.ClusterMode;
import io.stocktsdb.server.cluster.PeerVersionCheck;
import io.stocktsdb.server.cluster.StaticShardRoles;
import io.stocktsdb.server.cluster.Topology;
import io.stocktsdb.server.cluster.TopologyLoader;
import io.stocktsdb.server.ReplicatedExecution;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.config.ConfigException;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import java.nio.file.Path;

/**
 * Cluster mode at start-up: the topology is loaded and checked against this node's settings
 * before storage opens, then the replication layer is started over the opened engine.
 */
final class ClusterStartup {
    private ClusterStartup() {}

    /** The topology when {@code cluster_topology} is set, null for a standalone node; refuses a bad one. */
    static Topology loadTopology(Settings s) {
        String file = s.getString(ConfigFields.CLUSTER_TOPOLOGY);
        if (file.isEmpty()) return null;
        String nodeId = s.getString(ConfigFields.NODE_ID);
        Topology t = TopologyLoader.load(Path.of(file), nodeId);
        Topology.Member me = t.myself();
        int port = s.getInt(ConfigFields.PORT);
        if (port != me.port()) {
            throw new ConfigException("port " + port + " differs from node '" + nodeId + "''s port " + me.port() + " in the cluster topology " + file);
        }
        if (!s.clusterNodes().isEmpty()) {
            throw new ConfigException("cluster_nodes cannot be combined with cluster_topology: the topology lists the members");
        }
        return t;
    }

    /** Starts cluster mode over the opened engine: roles, router and how commands run. */
    static void start(ServerContext context, Topology topology) {
        StaticShardRoles roles = new StaticShardRoles(topology, () -> context.engine().lastCommittedSeq());
        PeerVersionCheck versions = new PeerVersionCheck(topology, context.settings().getString(ConfigFields.REQUIREPASS));
        context.cluster(new ClusterMode(topology, roles, versions), ReplicatedExecution.local(context.dispatcher()));
    }

    /**
     * Once this node listens: refuses to go on when a reachable peer runs another topology
     * version, then re-checks every 5 seconds (a disagreement is logged and shown in INFO cluster).
     */
    static void checkPeers(ServerContext context, java.util.concurrent.ScheduledExecutorService chores) {
        ClusterMode mode = context.cluster();
        if (mode == null) return;
        mode.versions().checkAtStart();
        chores.scheduleWithFixedDelay(mode.versions()::checkNow, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
    }
}
