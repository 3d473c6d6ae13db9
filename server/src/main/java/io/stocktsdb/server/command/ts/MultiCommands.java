package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.query.IndexQuery;
import io.stocktsdb.engine.query.IndexResult;
import io.stocktsdb.engine.query.LastSample;
import io.stocktsdb.engine.query.MGetQuery;
import io.stocktsdb.engine.query.MGetResult;
import io.stocktsdb.engine.query.MRangeQuery;
import io.stocktsdb.engine.query.MRangeResult;
import io.stocktsdb.engine.query.RangeQuery;
import io.stocktsdb.engine.query.SeriesRows;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.acl.UserRules;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import java.util.List;
import java.util.function.Function;

/**
 * TS.MGET, TS.MRANGE, TS.MREVRANGE, TS.QUERYINDEX: label-filtered queries (docs/timeseries.md, "Behaviour: filters and multi-series queries"), executed
 * and merged by the engine ({@code Queries}). Results are sorted by key bytes; RESP3 replies are
 * maps keyed by series name (QUERYINDEX a set). Every matched series is checked (read permission,
 * then numbers) before the reply starts, so an error never follows partial output. On a cluster
 * of several shards the parts of every shard are gathered first ({@link CrossShardQueries}) and
 * the merged answer is written by the same code.
 */
final class MultiCommands {
    private final TsContext ts;
    private final CrossShardQueries crossShard;

    MultiCommands(TsContext ts) {
        this.ts = ts;
        this.crossShard = new CrossShardQueries(ts);
    }

    void register(CommandRegistry r) {
        r.register(TsSpecs.read("ts.mget", -3, "1.0.0", "Get the sample with the highest timestamp from each time series matching a specific filter", this::mget).build());
        r.register(TsSpecs.read("ts.mrange", -4, "1.0.0", "Query a range across multiple time series by filters in forward direction",
                (c, a) -> mrange(c, a, "ts.mrange", false)).build());
        r.register(TsSpecs.read("ts.mrevrange", -4, "1.4.0", "Query a range across multiple time series by filters in reverse direction",
                (c, a) -> mrange(c, a, "ts.mrevrange", true)).build());
        r.register(TsSpecs.read("ts.queryindex", -2, "1.0.0", "Get all time series keys matching a filter list", this::queryIndex).build());
    }

    private void mget(Client c, RespRequest a) {
        MGetQuery q = MultiQueries.mget(a);
        if (crossShard.active()) {
            crossShard.mget(c, q, (client, result) -> writeMGet(client, q, result));
            return;
        }
        writeMGet(c, q, ts.queries().mget(q));
    }

    private void mrange(Client c, RespRequest a, String name, boolean reverse) {
        MRangeQuery q = MultiQueries.mrange(a, name, reverse);
        if (crossShard.active()) {
            crossShard.mrange(c, name, q, (client, result) -> writeMRange(client, q, result));
            return;
        }
        writeMRange(c, q, ts.queries().mrange(q));
    }

    private void queryIndex(Client c, RespRequest a) {
        IndexQuery q = MultiQueries.queryIndex(a);
        if (crossShard.active()) {
            crossShard.queryIndex(c, q, MultiCommands::writeQueryIndex);
            return;
        }
        writeQueryIndex(c, ts.queries().queryIndex(q));
    }

    /** The reply of a merged TS.MGET (this node's alone, or every shard's): checks first, then the entries. */
    private static void writeMGet(Client c, MGetQuery q, MGetResult result) {
        checkReadPermission(c, result.entries(), LastSample::key);
        for (LastSample e : result.entries()) SeriesLookup.requireNumeric(e.type());
        RespWriter out = c.out();
        out.mapOrArrayHeader(result.entries().size());
        for (LastSample e : result.entries()) {
            out.entry(e.key().bytes(), 2, 2);
            LabelReplies.selected(out, e.labels(), q.labels());
            ReadCommands.writeLast(out, e);
        }
    }

    private static void writeMRange(Client c, MRangeQuery q, MRangeResult result) {
        checkReadPermission(c, result.series(), SeriesRows::key);
        for (SeriesRows s : result.series()) SeriesLookup.requireNumeric(s.type());
        if (result.grouped()) {
            GroupReplies.write(c.out(), q, result.groups());
            return;
        }
        RespWriter out = c.out();
        out.mapOrArrayHeader(result.series().size());
        for (SeriesRows s : result.series()) {
            out.entry(s.key().bytes(), 2, 3); // RESP3 adds the aggregators metadata
            LabelReplies.selected(out, s.labels(), q.labels());
            if (out.resp3()) aggregatorsMetadata(out, q.range());
            ReadCommands.writeRows(out, s.rows());
        }
    }

    private static void writeQueryIndex(Client c, IndexResult result) {
        checkReadPermission(c, result.keys(), k -> k);
        RespWriter out = c.out();
        out.setHeader(result.keys().size());
        for (Key k : result.keys()) out.bulk(k.bytes());
    }

    /** Like RTS 8.0+: the user must be allowed to read every key the filter matched. */
    static <T> void checkReadPermission(Client c, List<T> matches, Function<T, Key> key) {
        UserRules rules = c.aclUser().rules();
        if (rules.unrestricted()) return;
        for (T m : matches) {
            if (!rules.grantsKey(key.apply(m).bytes(), CommandSpec.KEY_READ)) throw new CommandException(Errors.NOPERM_FILTER);
        }
    }

    /** RESP3 MRANGE's middle element: {@code {"aggregators": [names]}}. */
    private static void aggregatorsMetadata(RespWriter out, RangeQuery range) {
        out.mapHeader(1);
        out.bulk("aggregators");
        if (range.aggregation() == null) {
            out.arrayHeader(0);
            return;
        }
        List<Aggregator> aggregators = range.aggregation().aggregators();
        out.arrayHeader(aggregators.size());
        for (Aggregator agg : aggregators) out.bulk(agg.wireName());
    }
}
