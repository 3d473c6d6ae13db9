package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.Reducer;
import io.stocktsdb.engine.filter.FilterParser;
import io.stocktsdb.engine.filter.LabelMatcher;
import io.stocktsdb.engine.query.IndexQuery;
import io.stocktsdb.engine.query.LabelSelection;
import io.stocktsdb.engine.query.MGetQuery;
import io.stocktsdb.engine.query.MRangeQuery;
import io.stocktsdb.engine.query.RangeQuery;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;
import java.util.ArrayList;
import java.util.List;

/** Parsing of TS.MGET, TS.MRANGE/TS.MREVRANGE and TS.QUERYINDEX (docs/timeseries.md, "Behaviour: filters and multi-series queries") into the engine's query records. */
final class MultiQueries {
    private MultiQueries() {}

    /** FILTER must be present (else wrong arity) and every argument after it is an expression. */
    static MGetQuery mget(RespRequest a) {
        int filterAt = TsArgs.indexOf(a, "FILTER");
        if (filterAt < 0) throw new CommandException(Errors.wrongArity("ts.mget"));
        LabelSelection labels = LabelSelectionParser.parse(a);
        List<LabelMatcher> filter = FilterParser.parse(strings(a, filterAt + 1, a.argc()));
        return new MGetQuery(TsArgs.has(a, "LATEST"), labels, filter);
    }

    /** Range arguments first, then FILTER, labels, GROUPBY placement, the expressions, GROUPBY/REDUCE. */
    static MRangeQuery mrange(RespRequest a, String commandName, boolean reverse) {
        RangeQuery range = RangeQueryParser.parse(a, 1, commandName, reverse);
        int filterAt = TsArgs.indexOf(a, "FILTER");
        if (filterAt < 0) throw new CommandException(Errors.MISSING_FILTER);
        LabelSelection labels = LabelSelectionParser.parse(a);
        int groupAt = TsArgs.indexOf(a, "GROUPBY");
        if (groupAt > 0 && groupAt < filterAt) throw new CommandException(Errors.GROUPBY_AFTER_FILTER);
        int lastFilter = groupAt > 0 ? groupAt - 1 : a.argc() - 1;
        if (lastFilter == filterAt) throw new CommandException(Errors.MISSING_FILTER_LABELS);
        List<LabelMatcher> filter = FilterParser.parse(strings(a, filterAt + 1, lastFilter + 1));
        if (groupAt <= 0) return new MRangeQuery(range, labels, filter, null, null);

        // GROUPBY label REDUCE reducer must be exactly the last four arguments.
        int reduceAt = TsArgs.indexOf(a, "REDUCE");
        if (groupAt + 1 >= a.argc() || reduceAt < 0 || reduceAt + 1 >= a.argc() || a.argc() - groupAt != 4) {
            throw new CommandException(Errors.wrongArity(commandName));
        }
        Aggregator reducer = Reducer.parse(a.string(reduceAt + 1));
        if (range.width() > 1) throw new CommandException(Errors.GROUPBY_MULTI_AGGREGATORS);
        return new MRangeQuery(range, labels, filter, a.string(groupAt + 1), reducer);
    }

    /** TS.QUERYINDEX filterExpr... */
    static IndexQuery queryIndex(RespRequest a) {
        return new IndexQuery(FilterParser.parse(strings(a, 1, a.argc())));
    }

    private static List<String> strings(RespRequest a, int from, int to) {
        List<String> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) out.add(a.string(i));
        return out;
    }
}
