package io.stocktsdb.server.command.keys;

import static io.stocktsdb.server.config.KeyspaceEventFlags.GENERIC;

import static io.stocktsdb.server.command.AclCategory.KEYSPACE;
import static io.stocktsdb.server.command.CommandFlag.DENYOOM;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.READONLY;
import static io.stocktsdb.server.command.CommandFlag.WRITE;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandHandler;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;

/** COPY, RENAMENX, RANDOMKEY, TOUCH. */
public final class KeyCopyCommands {
    private final ServerContext server;

    public KeyCopyCommands(ServerContext server) { this.server = server; }

    private Keyspace keyspace() { return server.engine().keyspace(); }

    public void register(CommandRegistry r) {
        r.register(spec("copy", -3, "6.2.0", "Copies the value of a key to a new key.", this::copy).flags(WRITE, DENYOOM).keys(1, 2, 1)
                .keyAccess(CommandSpec.KEY_READ | CommandSpec.KEY_WRITE).build());
        r.register(spec("renamenx", 3, "1.0.0", "Renames a key only when the target key name doesn't exist.", this::renameNx)
                .flags(WRITE, FAST).keys(1, 2, 1).keyAccess(CommandSpec.KEY_READ | CommandSpec.KEY_WRITE).build());
        r.register(spec("randomkey", 1, "1.0.0", "Returns a random key name from the database.", this::randomKey).flags(READONLY).build());
        r.register(spec("touch", -2, "3.2.1", "Returns the number of existing keys out of those specified after updating the time they were last accessed.",
                this::touch).flags(READONLY, FAST).keys(1, -1, 1).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary, CommandHandler h) {
        return CommandSpec.builder(name, arity).categories(KEYSPACE).docs("generic", since, summary).handler(h);
    }

    /** COPY source destination [DB 0] [REPLACE]: a series copy is a plain series (no rules, no source), as in RedisTimeSeries. */
    private void copy(Client c, RespRequest a) {
        boolean replace = false;
        for (int i = 3; i < a.argc(); i++) {
            if (a.equalsIgnoreCase(i, "REPLACE")) {
                replace = true;
            } else if (a.equalsIgnoreCase(i, "DB") && i + 1 < a.argc()) {
                if (!a.isLong(i + 1)) throw new CommandException(Errors.NOT_INTEGER);
                if (a.longValue(i + 1) != 0) throw new CommandException(Errors.DB_OUT_OF_RANGE);
                i++;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        Key src = Key.wrap(a.bytes(1));
        Key dst = Key.wrap(a.bytes(2));
        if (src.equals(dst)) throw new CommandException(Errors.SAME_OBJECT);
        boolean copied = server.engine().dumps().copy(src, dst, replace);
        if (copied) {
            server.events().added(a.bytes(2));
            server.events().notify(GENERIC, "copy_to", a.bytes(2));
        }
        c.out().integer(copied ? 1 : 0);
    }

    private void renameNx(Client c, RespRequest a) {
        switch (keyspace().renameIfAbsent(Key.wrap(a.bytes(1)), Key.wrap(a.bytes(2)))) {
            case NO_SOURCE -> throw new CommandException(Errors.NO_SUCH_KEY);
            case TARGET_EXISTS -> c.out().integer(0);
            case RENAMED -> {
                server.events().added(a.bytes(2));
                server.events().notify(GENERIC, "rename_from", a.bytes(1));
                server.events().notify(GENERIC, "rename_to", a.bytes(2));
                c.out().integer(1);
            }
        }
    }

    private void randomKey(Client c, RespRequest a) {
        Key k = keyspace().randomKey();
        c.out().bulk(k == null ? null : k.bytes());
    }

    private void touch(Client c, RespRequest a) {
        int n = 0;
        for (int i = 1; i < a.argc(); i++) if (keyspace().exists(Key.wrap(a.bytes(i)))) n++;
        c.out().integer(n);
    }
}
