package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;

/** TS.CREATE, TS.ALTER and TS.DEL: series-level writes (docs/timeseries.md, "Behaviour: writes"). */
final class SeriesCommands {
    private final TsContext ts;

    SeriesCommands(TsContext ts) {
        this.ts = ts;
    }

    void register(CommandRegistry r) {
        r.register(TsSpecs.write("ts.create", -2, "1.0.0", "Create a new time series", this::create).keys(1, 1, 1).build());
        r.register(TsSpecs.write("ts.alter", -2, "1.0.0", "Update the retention, chunk size, duplicate policy, and labels of an existing time series", this::alter).keys(1, 1, 1).build());
        r.register(TsSpecs.write("ts.del", 4, "1.6.0", "Delete all samples between two timestamps for a given time series", this::del).keys(1, 1, 1).build());
    }

    /** Options are parsed first; a key of any type makes it fail. */
    private void create(Client c, RespRequest a) {
        CreateOptions o = CreateOptionsParser.parse(a, "ts.create");
        Key key = SeriesLookup.key(a, 1);
        if (ts.keyspace().createSeries(key, ts.newSeriesOptions(key, o)) == null) {
            throw new CommandException(Errors.KEY_EXISTS);
        }
        ts.events.module("ts.create", a.bytes(1));
        c.out().ok();
    }

    /** Same parser as TS.CREATE (ENCODING validated, then ignored); only the given options change. */
    private void alter(Client c, RespRequest a) {
        CreateOptions o = CreateOptionsParser.parse(a, "ts.alter");
        Series s = SeriesLookup.existing(ts.keyspace(), SeriesLookup.key(a, 1));
        if (!s.alter(o.forAlter(s.options()))) throw new CommandException(Errors.KEY_DOES_NOT_EXIST);
        ts.events.module("ts.alter", a.bytes(1));
        c.out().ok();
    }

    /** The range is parsed before the key is opened; both bounds are inclusive. */
    private void del(Client c, RespRequest a) {
        long from = TsArgs.isSingle(a, 2, '-') ? 0 : TsArgs.timestampOrInvalid(a, 2);
        if (from < 0) throw new CommandException(Errors.WRONG_FROM);
        long to = TsArgs.isSingle(a, 3, '+') ? Long.MAX_VALUE : TsArgs.timestampOrInvalid(a, 3);
        if (to < 0) throw new CommandException(Errors.WRONG_TO);
        Series s = SeriesLookup.existing(ts.keyspace(), SeriesLookup.key(a, 1));
        // A compaction source with a retention refuses deletes before its retention window (engine check).
        long deleted = s.deleteRange(from, to);
        ts.events.module("ts.del", a.bytes(1));
        c.out().integer(deleted);
    }
}
