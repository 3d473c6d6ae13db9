package io.stocktsdb.server.command.server;

import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.STALE;
import static io.stocktsdb.server.command.CommandFlag.TRANSACTION_CONTROL;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH. Queueing itself happens in the dispatcher. EXEC answers a
 * null array when a watched key changed (or its deadline passed) since WATCH; either way the
 * client watches nothing afterwards.
 */
public final class TransactionCommands {
    private final ServerContext server;

    public TransactionCommands(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        // WATCH runs at once even inside MULTI (where it is an error); UNWATCH is queued like any command.
        r.register(CommandSpec.builder("watch", -2).flags(NOSCRIPT, LOADING, STALE, FAST, TRANSACTION_CONTROL).keys(1, -1, 1).keyAccess(0)
                .categories(AclCategory.TRANSACTION).docs("transactions", "2.2.0", "Monitors changes to keys to determine the execution of a transaction.")
                .handler((c, a) -> {
                    if (c.inMulti()) throw new CommandException(Errors.WATCH_IN_MULTI);
                    if (!c.watchTouched()) for (int i = 1; i < a.argc(); i++) server.watches().watch(c, Key.wrap(a.bytes(i)));
                    c.out().ok();
                }).build());
        r.register(CommandSpec.builder("unwatch", 1).flags(NOSCRIPT, LOADING, STALE, FAST)
                .categories(AclCategory.TRANSACTION).docs("transactions", "2.2.0", "Forgets about watched keys of a transaction.")
                .handler((c, a) -> {
                    server.watches().unwatchAll(c);
                    c.out().ok();
                }).build());
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
                    boolean touched = c.watchTouched() || c.watchedKeys().stream().anyMatch(k -> server.engine().keyspace().isExpired(k));
                    var queue = c.endMulti();
                    server.watches().unwatchAll(c);
                    if (failed) throw new CommandException(Errors.EXECABORT);
                    if (touched) {
                        c.out().nullArray();
                        return;
                    }
                    server.dispatcher().executeQueued(c, queue);
                }).build());
        r.register(CommandSpec.builder("discard", 1).flags(NOSCRIPT, LOADING, STALE, FAST, TRANSACTION_CONTROL)
                .categories(AclCategory.TRANSACTION).docs("transactions", "2.0.0", "Discards a transaction.")
                .handler((c, a) -> {
                    if (!c.inMulti()) throw new CommandException(Errors.DISCARD_WITHOUT_MULTI);
                    c.endMulti();
                    server.watches().unwatchAll(c);
                    c.out().ok();
                }).build());
    }
}
