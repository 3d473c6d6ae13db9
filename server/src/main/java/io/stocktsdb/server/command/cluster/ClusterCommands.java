package io.stocktsdb.server.command.cluster;

import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.ServerInfo;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.net.Client;
import java.util.ArrayList;
import java.util.List;

/**
 * CLUSTER_INFO (the seed's command) and Redis's CLUSTER container. StockTSDB runs as one
 * standalone node until the cluster stage (docs/cluster.md): CLUSTER_INFO says so in its
 * fields, CLUSTER INFO reports the same live state in Redis's text form, and the other CLUSTER
 * subcommands answer as a standalone Redis does, with "This instance has cluster support
 * disabled", which is how cluster-aware clients recognise a standalone node.
 */
public final class ClusterCommands {

    /** Redis's CLUSTER subcommands cluster-aware clients and tools send, with their arities. */
    private static final String[][] SUBCOMMANDS = {
        {"nodes", "2"}, {"slots", "2"}, {"shards", "2"}, {"myid", "2"}, {"myshardid", "2"},
        {"links", "2"}, {"keyslot", "3"}, {"countkeysinslot", "3"}, {"getkeysinslot", "4"}, {"help", "2"},
    };

    private final ServerContext server;

    public ClusterCommands(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("cluster_info", 1).flags(LOADING, STALE, FAST).categories(AclCategory.CONNECTION)
                .docs("cluster", "1.0.0", "Returns this node's cluster state as field:value strings (StockTSDB).")
                .handler(this::clusterInfo).build());
        r.register(CommandSpec.builder("cluster", -2).categories(AclCategory.SLOW)
                .docs("cluster", "3.0.0", "A container for Redis Cluster commands.").build());
        r.registerSubcommand(CommandSpec.builder("cluster|info", 2).flags(LOADING, STALE)
                .docs("cluster", "3.0.0", "Returns this node's state: standalone, one node, its id, connections and commands.")
                .handler(this::redisClusterInfo).build());
        for (String[] sub : SUBCOMMANDS) {
            r.registerSubcommand(CommandSpec.builder("cluster|" + sub[0], Integer.parseInt(sub[1])).flags(LOADING, STALE)
                    .docs("cluster", "3.0.0", "Redis Cluster " + sub[0].toUpperCase(java.util.Locale.ROOT)
                            + "; cluster support is disabled on a standalone node.")
                    .handler((c, a) -> {
                        throw new CommandException(Errors.CLUSTER_DISABLED);
                    }).build());
        }
    }

    private void clusterInfo(Client c, RespRequest a) {
        List<String> fields = fields();
        c.out().arrayHeader(fields.size());
        for (String f : fields) c.out().bulk(f);
    }

    /**
     * CLUSTER INFO in Redis's text form, with the same live fields as CLUSTER_INFO; it says
     * honestly that this node is standalone ({@code cluster_enabled:0}).
     */
    private void redisClusterInfo(Client c, RespRequest a) {
        StringBuilder sb = new StringBuilder();
        for (String f : fields()) sb.append(f).append("\r\n");
        c.out().verbatim("txt", sb.toString());
    }

    /** The seed's five leading fields with live values, then the rest of this node's state. */
    List<String> fields() {
        List<String> f = new ArrayList<>();
        f.add("node_id:" + server.settings().getString(ConfigFields.NODE_ID));
        f.add("cluster_state:ok");
        f.add("cluster_size:1");
        f.add("current_connections:" + server.clients().size());
        f.add("total_commands:" + server.stats().commandsProcessed.sum());
        f.add("cluster_enabled:0");
        f.add("cluster_mode:standalone");
        f.add("cluster_known_nodes:1");
        f.add("configured_peers:" + server.settings().clusterNodes().size());
        f.add("role:master");
        f.add("bind_addr:" + server.settings().getString(ConfigFields.BIND_ADDR));
        f.add("tcp_port:" + server.tcpPort());
        f.add("uptime_in_seconds:" + (System.currentTimeMillis() - server.startMillis()) / 1000);
        f.add("total_keys:" + server.engine().keyspace().size());
        f.add("total_series:" + server.engine().keyspace().seriesCount());
        f.add("business_types:" + server.engine().router().all().size());
        f.add("redis_version:" + ServerInfo.REDIS_VERSION);
        f.add("stocktsdb_version:" + ServerInfo.PRODUCT_VERSION);
        return f;
    }
}
