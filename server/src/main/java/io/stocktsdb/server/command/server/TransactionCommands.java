package io.stocktsdb.server.command.server;

import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.STALE;
import static io.stocktsdb.server.command.CommandFlag.TRANSACTION_CONTROL;

import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;

/** MULTI, EXEC, DISCARD. Queueing itself happens in the dispatcher. */
public final class TransactionCommands {
    private final ServerContext server;

    public TransactionCommands(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("multi", 1).flags(NOSCRIPT, LOADING, STALE, FAST, TRANSACTION_CONTROL)
                .categories(AclCategory.TRANSACTION).docs("transactions", "1.2.0", "Starts a transaction.")
                .handler((c, a) -> {
                    if (c.inMulti()) throw new CommandException(Errors.MULTI_NESTED);
                    c.beginMulti();
                    c.out().ok();
                }).build());
        r.register(CommandSpec.builder("exec", 1).flags(NOSCRIPT, LOADING, STALE, TRANSACTION_CONTROL)
                .categories(AclCategory.TRANSACTION).docs("transactions", "1.2.0", "Executes all commands in a transaction.")
                .handler((c, a) -> {
                    if (!c.inMulti()) throw new CommandException(Errors.EXEC_WITHOUT_MULTI);
                    boolean failed = c.multiFailed();
                    var queue = c.endMulti();
                    if (failed) throw new CommandException(Errors.EXECABORT);
                    server.dispatcher().executeQueued(c, queue);
                }).build());
        r.register(CommandSpec.builder("discard", 1).flags(NOSCRIPT, LOADING, STALE, FAST, TRANSACTION_CONTROL)
                .categories(AclCategory.TRANSACTION).docs("transactions", "2.0.0", "Discards a transaction.")
                .handler((c, a) -> {
                    if (!c.inMulti()) throw new CommandException(Errors.DISCARD_WITHOUT_MULTI);
                    c.endMulti();
                    c.out().ok();
                }).build());
    }
}
