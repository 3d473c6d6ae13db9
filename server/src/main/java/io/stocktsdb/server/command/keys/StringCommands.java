package io.stocktsdb.server.command.keys;

import static io.stocktsdb.server.config.KeyspaceEventFlags.GENERIC;
import io.stocktsdb.server.config.KeyspaceEventFlags;

import static io.stocktsdb.server.command.AclCategory.STRING;
import static io.stocktsdb.server.command.CommandFlag.DENYOOM;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.READONLY;
import static io.stocktsdb.server.command.CommandFlag.WRITE;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.keyspace.SetMode;
import io.stocktsdb.engine.keyspace.SetOutcome;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;

/** GET, SET, SETEX, PSETEX, GETEX, MGET, MSET, INCR, INCRBY, DECR, DECRBY, APPEND, STRLEN: strings for metadata. */
public final class StringCommands {
    /** INCR and friends read and update their key (Redis key spec RW ACCESS UPDATE); STRLEN only looks at it. */
    private static final int READ_WRITE = CommandSpec.KEY_READ | CommandSpec.KEY_WRITE;
    private final ServerContext server;

    public StringCommands(ServerContext server) { this.server = server; }

    private Keyspace keyspace() { return server.engine().keyspace(); }

    public void register(CommandRegistry r) {
        r.register(spec("get", 2, "1.0.0", "Returns the string value of a key.", this::get).flags(READONLY, FAST).keys(1, 1, 1).build());
        r.register(spec("set", -3, "1.0.0", "Sets the string value of a key, ignoring its type.", this::set)
                .flags(WRITE, DENYOOM).keys(1, 1, 1).build());
        r.register(spec("setex", 4, "2.0.0", "Sets the string value and expiration time of a key. Creates the key if it doesn't exist.",
                (c, a) -> setEx(c, a, ExpiryArgs.Unit.EX)).flags(WRITE, DENYOOM).keys(1, 1, 1).build());
        r.register(spec("psetex", 4, "2.6.0", "Sets both string value and expiration time in milliseconds of a key. The key is created if it doesn't exist.",
                (c, a) -> setEx(c, a, ExpiryArgs.Unit.PX)).flags(WRITE, DENYOOM).keys(1, 1, 1).build());
        r.register(spec("getex", -2, "6.2.0", "Returns the string value of a key after setting its expiration time.", this::getEx)
                .flags(WRITE, FAST).keys(1, 1, 1).keyAccess(READ_WRITE).build());
        r.register(spec("mget", -2, "1.0.0", "Atomically returns the string values of one or more keys.", this::mget)
                .flags(READONLY, FAST).keys(1, -1, 1).build());
        r.register(spec("mset", -3, "1.0.1", "Atomically creates or modifies the string values of one or more keys.", this::mset)
                .flags(WRITE, DENYOOM).keys(1, -1, 2).build());
        r.register(spec("incr", 2, "1.0.0", "Increments the integer value of a key by one.", (c, a) -> incr(c, a, 1))
                .flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).keyAccess(READ_WRITE).build());
        r.register(spec("decr", 2, "1.0.0", "Decrements the integer value of a key by one.", (c, a) -> incr(c, a, -1))
                .flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).keyAccess(READ_WRITE).build());
        r.register(spec("incrby", 3, "1.0.0", "Increments the integer value of a key by a number.", (c, a) -> incr(c, a, parseInt(a, 2)))
                .flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).keyAccess(READ_WRITE).build());
        r.register(spec("decrby", 3, "1.0.0", "Decrements a number from the integer value of a key.", this::decrBy)
                .flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).keyAccess(READ_WRITE).build());
        r.register(spec("append", 3, "2.0.0", "Appends a string to the value of a key.", this::append)
                .flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).build());
        r.register(spec("strlen", 2, "2.2.0", "Returns the length of a string value.", this::strlen)
                .flags(READONLY, FAST).keys(1, 1, 1).keyAccess(0).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary, io.stocktsdb.server.command.CommandHandler h) {
        return CommandSpec.builder(name, arity).categories(STRING).docs("string", since, summary).handler(h);
    }

    private void get(Client c, RespRequest a) {
        byte[] v = keyspace().getString(Key.wrap(a.bytes(1)));
        if (v == null) {
            server.stats().keyspaceMisses.increment();
        } else {
            server.stats().keyspaceHits.increment();
        }
        c.out().bulk(v);
    }

    private void set(Client c, RespRequest a) {
        SetMode mode = SetMode.ALWAYS;
        boolean get = false;
        boolean keepTtl = false;
        long expireAt = -1;
        boolean expirySet = false;
        for (int i = 3; i < a.argc(); i++) {
            boolean hasNext = i + 1 < a.argc();
            if (a.equalsIgnoreCase(i, "NX") && mode == SetMode.ALWAYS) {
                mode = SetMode.NX;
            } else if (a.equalsIgnoreCase(i, "XX") && mode == SetMode.ALWAYS) {
                mode = SetMode.XX;
            } else if (a.equalsIgnoreCase(i, "GET")) {
                get = true;
            } else if (a.equalsIgnoreCase(i, "KEEPTTL") && !expirySet) {
                keepTtl = true;
                expirySet = true;
            } else if (hasNext && !expirySet && ExpiryArgs.Unit.at(a, i) != null) {
                expireAt = ExpiryArgs.deadline(a, i + 1, ExpiryArgs.Unit.at(a, i), "set");
                expirySet = true;
                i++;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        SetOutcome o = keyspace().setString(Key.wrap(a.bytes(1)), a.bytes(2), expireAt, mode, keepTtl, get);
        if (o.written()) {
            server.events().notify(KeyspaceEventFlags.STRING, "set", a.bytes(1));
            if (expireAt >= 0) server.events().notify(GENERIC, "expire", a.bytes(1));
        }
        if (get) {
            c.out().bulk(o.previous());
        } else if (o.written()) {
            c.out().ok();
        } else {
            c.out().nullBulk();
        }
    }

    /** SETEX / PSETEX key time value. */
    private void setEx(Client c, RespRequest a, ExpiryArgs.Unit unit) {
        long at = ExpiryArgs.deadline(a, 2, unit, unit == ExpiryArgs.Unit.EX ? "setex" : "psetex");
        keyspace().setString(Key.wrap(a.bytes(1)), a.bytes(3), at, SetMode.ALWAYS, false, false);
        server.events().notify(KeyspaceEventFlags.STRING, "set", a.bytes(1));
        server.events().notify(GENERIC, "expire", a.bytes(1));
        c.out().ok();
    }

    /** GETEX key [EX seconds | PX ms | EXAT unix-s | PXAT unix-ms | PERSIST], checked in Redis's order. */
    private void getEx(Client c, RespRequest a) {
        ExpiryArgs.Unit unit = null;
        int valueAt = -1;
        boolean persist = false;
        for (int i = 2; i < a.argc(); i++) {
            ExpiryArgs.Unit u = ExpiryArgs.Unit.at(a, i);
            if (a.equalsIgnoreCase(i, "PERSIST") && unit == null) {
                persist = true;
            } else if (u != null && unit == null && !persist && i + 1 < a.argc()) {
                unit = u;
                valueAt = ++i;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        Key key = Key.wrap(a.bytes(1));
        if (keyspace().getString(key) == null) {
            server.stats().keyspaceMisses.increment();
            c.out().nullBulk();
            return;
        }
        long at = unit == null ? -1 : ExpiryArgs.deadline(a, valueAt, unit, "getex");
        io.stocktsdb.engine.keyspace.GetExOutcome outcome = keyspace().getEx(key, at, persist);
        byte[] v = outcome.value();
        switch (outcome.change()) {
            case EXPIRE -> server.events().notify(GENERIC, "expire", a.bytes(1));
            case DELETED -> server.events().notify(GENERIC, "del", a.bytes(1));
            case PERSIST -> server.events().notify(GENERIC, "persist", a.bytes(1));
            default -> { }
        }
        if (v == null) {
            server.stats().keyspaceMisses.increment();
        } else {
            server.stats().keyspaceHits.increment();
        }
        c.out().bulk(v);
    }

    private void mget(Client c, RespRequest a) {
        c.out().arrayHeader(a.argc() - 1);
        for (int i = 1; i < a.argc(); i++) {
            byte[] v;
            try {
                v = keyspace().getString(Key.wrap(a.bytes(i)));
            } catch (WrongTypeException e) {
                v = null; // MGET shows non-strings as nil
            }
            c.out().bulk(v);
        }
    }

    private void mset(Client c, RespRequest a) {
        if ((a.argc() - 1) % 2 != 0) throw new CommandException(Errors.wrongArity("mset"));
        for (int i = 1; i < a.argc(); i += 2) {
            keyspace().setString(Key.wrap(a.bytes(i)), a.bytes(i + 1), -1, SetMode.ALWAYS, false, false);
        }
        for (int i = 1; i < a.argc(); i += 2) server.events().notify(KeyspaceEventFlags.STRING, "set", a.bytes(i));
        c.out().ok();
    }

    private static long parseInt(RespRequest a, int i) {
        if (!a.isLong(i)) throw new CommandException(Errors.NOT_INTEGER);
        return a.longValue(i);
    }

    private void decrBy(Client c, RespRequest a) {
        long d = parseInt(a, 2);
        if (d == Long.MIN_VALUE) throw new CommandException(Errors.DECREMENT_OVERFLOW);
        incr(c, a, -d);
    }

    private void incr(Client c, RespRequest a, long delta) {
        long v = keyspace().incrBy(Key.wrap(a.bytes(1)), delta);
        server.events().notify(KeyspaceEventFlags.STRING, "incrby", a.bytes(1));
        c.out().integer(v);
    }

    private void append(Client c, RespRequest a) {
        long length = keyspace().append(Key.wrap(a.bytes(1)), a.bytes(2));
        server.events().notify(KeyspaceEventFlags.STRING, "append", a.bytes(1));
        c.out().integer(length);
    }

    private void strlen(Client c, RespRequest a) {
        c.out().integer(keyspace().strlen(Key.wrap(a.bytes(1))));
    }
}
