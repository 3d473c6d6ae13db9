package io.stocktsdb.server.command.ts;

import static io.stocktsdb.server.command.CommandFlag.READONLY;

import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;

/**
 * timeseries.REFRESHCLUSTER: RedisTimeSeries (through its LibMR layer) re-reads the cluster's
 * shards for its multi-shard queries and answers OK; on a standalone server there is nothing to
 * read and it answers OK. Tools call it when MODULE LIST shows timeseries. In cluster mode
 * StockTSDB's nodes take the shards from the topology file every node loads and follow leader
 * changes by themselves, so there is nothing to refresh either: OK as well.
 */
public final class RefreshClusterCommand {
    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("timeseries.refreshcluster", -1).flags(READONLY)
                .docs("timeseries", "1.6.0", "Refreshes the module's view of the cluster's shards (nothing to refresh here).")
                .handler((c, a) -> c.out().ok()).build());
    }
}
