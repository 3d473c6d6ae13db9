package io.stocktsdb.server.command.keys;

import static io.stocktsdb.server.config.KeyspaceEventFlags.GENERIC;

import static io.stocktsdb.server.command.AclCategory.KEYSPACE;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.READONLY;
import static io.stocktsdb.server.command.CommandFlag.WRITE;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyType;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.keyspace.ScanResult;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import java.util.List;

/** DEL, UNLINK, EXISTS, TYPE, KEYS, SCAN, RENAME, DBSIZE, FLUSHDB, FLUSHALL. */
public final class KeyCommands {
    private final ServerContext server;

    public KeyCommands(ServerContext server) { this.server = server; }

    private Keyspace keyspace() { return server.engine().keyspace(); }

    /** EXISTS and TYPE need no access to the value (keyAccess 0); RENAME reads and writes. */
    public void register(CommandRegistry r) {
        r.register(spec("del", -2, "1.0.0", "Deletes one or more keys.", this::del).flags(WRITE).keys(1, -1, 1).build());
        r.register(spec("unlink", -2, "4.0.0", "Asynchronously deletes one or more keys.", this::del).flags(WRITE, FAST).keys(1, -1, 1).build());
        r.register(spec("exists", -2, "1.0.0", "Determines whether one or more keys exist.", this::exists).flags(READONLY, FAST).keys(1, -1, 1).keyAccess(0).build());
        r.register(spec("type", 2, "1.0.0", "Determines the type of value stored at a key.", this::type).flags(READONLY, FAST).keys(1, 1, 1).keyAccess(0).build());
        r.register(spec("keys", 2, "1.0.0", "Returns all key names that match a pattern.", this::keys)
                .flags(READONLY).categories(AclCategory.DANGEROUS).build());
        r.register(spec("scan", -2, "2.8.0", "Iterates over the key names in the database.", this::scan).flags(READONLY).build());
        r.register(spec("rename", 3, "1.0.0", "Renames a key and overwrites the destination.", this::rename).flags(WRITE).keys(1, 2, 1)
                .keyAccess(CommandSpec.KEY_READ | CommandSpec.KEY_WRITE).build());
        r.register(spec("dbsize", 1, "1.0.0", "Returns the number of keys in the database.", (c, a) -> c.out().integer(keyspace().size()))
                .flags(READONLY, FAST).build());
        r.register(spec("flushdb", -1, "1.0.0", "Removes all keys from the current database.", this::flush)
                .flags(WRITE).categories(AclCategory.DANGEROUS).build());
        r.register(spec("flushall", -1, "1.0.0", "Removes all keys from all databases.", this::flush)
                .flags(WRITE).categories(AclCategory.DANGEROUS).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary, io.stocktsdb.server.command.CommandHandler h) {
        return CommandSpec.builder(name, arity).categories(KEYSPACE).docs("generic", since, summary).handler(h);
    }

    private void del(Client c, RespRequest a) {
        int n = 0;
        for (int i = 1; i < a.argc(); i++) {
            if (keyspace().delete(Key.wrap(a.bytes(i)))) {
                n++;
                server.events().notify(GENERIC, "del", a.bytes(i));
            }
        }
        c.out().integer(n);
    }

    private void exists(Client c, RespRequest a) {
        int n = 0;
        for (int i = 1; i < a.argc(); i++) if (keyspace().exists(Key.wrap(a.bytes(i)))) n++;
        c.out().integer(n);
    }

    private void type(Client c, RespRequest a) {
        c.out().simpleString(keyspace().type(Key.wrap(a.bytes(1))).typeName());
    }

    private void keys(Client c, RespRequest a) {
        List<Key> keys = keyspace().keys(a.bytes(1));
        c.out().arrayHeader(keys.size());
        for (Key k : keys) c.out().bulk(k.bytes());
    }

    private void scan(Client c, RespRequest a) {
        long cursor = parseCursor(a.string(1));
        byte[] match = null;
        int count = 10;
        KeyType type = null;
        for (int i = 2; i < a.argc(); i += 2) {
            if (i + 1 >= a.argc()) throw new CommandException(Errors.SYNTAX);
            if (a.equalsIgnoreCase(i, "MATCH")) {
                match = a.bytes(i + 1);
            } else if (a.equalsIgnoreCase(i, "COUNT")) {
                if (!a.isLong(i + 1)) throw new CommandException(Errors.NOT_INTEGER);
                long v = a.longValue(i + 1);
                if (v < 1) throw new CommandException(Errors.SYNTAX);
                count = (int) Math.min(v, 1_000_000);
            } else if (a.equalsIgnoreCase(i, "TYPE")) {
                type = KeyType.ofTypeName(a.string(i + 1));
                if (type == null) throw new CommandException(Errors.unknownTypeName(a.string(i + 1)));
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        ScanResult r = keyspace().scan(cursor, count, match, type);
        c.out().arrayHeader(2);
        c.out().bulk(Long.toUnsignedString(r.nextCursor()));
        c.out().arrayHeader(r.keys().size());
        for (Key k : r.keys()) c.out().bulk(k.bytes());
    }

    /** Redis parses the cursor as an unsigned 64-bit decimal. */
    private static long parseCursor(String s) {
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new CommandException(Errors.INVALID_CURSOR);
        }
    }

    private void rename(Client c, RespRequest a) {
        Key src = Key.wrap(a.bytes(1));
        Key dst = Key.wrap(a.bytes(2));
        if (!keyspace().rename(src, dst)) throw new CommandException(Errors.NO_SUCH_KEY);
        if (!src.equals(dst)) { // as Redis: a key renamed to itself changes nothing and announces nothing
            server.events().added(a.bytes(2));
            server.events().notify(GENERIC, "rename_from", a.bytes(1));
            server.events().notify(GENERIC, "rename_to", a.bytes(2));
        }
        c.out().ok();
    }

    private void flush(Client c, RespRequest a) {
        if (a.argc() > 2) throw new CommandException(Errors.SYNTAX);
        if (a.argc() == 2 && !a.equalsIgnoreCase(1, "ASYNC") && !a.equalsIgnoreCase(1, "SYNC")) {
            throw new CommandException(Errors.SYNTAX);
        }
        keyspace().flushAll();
        c.out().ok();
    }

}
