package io.stocktsdb.server.command.server;

import static io.stocktsdb.server.command.CommandFlag.ADMIN;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.NO_MULTI;

import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code BACKUP directory}: a consistent copy of the database (RocksDB checkpoint: hard links
 * where possible) in a new directory on the server's machine; start a server with that
 * directory as data_dir to restore it. Runs on the caller's event loop until done.
 */
public final class BackupCommand {

    private final ServerContext server;

    public BackupCommand(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("backup", 2).flags(ADMIN, NOSCRIPT, NO_MULTI)
                .docs("server", "0.1.0", "Writes a consistent copy of the database (a RocksDB checkpoint) to a new directory (StockTSDB).")
                .handler(this::backup).build());
    }

    private void backup(Client c, RespRequest a) {
        Path target;
        try {
            target = Path.of(a.string(1));
        } catch (InvalidPathException e) {
            throw new CommandException(Errors.BACKUP_NOT_ABSOLUTE);
        }
        if (!target.isAbsolute()) throw new CommandException(Errors.BACKUP_NOT_ABSOLUTE);
        if (Files.exists(target)) throw new CommandException(Errors.BACKUP_EXISTS);
        try {
            server.engine().backup(target);
        } catch (StorageException e) {
            throw new CommandException(Errors.err(e.getMessage()));
        }
        c.out().ok();
    }
}
