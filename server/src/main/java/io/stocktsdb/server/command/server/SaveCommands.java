package io.stocktsdb.server.command.server;

import static io.stocktsdb.server.command.CommandFlag.ADMIN;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.NO_MULTI;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;

/** SAVE, BGSAVE [SCHEDULE], LASTSAVE over {@link io.stocktsdb.server.Snapshots}, with Redis's replies. */
public final class SaveCommands {
    private final ServerContext server;

    public SaveCommands(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("save", 1).flags(ADMIN, NOSCRIPT, NO_MULTI)
                .docs("server", "1.0.0", "Synchronously saves the database(s) to disk.").handler(this::save).build());
        r.register(CommandSpec.builder("bgsave", -1).flags(ADMIN, NOSCRIPT)
                .docs("server", "1.0.0", "Asynchronously saves the database(s) to disk.").handler(this::bgsave).build());
        r.register(CommandSpec.builder("lastsave", 1).flags(LOADING, STALE, FAST)
                .categories(io.stocktsdb.server.command.AclCategory.ADMIN, io.stocktsdb.server.command.AclCategory.DANGEROUS)
                .docs("server", "1.0.0", "Returns the Unix timestamp of the last successful save to disk.")
                .handler((c, a) -> c.out().integer(server.snapshots().lastSaveMs() / 1000)).build());
    }

    private void save(Client c, RespRequest a) {
        if (server.snapshots().backgroundInProgress()) throw new CommandException(Errors.BGSAVE_IN_PROGRESS);
        if (!server.snapshots().save()) throw new CommandException(Errors.SAVE_FAILED);
        c.out().ok();
    }

    private void bgsave(Client c, RespRequest a) {
        if (a.argc() > 2 || (a.argc() == 2 && !a.equalsIgnoreCase(1, "SCHEDULE"))) throw new CommandException(Errors.SYNTAX);
        // no other background job ever blocks a snapshot here, so SCHEDULE starts it at once
        if (!server.snapshots().startBackground()) throw new CommandException(Errors.BGSAVE_IN_PROGRESS);
        c.out().simpleString("Background saving started");
    }
}
