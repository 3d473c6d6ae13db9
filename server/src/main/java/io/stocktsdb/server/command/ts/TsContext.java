package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.keyspace.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.SeriesOptions;
import io.stocktsdb.engine.series.ValueType;
import io.stocktsdb.server.ServerContext;

/** What the TS.* handlers share: the server, the label index, the LATEST lookup. */
final class TsContext {
    final ServerContext server;
    final SeriesIndex index;
    final LatestLookup latest;

    TsContext(ServerContext server, SeriesIndex index, LatestLookup latest) {
        this.server = server;
        this.index = index;
        this.latest = latest;
    }

    Keyspace keyspace() {
        return server.engine().keyspace();
    }

    /** Options of a series created at {@code key} by a TS.* command: the business defaults, then {@code o}. */
    SeriesOptions newSeriesOptions(Key key, CreateOptions o) {
        SeriesOptions defaults = server.engine().defaultSeriesOptions(key, ValueType.DOUBLE);
        return o.forNewSeries(defaults, server.engine().config().defaultDuplicatePolicy());
    }

    /** The open bucket for LATEST when {@code s} is a compaction destination, else null. */
    LatestBucket latestOf(Series s) {
        return s.options().sourceKey() == null ? null : latest.of(s);
    }
}
