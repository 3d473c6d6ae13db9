package io.stocktsdb.server;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.cluster.Route;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.net.Client;

/**
 * How a command runs in cluster mode once {@link io.stocktsdb.server.cluster.ClusterRouter} has
 * decided this node serves it. The Dispatcher calls it instead of executing directly for every
 * route but REFUSED: KEYLESS, LOCAL_WRITE, LOCAL_READ, FOLLOWER_READ and NO_LEADER (EXEC comes
 * with the route of its whole queue). The replication layer implements it (writes proposed to
 * the shard's Raft group and answered after commit and apply, linearizable leader reads, a
 * short hold while a shard has no leader); {@link #local} runs single-member shards in place.
 */
public interface ReplicatedExecution {
    void execute(Route route, Client client, CommandSpec spec, RespRequest req);

    /**
     * Shards of one member without replication: everything runs here through
     * {@link Dispatcher#execute}; a shard without a leader cannot occur, and is refused.
     */
    static ReplicatedExecution local(Dispatcher dispatcher) {
        return (route, client, spec, req) -> {
            if (route.kind() == Route.Kind.NO_LEADER) dispatcher.refuse(client, spec, Errors.CLUSTER_DOWN);
            else dispatcher.execute(client, spec, req);
        };
    }
}
