package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.query.Queries;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.server.ServerContext;

/** What the TS.* handlers share: the server, and through it the engine's keyspace and queries. */
final class TsContext {
    final ServerContext server;

    /** The keyspace events the TS.* commands send. */
    final TsEvents events = new TsEvents(this);

    TsContext(ServerContext server) {
        this.server = server;
    }

    Keyspace keyspace() {
        return server.engine().keyspace();
    }

    Queries queries() {
        return server.engine().queries();
    }

    /**
     * Label-filtered queries answer for the whole keyspace or not at all: on a cluster of several
     * shards this node holds only its own shard's series, and the fan-out to the other shards is
     * not built yet, so the query is refused rather than answered in part.
     */
    void requireWholeKeyspace(String command) {
        var cluster = server.cluster();
        if (cluster != null && cluster.topology().shards().size() > 1) {
            throw new io.stocktsdb.server.command.CommandException("ERR TSDB: " + command.toUpperCase(java.util.Locale.ROOT)
                    + " across several shards is not supported yet: this node holds only its shard's series");
        }
    }

    /** Options of a series created at {@code key} by a TS.* command: the business defaults, then {@code o}. */
    SeriesOptions newSeriesOptions(Key key, CreateOptions o) {
        SeriesOptions defaults = server.engine().defaultSeriesOptions(key, ValueType.DOUBLE);
        return o.forNewSeries(defaults, server.engine().config().defaultDuplicatePolicy());
    }
}
