package io.stocktsdb.server.command.cluster;

import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.key.HashSlot;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.cluster.ClusterMode;
import io.stocktsdb.server.cluster.ClusterStatus;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandHandler;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import java.util.ArrayList;
import java.util.List;

/**
 * CLUSTER_INFO (the seed's command) and Redis's CLUSTER container. In cluster mode
 * ({@code cluster_topology}) every subcommand answers the live state: the topology plus the
 * shards' leaders, terms and positions. On a standalone node CLUSTER INFO and CLUSTER_INFO say
 * so in their fields ({@code cluster_enabled:0}) and the other subcommands answer as a
 * standalone Redis does, "This instance has cluster support disabled", which is how
 * cluster-aware clients recognise a standalone node.
 */
public final class ClusterCommands {
    private static final String[] HELP = {
        "CLUSTER <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "COUNTKEYSINSLOT <slot>",
        "    Return the number of keys in <slot>.",
        "GETKEYSINSLOT <slot> <count>",
        "    Return key names stored by current node in a slot.",
        "INFO",
        "    Return information about the cluster.",
        "KEYSLOT <key>",
        "    Return the hash slot for <key>.",
        "MYID",
        "    Return the node id.",
        "MYSHARDID",
        "    Return the node's shard id.",
        "NODES",
        "    Return cluster configuration seen by node. Output format:",
        "    <id> <ip:port@bus-port[,hostname]> <flags> <master> <pings> <pongs> <epoch> <link> <slot> ...",
        "SHARDS",
        "    Return information about slot range mappings and the nodes associated with them.",
        "SLOTS",
        "    Return information about slots range mappings. Each range is made of:",
        "    start, end, master and replicas IP addresses, ports and ids",
        "HELP",
        "    Print this help.",
    };

    private final ServerContext server;
    private final ClusterInfoFields fields;

    public ClusterCommands(ServerContext server) {
        this.server = server;
        this.fields = new ClusterInfoFields(server);
    }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("cluster_info", 1).flags(LOADING, STALE, FAST).categories(AclCategory.CONNECTION)
                .docs("cluster", "1.0.0", "Returns this node's cluster state as field:value strings (StockTSDB).")
                .handler(this::clusterInfo).build());
        r.register(CommandSpec.builder("cluster", -2).categories(AclCategory.SLOW)
                .docs("cluster", "3.0.0", "A container for Redis Cluster commands.").build());
        r.registerSubcommand(CommandSpec.builder("cluster|info", 2).flags(LOADING, STALE)
                .docs("cluster", "3.0.0", "Returns the cluster's state (a standalone node says cluster_enabled:0).")
                .handler(this::redisClusterInfo).build());
        registerConnectionState(r);
        sub(r, "nodes", 2, "Returns the cluster configuration for a node.", (c, a) -> c.out().verbatim("txt", ClusterReplies.nodes(status())));
        sub(r, "slots", 2, "Returns the mapping of cluster slots to nodes.", (c, a) -> ClusterReplies.slots(c.out(), status()));
        sub(r, "shards", 2, "Returns the mapping of cluster slots to shards.", (c, a) -> ClusterReplies.shards(c.out(), status()));
        sub(r, "myid", 2, "Returns the ID of a node.", (c, a) -> c.out().bulk(cluster().topology().myselfNodeId()));
        sub(r, "myshardid", 2, "Returns the shard ID of a node.", (c, a) -> c.out().bulk(ClusterReplies.shardId(cluster().topology().myShard())));
        sub(r, "keyslot", 3, "Returns the hash slot for a key.", (c, a) -> {
            cluster();
            c.out().integer(HashSlot.of(a.bytes(2)));
        });
        sub(r, "countkeysinslot", 3, "Returns the number of keys in a hash slot.", this::countKeysInSlot);
        sub(r, "getkeysinslot", 4, "Returns the key names in a hash slot.", this::getKeysInSlot);
        sub(r, "help", 2, "Returns helpful text about the different subcommands.", (c, a) -> {
            cluster();
            c.out().arrayHeader(HELP.length);
            for (String line : HELP) c.out().simpleString(line);
        });
    }

    /** READONLY, READWRITE and ASKING: a connection's routing state (cluster mode only, as Redis). */
    private void registerConnectionState(CommandRegistry r) {
        connection(r, "readonly", "Enables read-only queries for a connection to a Redis Cluster replica node.", c -> c.routing().readonly(true));
        connection(r, "readwrite", "Enables read-write queries for a connection to a Redis Cluster replica node.",
                c -> c.routing().readonly(false));
        connection(r, "asking", "Signals that a cluster client is following an -ASK redirect.", c -> c.routing().asking(true));
    }

    private void connection(CommandRegistry r, String name, String summary, java.util.function.Consumer<Client> action) {
        r.register(CommandSpec.builder(name, 1).flags(FAST, LOADING, STALE).categories(AclCategory.CONNECTION)
                .docs("cluster", "3.0.0", summary).handler((c, a) -> {
                    cluster();
                    action.accept(c);
                    c.out().ok();
                }).build());
    }

    private static void sub(CommandRegistry r, String name, int arity, String summary, CommandHandler handler) {
        r.registerSubcommand(CommandSpec.builder("cluster|" + name, arity).flags(LOADING, STALE)
                .docs("cluster", "3.0.0", summary + " Cluster mode only.").handler(handler).build());
    }

    /** Cluster mode, or the standalone refusal. */
    private ClusterMode cluster() {
        ClusterMode m = server.cluster();
        if (m == null) throw new CommandException(Errors.CLUSTER_DISABLED);
        return m;
    }

    private ClusterStatus status() { return ClusterStatus.read(cluster()); }

    private void clusterInfo(Client c, RespRequest a) {
        List<String> f = fields.seedFields();
        c.out().arrayHeader(f.size());
        for (String line : f) c.out().bulk(line);
    }

    private void redisClusterInfo(Client c, RespRequest a) {
        StringBuilder sb = new StringBuilder();
        for (String f : fields.redisFields()) sb.append(f).append("\r\n");
        c.out().verbatim("txt", sb.toString());
    }

    private void countKeysInSlot(Client c, RespRequest a) {
        cluster();
        if (!a.isLong(2)) throw new CommandException(Errors.NOT_INTEGER);
        long slot = a.longValue(2);
        if (slot < 0 || slot >= HashSlot.SLOTS) throw new CommandException(Errors.INVALID_SLOT);
        c.out().integer(keysInSlot((int) slot, Long.MAX_VALUE).size());
    }

    private void getKeysInSlot(Client c, RespRequest a) {
        cluster();
        if (!a.isLong(2) || !a.isLong(3)) throw new CommandException(Errors.NOT_INTEGER);
        long slot = a.longValue(2);
        long max = a.longValue(3);
        if (slot < 0 || slot >= HashSlot.SLOTS || max < 0) throw new CommandException(Errors.INVALID_SLOT_OR_COUNT);
        List<Key> keys = keysInSlot((int) slot, max);
        c.out().arrayHeader(keys.size());
        for (Key k : keys) c.out().bulk(k.bytes());
    }

    /** This node's keys of {@code slot} (at most {@code max}); a scan of the keyspace. */
    private List<Key> keysInSlot(int slot, long max) {
        List<Key> out = new ArrayList<>();
        if (max == 0) return out;
        for (Key k : server.engine().keyspace().keys(ALL)) {
            if (k.slot() == slot) {
                out.add(k);
                if (out.size() >= max) break;
            }
        }
        return out;
    }

    private static final byte[] ALL = {'*'};
}
