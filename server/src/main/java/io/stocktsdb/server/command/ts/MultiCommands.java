package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.index.LabelMatcher;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.acl.UserRules;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.net.Client;
import java.util.List;

/**
 * TS.MGET, TS.MRANGE, TS.MREVRANGE, TS.QUERYINDEX: label-filtered queries (reference §4). Results
 * are sorted by key bytes; RESP3 replies are maps keyed by series name (QUERYINDEX a set). Every
 * matched series is checked before the reply starts, so an error never follows partial output.
 */
final class MultiCommands {
    private final TsContext ts;

    MultiCommands(TsContext ts) {
        this.ts = ts;
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
        MultiQueries.MGet q = MultiQueries.mget(a);
        List<SeriesIndex.Match> matches = numericMatches(c, q.filter());
        RespWriter out = c.out();
        entriesHeader(out, matches.size());
        for (SeriesIndex.Match m : matches) {
            if (!out.resp3()) out.arrayHeader(3);
            out.bulk(m.key().bytes());
            if (out.resp3()) out.arrayHeader(2);
            LabelReplies.selected(out, m.series().options().labels(), q.labels());
            ReadCommands.writeLast(out, m.series(), q.latest() ? ts.latestOf(m.series()) : null);
        }
    }

    private void mrange(Client c, RespRequest a, String name, boolean reverse) {
        MultiQueries.MRange q = MultiQueries.mrange(a, name);
        List<SeriesIndex.Match> matches = numericMatches(c, q.filter());
        if (q.groupBy() != null) {
            GroupedRange.write(c.out(), ts, q, matches, reverse);
            return;
        }
        RespWriter out = c.out();
        RangeQuery range = q.range();
        entriesHeader(out, matches.size());
        for (SeriesIndex.Match m : matches) {
            if (!out.resp3()) out.arrayHeader(3);
            out.bulk(m.key().bytes());
            if (out.resp3()) out.arrayHeader(3);
            LabelReplies.selected(out, m.series().options().labels(), q.labels());
            if (out.resp3()) aggregatorsMetadata(out, range);
            LatestBucket latest = range.latest() ? ts.latestOf(m.series()) : null;
            ReadCommands.writeRange(out, m.series(), range, latest, reverse);
        }
    }

    private void queryIndex(Client c, RespRequest a) {
        List<SeriesIndex.Match> matches = ts.index.query(MultiQueries.queryIndex(a));
        checkReadPermission(c, matches);
        RespWriter out = c.out();
        out.setHeader(matches.size());
        for (SeriesIndex.Match m : matches) out.bulk(m.key().bytes());
    }

    private List<SeriesIndex.Match> numericMatches(Client c, List<LabelMatcher> filter) {
        List<SeriesIndex.Match> matches = ts.index.query(filter);
        checkReadPermission(c, matches);
        for (SeriesIndex.Match m : matches) SeriesLookup.requireNumeric(m.series());
        return matches;
    }

    /** Like RTS 8.0+: the user must be allowed to read every key the filter matched. */
    private static void checkReadPermission(Client c, List<SeriesIndex.Match> matches) {
        UserRules rules = c.aclUser().rules();
        if (rules.unrestricted()) return;
        for (SeriesIndex.Match m : matches) {
            if (!rules.grantsKey(m.key().bytes(), CommandSpec.KEY_READ)) throw new CommandException(TsErrorTexts.NOPERM_FILTER);
        }
    }

    /** RESP3: a map keyed by series name; RESP2: an array of entries. */
    static void entriesHeader(RespWriter out, int n) {
        if (out.resp3()) {
            out.mapHeader(n);
        } else {
            out.arrayHeader(n);
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
