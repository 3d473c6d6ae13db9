package io.stocktsdb.server.command.ts;

import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandRegistry;

/**
 * The RedisTimeSeries-compatible TS.* family. Each command is parse (arguments into the engine's
 * query record) → execute (the engine: series writes, {@code engine.query.Queries}) → reply
 * ({@link SampleReplies}, {@link LabelReplies}, {@link InfoReply}), as RedisTimeSeries does.
 */
public final class TsCommands {
    private final TsContext ts;

    public TsCommands(ServerContext server) {
        this.ts = new TsContext(server);
    }

    public void register(CommandRegistry r) {
        new SeriesCommands(ts).register(r);
        new SampleCommands(ts).register(r);
        new ReadCommands(ts).register(r);
        new MultiCommands(ts).register(r);
        new ShardQueryCommand(ts).register(r);
        new RuleCommands(ts).register(r);
        new KlineCommands(ts).register(r);
    }
}
