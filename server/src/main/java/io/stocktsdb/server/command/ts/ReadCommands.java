package io.stocktsdb.server.command.ts;

import io.netty.buffer.ByteBuf;
import io.stocktsdb.engine.query.LastSample;
import io.stocktsdb.engine.query.RangeQuery;
import io.stocktsdb.engine.query.RowSource;
import io.stocktsdb.engine.query.SnapshotRange;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.resp.PostponedArray;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;

/** TS.RANGE, TS.REVRANGE, TS.GET, TS.INFO: single-series reads (docs/timeseries.md, "Behaviour: range queries and TS.INFO"). */
final class ReadCommands {
    private final TsContext ts;

    ReadCommands(TsContext ts) {
        this.ts = ts;
    }

    void register(CommandRegistry r) {
        r.register(TsSpecs.read("ts.range", -4, "1.0.0", "Query a range in forward direction",
                (c, a) -> range(c, a, "ts.range", false)).keys(1, 1, 1).build());
        r.register(TsSpecs.read("ts.revrange", -4, "1.4.0", "Query a range in reverse direction",
                (c, a) -> range(c, a, "ts.revrange", true)).keys(1, 1, 1).build());
        r.register(TsSpecs.read("ts.get", -2, "1.0.0", "Get the sample with the highest timestamp from a given time series", this::get)
                .keys(1, 1, 1).build());
        r.register(TsSpecs.read("ts.info", -2, "1.0.0", "Returns information and statistics for a time series", this::info)
                .keys(1, 1, 1).build());
    }

    /** The key is opened before the range arguments are parsed. */
    private void range(Client c, RespRequest a, String name, boolean reverse) {
        Series s = SeriesLookup.existing(ts.keyspace(), SeriesLookup.key(a, 1));
        RangeQuery q = RangeQueryParser.parse(a, 2, name, reverse);
        SeriesLookup.requireNumeric(s);
        SnapshotRange big = ts.queries().bigRange(s, q);
        if (big != null) {
            c.out().stream(new StreamedRange(big));
            return;
        }
        RespWriter out = c.out();
        ByteBuf reply = PostponedArray.open(out);
        int n;
        try {
            n = ts.queries().range(s, q, SampleReplies.rowWriter(out));
        } catch (RuntimeException e) {
            PostponedArray.abandon(out, reply);
            throw e;
        }
        PostponedArray.close(out, reply, n);
    }

    /** Rows as a reply array: the header first when their number is known, else postponed. */
    static void writeRows(RespWriter out, RowSource rows) {
        int known = rows.knownSize();
        if (known >= 0) {
            out.arrayHeader(known);
            rows.stream(SampleReplies.rowWriter(out));
            return;
        }
        ByteBuf reply = PostponedArray.open(out);
        int n;
        try {
            n = rows.stream(SampleReplies.rowWriter(out));
        } catch (RuntimeException e) {
            PostponedArray.abandon(out, reply);
            throw e;
        }
        PostponedArray.close(out, reply, n);
    }

    private void get(Client c, RespRequest a) {
        if (a.argc() > 3) throw new CommandException(Errors.wrongArity("ts.get"));
        boolean latest = false;
        if (a.argc() == 3) {
            if (!a.equalsIgnoreCase(2, "LATEST")) throw new CommandException(Errors.WRONG_3RD_ARGUMENT);
            latest = true;
        }
        Series s = SeriesLookup.existing(ts.keyspace(), SeriesLookup.key(a, 1));
        SeriesLookup.requireNumeric(s);
        writeLast(c.out(), ts.queries().last(s, latest));
    }

    /** {@code [ts, value]}; {@code []} when there is no sample. */
    static void writeLast(RespWriter out, LastSample last) {
        if (last.present()) {
            SampleReplies.sample(out, last.timestamp(), last.value());
        } else {
            out.arrayHeader(0);
        }
    }

    /** A third argument other than DEBUG is ignored. */
    private void info(Client c, RespRequest a) {
        if (a.argc() > 3) throw new CommandException(Errors.wrongArity("ts.info"));
        boolean debug = a.argc() == 3 && a.equalsIgnoreCase(2, "DEBUG");
        Series s = SeriesLookup.existing(ts.keyspace(), SeriesLookup.key(a, 1));
        InfoReply.write(c.out(), s, debug);
    }
}
