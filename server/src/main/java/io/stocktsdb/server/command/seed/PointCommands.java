package io.stocktsdb.server.command.seed;

import static io.stocktsdb.server.command.CommandFlag.DENYOOM;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.READONLY;
import static io.stocktsdb.server.command.CommandFlag.WRITE;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.series.AddResult;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;

/** TSDB_SET and TSDB_GET: typed points with a quality (the seed's own commands). */
public final class PointCommands {

    private final ServerContext server;

    public PointCommands(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("tsdb_set", -4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1)
                .categories(AclCategory.TIMESERIES).docs("stocktsdb", "0.1.0", "Writes one typed point with a quality.")
                .handler(this::set).build());
        r.register(CommandSpec.builder("tsdb_get", -4).flags(READONLY).keys(1, 1, 1)
                .categories(AclCategory.TIMESERIES).docs("stocktsdb", "0.1.0", "Returns the points of a key in a time range.")
                .handler(this::get).build());
    }

    /** TSDB_SET key ts value [data_type] [quality]. */
    private void set(Client c, RespRequest a) {
        if (a.argc() > 6) throw new CommandException(Errors.SYNTAX);
        Key key = Key.wrap(a.bytes(1));
        long ts = SeedValues.timestamp(a, 2);
        ValueType type = null;
        int quality = SeedValues.DEFAULT_QUALITY;
        if (a.argc() == 6) {
            type = SeedValues.type(a.string(4));
            quality = SeedValues.quality(a, 5);
        } else if (a.argc() == 5) {
            // one optional argument: a quality when it is a number, else a type name
            if (SeedValues.isNumber(a, 4)) {
                quality = SeedValues.quality(a, 4);
            } else {
                type = SeedValues.type(a.string(4));
            }
        }
        if (type == null) type = existingTypeOr(key, ValueType.DOUBLE);
        write(server, key, type, ts, a, 3, quality);
        c.out().ok();
    }

    /** The value type of the series at {@code key}, or {@code fallback} when there is none. */
    ValueType existingTypeOr(Key key, ValueType fallback) {
        Series s = server.engine().keyspace().getSeries(key);
        return s == null ? fallback : s.valueType();
    }

    /** Validates argument {@code valueIndex} as {@code type} and writes it; nothing is written on any error. */
    static void write(ServerContext server, Key key, ValueType type, long ts, RespRequest a, int valueIndex, int quality) {
        server.timestampUnits().checkExplicit(key, ts);
        long bits = 0;
        byte[] blob = null;
        if (type.isNumeric()) {
            bits = SeedValues.numericBits(type, a, valueIndex);
        } else {
            blob = a.bytes(valueIndex);
            if (type == ValueType.HASH) SeedValues.checkJsonObject(blob);
        }
        Runnable events = SeedEvents.beforePoint(server, key);
        AddResult r = server.engine().points().write(key, type, ts, bits, blob, quality);
        if (r == AddResult.TOO_OLD) throw new CommandException(Errors.OLDER_THAN_RETENTION);
        if (events != null) events.run();
    }

    /** TSDB_GET key start end [data_type] [WITHQUALITY]. */
    private void get(Client c, RespRequest a) {
        long from = SeedValues.rangeBound(a, 2);
        long to = SeedValues.rangeBound(a, 3);
        ValueType expected = null;
        boolean withQuality = false;
        for (int i = 4; i < a.argc(); i++) {
            if (a.equalsIgnoreCase(i, "WITHQUALITY")) {
                withQuality = true;
            } else if (expected == null && ValueType.ofWireName(a.string(i)) != null) {
                expected = ValueType.ofWireName(a.string(i));
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        Series s = server.engine().keyspace().getSeries(Key.wrap(a.bytes(1)));
        if (s == null) {
            c.out().arrayHeader(0);
            return;
        }
        if (expected != null && expected != s.valueType()) throw WrongTypeException.INSTANCE;
        if (PointStream.worthStreaming(s, from, to)) {
            c.out().stream(PointStream.open(s, from, to, withQuality));
            return;
        }
        writePoints(c.out(), s.valueType(), PointBuffer.drain(s.range(from, to, true)), withQuality);
    }

    /** Flat {@code [ts, v, (q,) ...]} of bulk strings. */
    static void writePoints(RespWriter out, ValueType type, PointBuffer p, boolean withQuality) {
        out.arrayHeader(p.size * (withQuality ? 3 : 2));
        if (type.isNumeric()) out.reserve((int) Math.min(Integer.MAX_VALUE / 2, p.size * (withQuality ? 56L : 48L)));
        byte[] digits = new byte[io.stocktsdb.resp.RedisDoubleFormatter.MAX_LENGTH];
        for (int i = 0; i < p.size; i++) {
            PointStream.point(out, type, p.timestamps[i], p.valueBits[i], p.blobs[i], p.qualities[i], withQuality, digits);
        }
    }
}
