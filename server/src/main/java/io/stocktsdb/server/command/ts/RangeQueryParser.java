package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.aggregate.BucketTimestamp;
import io.stocktsdb.engine.query.AggregationQuery;
import io.stocktsdb.engine.query.RangeQuery;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RedisTimeSeries {@code parseRangeArguments} (docs/timeseries.md, "Behaviour: range queries and TS.INFO"): from, to, LATEST, COUNT,
 * AGGREGATION (with BUCKETTIMESTAMP and EMPTY), ALIGN, FILTER_BY_VALUE, FILTER_BY_TS, checked in
 * that order, the first error winning. Options are found anywhere; unknown tokens are ignored.
 * The result is the engine's query record.
 */
final class RangeQueryParser {
    /** RTS MAX_TS_VALUES_FILTER: further FILTER_BY_TS values are silently dropped. */
    static final int MAX_FILTER_BY_TS = 128;

    private RangeQueryParser() {}

    /**
     * @param start       index of fromTimestamp
     * @param commandName registered name, for wrong-arity replies
     * @param reverse     REVRANGE, MREVRANGE
     */
    static RangeQuery parse(RespRequest a, int start, String commandName, boolean reverse) {
        boolean fromIsMin = TsArgs.isSingle(a, start, '-');
        long from = fromIsMin ? 0 : TsArgs.timestampOrInvalid(a, start);
        if (from < 0) throw new CommandException(Errors.WRONG_FROM);
        boolean toIsMax = TsArgs.isSingle(a, start + 1, '+');
        long to = toIsMax ? Long.MAX_VALUE : TsArgs.timestampOrInvalid(a, start + 1);
        if (to < 0) throw new CommandException(Errors.WRONG_TO);

        boolean latest = TsArgs.has(a, "LATEST");
        long count = count(a);
        AggregationQuery aggregation = aggregation(a, commandName, fromIsMin, toIsMax);

        boolean byValue = false;
        double min = 0;
        double max = 0;
        int at = TsArgs.indexOf(a, "FILTER_BY_VALUE");
        if (at > 0) {
            if (at + 2 >= a.argc()) throw new CommandException(Errors.FILTER_BY_VALUE_MISSING);
            min = TsArgs.redisDouble(a, at + 1);
            if (Double.isNaN(min)) throw new CommandException(Errors.PARSE_MIN);
            max = TsArgs.redisDouble(a, at + 2);
            if (Double.isNaN(max)) throw new CommandException(Errors.PARSE_MAX);
            byValue = true;
        }

        long[] byTs = null;
        at = TsArgs.indexOf(a, "FILTER_BY_TS");
        if (at > 0) {
            long[] values = new long[MAX_FILTER_BY_TS];
            int n = 0;
            for (int i = at + 1; i < a.argc() && n < MAX_FILTER_BY_TS; i++) {
                long t = TsArgs.timestampOrInvalid(a, i);
                if (t < 0) break;
                values[n++] = t;
            }
            if (n == 0) throw new CommandException(Errors.FILTER_BY_TS_MISSING);
            Arrays.sort(values, 0, n);
            int distinct = 1;
            for (int i = 1; i < n; i++) if (values[i] != values[distinct - 1]) values[distinct++] = values[i];
            byTs = Arrays.copyOf(values, distinct);
        }
        return new RangeQuery(from, to, fromIsMin, toIsMax, reverse, latest, count, byTs, byValue, min, max, aggregation);
    }

    /** COUNT n; {@code AGGREGATION count d} and {@code REDUCE count} are not COUNT. -1 when absent. */
    private static long count(RespRequest a) {
        int at = TsArgs.indexOf(a, "COUNT");
        if (at <= 0) return -1;
        int aggregationAt = TsArgs.indexOf(a, "AGGREGATION");
        if (aggregationAt > 0 && at == aggregationAt + 1) {
            at = TsArgs.indexOf(a, "COUNT", aggregationAt + 2);
            if (at < 0) return -1;
        }
        int reduceAt = TsArgs.indexOf(a, "REDUCE");
        if (reduceAt > 0 && at == reduceAt + 1) {
            at = TsArgs.indexOf(a, "COUNT", reduceAt + 2);
            if (at < 0) return -1;
        }
        if (at + 1 >= a.argc()) throw new CommandException(Errors.COUNT_MISSING);
        long n = TsArgs.longOrInvalid(a, at + 1);
        if (n == Long.MIN_VALUE) throw new CommandException(Errors.PARSE_COUNT);
        if (n < 1) throw new CommandException(Errors.INVALID_COUNT);
        return n;
    }

