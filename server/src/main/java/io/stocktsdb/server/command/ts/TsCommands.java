package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.rules.CompactionService;
import io.stocktsdb.engine.series.Sample;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandRegistry;

/**
 * The RedisTimeSeries-compatible TS.* family. Each command is parse (arguments into a query
 * record) → execute (engine series, {@link RangeExecutor}) → reply ({@link SampleReplies},
 * {@link LabelReplies}, {@link InfoReply}), as RedisTimeSeries does. Creating the family attaches
 * the label index ({@link SeriesIndex}) to the engine's keyspace.
 */
public final class TsCommands {
    private final TsContext ts;

    public TsCommands(ServerContext server) {
        SeriesIndex index = SeriesIndex.attach(server.engine().keyspace());
        CompactionService compactions = server.engine().compactions();
        this.ts = new TsContext(server, index, destination -> {
            Sample open = compactions.latest(destination.key());
            return open == null ? null : new LatestBucket(open.timestamp(), Double.longBitsToDouble(open.valueBits()));
        });
    }

    public void register(CommandRegistry r) {
        new SeriesCommands(ts).register(r);
        new SampleCommands(ts).register(r);
        new ReadCommands(ts).register(r);
        new MultiCommands(ts).register(r);
        new RuleCommands(ts).register(r);
        new KlineCommands(ts).register(r);
    }
}
