package io.stocktsdb.server.command.keys;

import static io.stocktsdb.server.command.AclCategory.KEYSPACE;
import static io.stocktsdb.server.command.AclCategory.SLOW;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.READONLY;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyType;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandHandler;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;

/**
 * OBJECT ENCODING | FREQ | IDLETIME | REFCOUNT | HELP. A string's encoding is Redis's choice for a freshly
 * written value (int, embstr up to 44 bytes, raw); a series is a module value ("raw"). This
 * server has no eviction policy (Redis's noeviction), so FREQ answers as Redis does without an
 * LFU policy. IDLETIME counts from the last command that read or wrote the key, to the second
 * (Redis's LRU clock resolution).
 */
public final class ObjectCommand {
    /** Redis shares the integers 0..9999 (OBJ_SHARED_INTEGERS), whose refcount is INT_MAX. */
    private static final int SHARED_INTEGERS = 10_000;
    private static final int EMBSTR_LIMIT = 44;
    private static final String[] HELP = {
        "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
        "HELP",
        "    Print this help.",
    };

    private final ServerContext server;

    public ObjectCommand(ServerContext server) { this.server = server; }

    private Keyspace keyspace() { return server.engine().keyspace(); }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("object", -2).categories(SLOW).docs("generic", "2.2.3", "A container for object introspection commands.").build());
        r.registerSubcommand(sub("object|encoding", "2.2.3", "Returns the internal encoding of a Redis object.", this::encoding));
        r.registerSubcommand(sub("object|freq", "4.0.0", "Returns the logarithmic access frequency counter of a Redis object.", this::freq));
        r.registerSubcommand(sub("object|idletime", "2.2.3", "Returns the time since the last access to a Redis object.", this::idletime));
        r.registerSubcommand(sub("object|refcount", "2.2.3", "Returns the reference count of a value of a key.", this::refcount));
        r.registerSubcommand(CommandSpec.builder("object|help", 2).flags(LOADING, STALE).categories(KEYSPACE, SLOW)
                .docs("generic", "6.2.0", "Returns helpful text about the different subcommands.").handler((c, a) -> {
                    c.out().arrayHeader(HELP.length);
                    for (String line : HELP) c.out().simpleString(line);
                }).build());
    }

    private static CommandSpec sub(String name, String since, String summary, CommandHandler h) {
        return CommandSpec.builder(name, 3).flags(READONLY).keys(2, 2, 1).keyAccess(0).categories(KEYSPACE)
                .docs("generic", since, summary).handler(h).build();
    }

    private void encoding(Client c, RespRequest a) {
        Key key = Key.wrap(a.bytes(2));
        KeyType type = keyspace().type(key);
        if (type == KeyType.NONE) {
            c.out().nullBulk();
        } else if (type == KeyType.TIMESERIES) {
            c.out().bulk("raw");
        } else {
            byte[] v = stringOrNull(key);
            c.out().bulk(v == null ? null : isSharedOrLong(v, false) ? "int" : v.length <= EMBSTR_LIMIT ? "embstr" : "raw");
        }
    }

    private void freq(Client c, RespRequest a) {
        if (!keyspace().exists(Key.wrap(a.bytes(2)))) {
            c.out().nullBulk();
            return;
        }
        throw new CommandException(Errors.NO_LFU_POLICY);
    }

    /** maxmemory-policy is always noeviction here, so Redis's LFU refusal never applies. */
    private void idletime(Client c, RespRequest a) {
        long idle = keyspace().idleSeconds(Key.wrap(a.bytes(2)));
        if (idle < 0) c.out().nullBulk();
        else c.out().integer(idle);
    }

    private void refcount(Client c, RespRequest a) {
        Key key = Key.wrap(a.bytes(2));
        KeyType type = keyspace().type(key);
        if (type == KeyType.NONE) {
            c.out().nullBulk();
            return;
        }
        byte[] v = type == KeyType.STRING ? stringOrNull(key) : null;
        c.out().integer(v != null && isSharedOrLong(v, true) ? Integer.MAX_VALUE : 1);
    }

    private byte[] stringOrNull(Key key) {
        try {
            return keyspace().getString(key);
        } catch (WrongTypeException e) {
            return null;
        }
    }

    /** Whether Redis keeps {@code v} as an integer (any long, or with {@code sharedOnly} one of the shared 0..9999). */
    private static boolean isSharedOrLong(byte[] v, boolean sharedOnly) {
        if (v.length == 0 || v.length > 20) return false;
        RespRequest asNumber = RespRequest.of(v);
        if (!asNumber.isLong(0)) return false;
        long n = asNumber.longValue(0);
        return !sharedOnly || (n >= 0 && n < SHARED_INTEGERS);
    }
}
