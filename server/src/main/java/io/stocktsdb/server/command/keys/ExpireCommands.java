package io.stocktsdb.server.command.keys;

import static io.stocktsdb.server.config.KeyspaceEventFlags.GENERIC;

import static io.stocktsdb.server.command.AclCategory.KEYSPACE;
import static io.stocktsdb.server.command.CommandFlag.FAST;
import static io.stocktsdb.server.command.CommandFlag.READONLY;
import static io.stocktsdb.server.command.CommandFlag.WRITE;

import io.stocktsdb.engine.keyspace.ExpireCondition;
import io.stocktsdb.engine.keyspace.ExpireOutcome;
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

/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST on keys of
 * any type, time series included. Deadlines are absolute ms ({@link Keyspace#expire}).
 */
public final class ExpireCommands {
    private final ServerContext server;

    public ExpireCommands(ServerContext server) { this.server = server; }

    private Keyspace keyspace() { return server.engine().keyspace(); }

    public void register(CommandRegistry r) {
        r.register(write("expire", "1.0.0", "Sets the expiration time of a key in seconds.", (c, a) -> expire(c, a, true, true)));
        r.register(write("pexpire", "2.6.0", "Sets the expiration time of a key in milliseconds.", (c, a) -> expire(c, a, false, true)));
        r.register(write("expireat", "1.2.0", "Sets the expiration time of a key to a Unix timestamp.", (c, a) -> expire(c, a, true, false)));
        r.register(write("pexpireat", "2.6.0", "Sets the expiration time of a key to a Unix milliseconds timestamp.", (c, a) -> expire(c, a, false, false)));
        r.register(read("ttl", "1.0.0", "Returns the expiration time in seconds of a key.", (c, a) -> ttl(c, a, false, false)));
        r.register(read("pttl", "2.6.0", "Returns the expiration time in milliseconds of a key.", (c, a) -> ttl(c, a, true, false)));
        r.register(read("expiretime", "7.0.0", "Returns the expiration time of a key as a Unix timestamp.", (c, a) -> ttl(c, a, false, true)));
        r.register(read("pexpiretime", "7.0.0", "Returns the expiration time of a key as a Unix milliseconds timestamp.", (c, a) -> ttl(c, a, true, true)));
        r.register(CommandSpec.builder("persist", 2).flags(WRITE, FAST).keys(1, 1, 1).categories(KEYSPACE)
                .docs("generic", "2.2.0", "Removes the expiration time of a key.").handler(this::persist).build());
    }

    private static CommandSpec write(String name, String since, String summary, CommandHandler h) {
        return CommandSpec.builder(name, -3).flags(WRITE, FAST).keys(1, 1, 1).categories(KEYSPACE).docs("generic", since, summary).handler(h).build();
    }

    private static CommandSpec read(String name, String since, String summary, CommandHandler h) {
        return CommandSpec.builder(name, 2).flags(READONLY, FAST).keys(1, 1, 1).categories(KEYSPACE).docs("generic", since, summary).handler(h).build();
    }

    /** Redis's expireGenericCommand: options first, then the number, then overflow, then the key. */
    private void expire(Client c, RespRequest a, boolean seconds, boolean relative) {
        ExpireCondition condition = condition(a);
        if (!a.isLong(2)) throw new CommandException(Errors.NOT_INTEGER);
        long when = a.longValue(2);
        String name = a.string(0).toLowerCase(java.util.Locale.ROOT);
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) throw ExpiryArgs.invalid(name);
            when *= 1000;
        }
        if (relative) {
            long now = io.stocktsdb.engine.CommandClock.nowMs();
            if (when > Long.MAX_VALUE - now) throw ExpiryArgs.invalid(name);
            when += now;
        }
        ExpireOutcome o = keyspace().expire(Key.wrap(a.bytes(1)), when, condition);
        if (o == ExpireOutcome.SET) server.events().notify(GENERIC, "expire", a.bytes(1));
        if (o == ExpireOutcome.DELETED) server.events().notify(GENERIC, "del", a.bytes(1));
        c.out().integer(o == ExpireOutcome.SET || o == ExpireOutcome.DELETED ? 1 : 0);
    }

    private static ExpireCondition condition(RespRequest a) {
        boolean nx = false, xx = false, gt = false, lt = false;
        for (int i = 3; i < a.argc(); i++) {
            if (a.equalsIgnoreCase(i, "NX")) nx = true;
            else if (a.equalsIgnoreCase(i, "XX")) xx = true;
            else if (a.equalsIgnoreCase(i, "GT")) gt = true;
            else if (a.equalsIgnoreCase(i, "LT")) lt = true;
            else throw new CommandException(Errors.unsupportedOption(a.string(i)));
        }
        if (nx && (xx || gt || lt)) throw new CommandException(Errors.EXPIRE_NX_AND_OTHERS);
        if (gt && lt) throw new CommandException(Errors.EXPIRE_GT_AND_LT);
        // XX with GT or LT: both must hold; GT and LT already imply a deadline exists (GT) or allow none (LT).
        if (xx && lt) return ExpireCondition.XX_LT;
        return nx ? ExpireCondition.NX : gt ? ExpireCondition.GT : lt ? ExpireCondition.LT : xx ? ExpireCondition.XX : ExpireCondition.ALWAYS;
    }

    /** Redis's ttlGenericCommand: -2 no key, -1 no deadline, else the (remaining or absolute) time, seconds rounded. */
    private void ttl(Client c, RespRequest a, boolean millis, boolean absolute) {
        long at = keyspace().expireAtMs(Key.wrap(a.bytes(1)));
        if (at < 0) {
            c.out().integer(at);
            return;
        }
        long t = absolute ? at : Math.max(0, at - io.stocktsdb.engine.CommandClock.nowMs());
        c.out().integer(millis ? t : (t + 500) / 1000);
    }

    private void persist(Client c, RespRequest a) {
        boolean removed = keyspace().persist(Key.wrap(a.bytes(1)));
        if (removed) server.events().notify(GENERIC, "persist", a.bytes(1));
        c.out().integer(removed ? 1 : 0);
    }
}
