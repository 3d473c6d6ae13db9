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
    final TsEvents events;

    TsContext(ServerContext server) {
        this.server = server;
        this.events = new TsEvents(server);
    }

    Keyspace keyspace() {
        return server.engine().keyspace();
    }

    Queries queries() {
        return server.engine().queries();
    }

    /** Options of a series created at {@code key} by a TS.* command: the business defaults, then {@code o}. */
    SeriesOptions newSeriesOptions(Key key, CreateOptions o) {
        SeriesOptions defaults = server.engine().defaultSeriesOptions(key, ValueType.DOUBLE);
        return o.forNewSeries(defaults, server.engine().config().defaultDuplicatePolicy());
    }
}
