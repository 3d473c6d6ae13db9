package io.stocktsdb.server.command.seed;

import static io.stocktsdb.server.command.CommandFlag.DENYOOM;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.READONLY;
import static io.stocktsdb.server.command.CommandFlag.WRITE;

import com.fasterxml.jackson.databind.JsonNode;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.net.Client;
import java.util.ArrayList;
import java.util.List;

/** HASH_SET, HASH_GET, HASH_FIELDS: points whose value is one JSON object (e.g. a K-line). */
public final class HashPointCommands {
    private final ServerContext server;

    public HashPointCommands(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("hash_set", 4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1)
                .categories(AclCategory.TIMESERIES).docs("stocktsdb", "0.1.0", "Writes one point whose value is a JSON object.")
                .handler(this::set).build());
        r.register(CommandSpec.builder("hash_get", 4).flags(READONLY).keys(1, 1, 1)
                .categories(AclCategory.TIMESERIES).docs("stocktsdb", "0.1.0", "Returns the JSON points of a key in a time range.")
                .handler(this::get).build());
        r.register(CommandSpec.builder("hash_fields", -5).flags(READONLY).keys(1, 1, 1)
                .categories(AclCategory.TIMESERIES).docs("stocktsdb", "0.1.0", "Returns chosen fields of the JSON points in a time range.")
                .handler(this::fields).build());
    }

    private void set(Client c, RespRequest a) {
        long ts = SeedValues.timestamp(a, 2);
        PointCommands.write(server, Key.wrap(a.bytes(1)), ValueType.HASH, ts, a, 3, SeedValues.DEFAULT_QUALITY);
        c.out().ok();
    }

    private Series hashSeries(RespRequest a) {
        Series s = server.engine().keyspace().getSeries(Key.wrap(a.bytes(1)));
        if (s != null && s.valueType() != ValueType.HASH) throw WrongTypeException.INSTANCE;
        return s;
    }

    /** The points of the hash series at argument 1 within [argument 2, argument 3]; none for a missing key. */
    private PointBuffer points(RespRequest a) {
        long from = SeedValues.rangeBound(a, 2);
        long to = SeedValues.rangeBound(a, 3);
        Series s = hashSeries(a);
        return s == null ? new PointBuffer() : PointBuffer.drain(s.range(from, to, true));
    }

    private void get(Client c, RespRequest a) {
        long from = SeedValues.rangeBound(a, 2);
        long to = SeedValues.rangeBound(a, 3);
        Series s = hashSeries(a);
        if (s != null && PointStream.worthStreaming(s, from, to)) {
            c.out().stream(PointStream.open(s, from, to, false));
            return;
        }
        PointCommands.writePoints(c.out(), ValueType.HASH, points(a), false);
    }

    private void fields(Client c, RespRequest a) {
        PointBuffer p = points(a);
        List<String> names = new ArrayList<>();
        for (int i = 4; i < a.argc(); i++) names.add(a.string(i));
        c.out().arrayHeader(p.size);
        for (int i = 0; i < p.size; i++) {
            JsonNode obj = SeedValues.parseJson(p.blobs[i]);
            c.out().arrayHeader(1 + names.size());
            c.out().bulkLong(p.timestamps[i]);
            for (String n : names) c.out().bulk(SeedValues.field(obj, n));
        }
    }
}