    private static AggregationQuery aggregation(RespRequest a, String commandName, boolean fromIsMin, boolean toIsMax) {
        AggregationQuery parsed = null;
        int at = TsArgs.indexOf(a, "AGGREGATION");
        if (at > 0) {
            if (at + 2 >= a.argc()) throw new CommandException(Errors.PARSE_AGGREGATION);
            long duration = TsArgs.longOrInvalid(a, at + 2);
            if (duration == Long.MIN_VALUE) throw new CommandException(Errors.PARSE_AGGREGATION);
            List<Aggregator> aggregators = aggregators(a.string(at + 1));
            if (duration <= 0) throw new CommandException(Errors.BUCKET_DURATION_POSITIVE);

            boolean empty = false;
            int emptyAt = TsArgs.indexOf(a, "EMPTY");
            if (emptyAt > 0) {
                if (emptyAt != at + 3 && emptyAt != at + 5) throw new CommandException(Errors.EMPTY_POSITION);
                empty = true;
            }
            BucketTimestamp bucketTimestamp = BucketTimestamp.START;
            int btAt = TsArgs.indexOf(a, "BUCKETTIMESTAMP");
            if (btAt > 0) {
                if (btAt != at + 3 && btAt != at + 4) throw new CommandException(Errors.BUCKETTIMESTAMP_POSITION);
                if (btAt + 1 >= a.argc()) throw new CommandException(Errors.wrongArity(commandName));
                bucketTimestamp = BucketTimestamp.parse(a.string(btAt + 1));
                if (bucketTimestamp == null) throw new CommandException(Errors.UNKNOWN_BUCKETTIMESTAMP);
            }
            parsed = new AggregationQuery(aggregators, duration, bucketTimestamp, empty, AggregationQuery.Alignment.DEFAULT, 0);
        }

        int alignAt = TsArgs.indexOf(a, "ALIGN");
        if (alignAt <= 0) return parsed;
        if (alignAt + 1 >= a.argc()) throw new CommandException(Errors.wrongArity(commandName));
        AggregationQuery.Alignment alignment;
        long alignTs = 0;
        if (a.equalsIgnoreCase(alignAt + 1, "START") || TsArgs.isSingle(a, alignAt + 1, '-')) {
            alignment = AggregationQuery.Alignment.START;
        } else if (a.equalsIgnoreCase(alignAt + 1, "END") || TsArgs.isSingle(a, alignAt + 1, '+')) {
            alignment = AggregationQuery.Alignment.END;
        } else {
            alignTs = TsArgs.timestampOrInvalid(a, alignAt + 1);
            if (alignTs < 0) throw new CommandException(Errors.UNKNOWN_ALIGN);
            alignment = AggregationQuery.Alignment.TIMESTAMP;
        }
        if (parsed == null) throw new CommandException(Errors.ALIGN_WITHOUT_AGGREGATION);
        if (alignment == AggregationQuery.Alignment.START && fromIsMin) throw new CommandException(Errors.ALIGN_START_NEEDS_START);
        if (alignment == AggregationQuery.Alignment.END && toIsMax) throw new CommandException(Errors.ALIGN_END_NEEDS_END);
        return new AggregationQuery(parsed.aggregators(), parsed.bucketDuration(), parsed.bucketTimestamp(),
                parsed.empty(), alignment, alignTs);
    }

    /** One aggregator, or Redis 8.8's comma-separated list ({@code first,max,min,last}). */
    static List<Aggregator> aggregators(String text) {
        List<Aggregator> out = new ArrayList<>(4);
        int start = 0;
        while (true) {
            int comma = text.indexOf(',', start);
            String name = comma < 0 ? text.substring(start) : text.substring(start, comma);
            Aggregator agg = Aggregator.parse(name);
            if (agg == null) throw new CommandException(Errors.UNKNOWN_AGGREGATION);
            out.add(agg);
            if (comma < 0) return out;
            start = comma + 1;
        }
    }
}
