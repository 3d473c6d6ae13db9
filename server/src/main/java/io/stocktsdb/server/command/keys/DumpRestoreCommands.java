package io.stocktsdb.server.command.keys;

import static io.stocktsdb.server.config.KeyspaceEventFlags.GENERIC;

import io.stocktsdb.engine.CommandClock;
import static io.stocktsdb.server.command.AclCategory.DANGEROUS;
import static io.stocktsdb.server.command.AclCategory.KEYSPACE;
import static io.stocktsdb.server.command.CommandFlag.DENYOOM;
import static io.stocktsdb.server.command.CommandFlag.READONLY;
import static io.stocktsdb.server.command.CommandFlag.WRITE;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyDumps;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;

/**
 * DUMP and RESTORE for every key type. The payload is StockTSDB's own (versioned, CRC32C,
 * docs/storage-encoding.md "DUMP payload"), not Redis's RDB encoding: it round-trips on this
 * server, and a foreign payload is refused as Redis refuses a corrupt one.
 */
public final class DumpRestoreCommands {

    private final ServerContext server;

    public DumpRestoreCommands(ServerContext server) { this.server = server; }

    private KeyDumps dumps() { return server.engine().dumps(); }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("dump", 2).flags(READONLY).keys(1, 1, 1).categories(KEYSPACE)
                .docs("generic", "2.6.0", "Returns a serialized representation of the value stored at a key.")
                .handler(this::dump).build());
        r.register(CommandSpec.builder("restore", -4).flags(WRITE, DENYOOM).keys(1, 1, 1).categories(KEYSPACE, DANGEROUS)
                .docs("generic", "2.6.0", "Creates a key from the serialized representation of a value.")
                .handler(this::restore).build());
    }

    private void dump(Client c, RespRequest a) {
        c.out().bulk(dumps().dump(Key.wrap(a.bytes(1))));
    }

    /** RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency], checked in Redis's order. */
    private void restore(Client c, RespRequest a) {
        boolean replace = false;
        boolean absTtl = false;
        boolean idle = false;
        boolean freq = false;
        for (int i = 4; i < a.argc(); i++) {
            boolean hasValue = i + 1 < a.argc();
            if (a.equalsIgnoreCase(i, "REPLACE")) {
                replace = true;
            } else if (a.equalsIgnoreCase(i, "ABSTTL")) {
                absTtl = true;
            } else if (a.equalsIgnoreCase(i, "IDLETIME") && hasValue && !freq) {
                if (longArg(a, i + 1) < 0) throw new CommandException(Errors.BAD_IDLETIME);
                idle = true;
                i++;
            } else if (a.equalsIgnoreCase(i, "FREQ") && hasValue && !idle) {
                long f = longArg(a, i + 1);
                if (f < 0 || f > 255) throw new CommandException(Errors.BAD_FREQ);
                freq = true;
                i++;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        // IDLETIME and FREQ feed Redis's eviction, which this server does not have: validated, then ignored.
        Key key = Key.wrap(a.bytes(1));
        if (!replace && dumps().busy(key)) throw new CommandException(Errors.BUSYKEY);
        long ttl = longArg(a, 2);
        if (ttl < 0) throw new CommandException(Errors.BAD_TTL);
        long expireAt = ttl == 0 ? -1 : absTtl ? ttl : saturatedAdd(CommandClock.nowMs(), ttl);
        // a deadline already past: Redis creates nothing (and deletes the key REPLACE names), announcing only that 'del'
        boolean expiredOnArrival = expireAt >= 0 && expireAt <= CommandClock.nowMs();
        boolean replacedExisting = expiredOnArrival && replace && server.engine().keyspace().exists(key);
        switch (dumps().restore(key, a.bytes(3), expireAt, replace)) {
            case OK -> {
                if (replacedExisting) {
                    server.events().deletedByRestore(a.bytes(1));
                } else if (!expiredOnArrival) {
                    server.events().added(a.bytes(1));
                    server.events().notify(GENERIC, "restore", a.bytes(1));
                }
                c.out().ok();
            }
            case BUSY_KEY -> throw new CommandException(Errors.BUSYKEY);
            case BAD_PAYLOAD -> throw new CommandException(Errors.BAD_PAYLOAD);
            case BAD_DATA -> throw new CommandException(Errors.BAD_DATA);
        }
    }

    private static long longArg(RespRequest a, int i) {
        if (!a.isLong(i)) throw new CommandException(Errors.NOT_INTEGER);
        return a.longValue(i);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
