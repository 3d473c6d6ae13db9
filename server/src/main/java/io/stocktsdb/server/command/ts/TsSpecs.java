package io.stocktsdb.server.command.ts;

import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandFlag;
import io.stocktsdb.server.command.CommandHandler;
import io.stocktsdb.server.command.CommandSpec;

/** Command metadata shared by the TS.* family: flags and ACL categories (docs/timeseries.md, "Behaviour: errors and ACL"). */
final class TsSpecs {
    private TsSpecs() {}

    /** A writing command: {@code write deny-oom}, categories {@code @timeseries @write}. */
    static CommandSpec.Builder write(String name, int arity, String since, String summary, CommandHandler h) {
        return base(name, arity, since, summary, h).flags(CommandFlag.WRITE, CommandFlag.DENYOOM);
    }

    /** A reading command: {@code readonly}, categories {@code @timeseries @read}. */
    static CommandSpec.Builder read(String name, int arity, String since, String summary, CommandHandler h) {
        return base(name, arity, since, summary, h).flags(CommandFlag.READONLY);
    }

    private static CommandSpec.Builder base(String name, int arity, String since, String summary, CommandHandler h) {
        return CommandSpec.builder(name, arity).categories(AclCategory.TIMESERIES).docs("timeseries", since, summary).handler(h);
    }
}
