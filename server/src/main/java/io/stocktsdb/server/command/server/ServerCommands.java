package io.stocktsdb.server.command.server;

import static io.stocktsdb.server.command.CommandFlag.ADMIN;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.NO_MULTI;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.command.connection.ModuleReply;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.stats.SlowLog;
import java.time.Instant;

/** TIME, SHUTDOWN, MODULE LIST, SLOWLOG. */
public final class ServerCommands {
    private final ServerContext server;

    public ServerCommands(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("time", 1).flags(LOADING, STALE, FAST)
                .docs("server", "2.6.0", "Returns the server time.").handler(this::time).build());
        r.register(CommandSpec.builder("shutdown", -1).flags(ADMIN, NOSCRIPT, LOADING, STALE, NO_MULTI)
                .docs("server", "1.0.0", "Synchronously saves the database(s) to disk and shuts down the Redis server.")
                .handler(this::shutdown).build());
        r.register(CommandSpec.builder("module", -2).categories(AclCategory.SLOW)
                .docs("server", "4.0.0", "A container for module commands.").build());
        r.registerSubcommand(CommandSpec.builder("module|list", 2).flags(ADMIN, NOSCRIPT)
                .docs("server", "4.0.0", "Returns all loaded modules.").handler(this::moduleList).build());
        r.register(CommandSpec.builder("slowlog", -2).categories(AclCategory.SLOW)
                .docs("server", "2.2.12", "A container for slow log commands.").build());
        r.registerSubcommand(CommandSpec.builder("slowlog|get", -2).flags(ADMIN, LOADING, STALE)
                .docs("server", "2.2.12", "Returns the slow log's entries.").handler(this::slowlogGet).build());
        r.registerSubcommand(CommandSpec.builder("slowlog|len", 2).flags(ADMIN, LOADING, STALE)
                .docs("server", "2.2.12", "Returns the number of entries in the slow log.")
                .handler((c, a) -> c.out().integer(server.slowLog().size())).build());
        r.registerSubcommand(CommandSpec.builder("slowlog|reset", 2).flags(ADMIN, LOADING, STALE)
                .docs("server", "2.2.12", "Clears all entries from the slow log.").handler((c, a) -> {
                    server.slowLog().reset();
                    c.out().ok();
                }).build());
    }

    private void time(Client c, RespRequest a) {
        Instant now = Instant.now();
        c.out().arrayHeader(2);
        c.out().bulkLong(now.getEpochSecond());
        c.out().bulkLong(now.getNano() / 1000);
    }

    private void shutdown(Client c, RespRequest a) {
        for (int i = 1; i < a.argc(); i++) {
            if (a.equalsIgnoreCase(i, "ABORT")) throw new CommandException(Errors.NO_SHUTDOWN);
            if (!(a.equalsIgnoreCase(i, "NOSAVE") || a.equalsIgnoreCase(i, "SAVE") || a.equalsIgnoreCase(i, "NOW")
                    || a.equalsIgnoreCase(i, "FORCE"))) {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        // Redis sends no reply when the shutdown goes ahead: the connection just closes.
        c.closeAfterReply();
        server.requestShutdown();
    }

    private void moduleList(Client c, RespRequest a) {
        c.out().arrayHeader(1);
        ModuleReply.write(c.out());
    }

    private void slowlogGet(Client c, RespRequest a) {
        int count = 10;
        if (a.argc() > 3) throw new CommandException(Errors.wrongArity("slowlog|get"));
        if (a.argc() == 3) {
            if (!a.isLong(2) || a.longValue(2) < -1) {
                throw new CommandException(Errors.SLOWLOG_COUNT);
            }
            long n = a.longValue(2);
            count = n == -1 ? Integer.MAX_VALUE : (int) Math.min(n, Integer.MAX_VALUE);
        }
        RespWriter out = c.out();
        var entries = server.slowLog().latest(count);
        out.arrayHeader(entries.size());
        for (SlowLog.Entry e : entries) {
            out.arrayHeader(6);
            out.integer(e.id());
            out.integer(e.unixSeconds());
            out.integer(e.micros());
            out.arrayHeader(e.args().size());
            for (byte[] arg : e.args()) out.bulk(arg);
            out.bulk(e.peer());
            out.bulk(e.clientName());
        }
    }

}
