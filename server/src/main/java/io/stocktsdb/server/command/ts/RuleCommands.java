package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.compaction.CompactionService;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import java.util.List;

/**
 * TS.CREATERULE and TS.DELETERULE (docs/timeseries.md, "Behaviour: compaction rules") over the engine's
 * {@link CompactionService}, which checks the keys and links and replies RedisTimeSeries' texts.
 *
 * <p>Our extension: a last argument {@code BACKFILL} (case-insensitive) makes TS.CREATERULE first
 * fill the destination from the source's existing history, which RedisTimeSeries never does
 * (its oldest open feature request). Without it the rule starts with the next appended sample.
 */
final class RuleCommands {
    private final TsContext ts;

    RuleCommands(TsContext ts) {
        this.ts = ts;
    }

    void register(CommandRegistry r) {
        r.register(TsSpecs.write("ts.createrule", -6, "1.0.0", "Create a compaction rule", this::createRule).keys(1, 2, 1).build());
        r.register(TsSpecs.write("ts.deleterule", 3, "1.0.0", "Delete a compaction rule", this::deleteRule).keys(1, 2, 1).build());
    }

    /**
     * {@code TS.CREATERULE src dst AGGREGATION agg bucketDuration [alignTimestamp] [BACKFILL]}: 6 or 7
     * arguments besides BACKFILL, AGGREGATION present, else wrong arity; then the aggregation, then
     * {@code src != dst}, then the keys (in the service).
     */
    private void createRule(Client c, RespRequest a) {
        int argc = a.argc();
        boolean backfill = argc > 6 && a.equalsIgnoreCase(argc - 1, "BACKFILL");
        if (backfill) argc--;
        int at = TsArgs.indexOf(a, "AGGREGATION");
        if ((argc != 6 && argc != 7) || at < 0 || at >= argc) throw new CommandException(Errors.wrongArity("ts.createrule"));
        if (at + 2 >= argc) throw new CommandException(Errors.PARSE_AGGREGATION);
        long duration = TsArgs.longOrInvalid(a, at + 2);
        if (duration == Long.MIN_VALUE) throw new CommandException(Errors.PARSE_AGGREGATION);
        List<Aggregator> aggregators = RangeQueryParser.aggregators(a.string(at + 1));
        if (aggregators.size() != 1) throw new CommandException(Errors.CREATERULE_ONE_AGGREGATOR);
        if (duration <= 0) throw new CommandException(Errors.BUCKET_DURATION_POSITIVE);
        long align = 0;
        if (argc == 7) {
            if (at + 3 >= argc) throw new CommandException(Errors.PARSE_ALIGN_TIMESTAMP);
            align = TsArgs.timestampOrInvalid(a, at + 3);
            if (align < 0) throw new CommandException(Errors.PARSE_ALIGN_TIMESTAMP);
        }
        Key source = SeriesLookup.key(a, 1);
        Key dest = SeriesLookup.key(a, 2);
        if (source.equals(dest)) throw new CommandException(Errors.SAME_SOURCE_AND_DEST);
        compactions().createRule(source, dest, aggregators.get(0), duration, align, backfill);
        ts.events.module("ts.createrule:src", a.bytes(1));
        ts.events.module("ts.createrule:dest", a.bytes(2));
        c.out().ok();
    }

    private void deleteRule(Client c, RespRequest a) {
        compactions().deleteRule(SeriesLookup.key(a, 1), SeriesLookup.key(a, 2));
        ts.events.module("ts.deleterule:src", a.bytes(1));
        ts.events.module("ts.deleterule:dest", a.bytes(2));
        c.out().ok();
    }

    private CompactionService compactions() {
        return ts.server.engine().compactions();
    }
}
