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
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandHandler;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.net.Client;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** SETNX, GETSET, GETDEL, MSETNX, INCRBYFLOAT, SETRANGE, GETRANGE, SUBSTR, as Redis's t_string.c. */
public final class StringEditCommands {
    private static final int READ_WRITE = CommandSpec.KEY_READ | CommandSpec.KEY_WRITE;

    private final ServerContext server;

    public StringEditCommands(ServerContext server) { this.server = server; }

    private Keyspace keyspace() { return server.engine().keyspace(); }

    public void register(CommandRegistry r) {
        r.register(spec("setnx", 3, "1.0.0", "Set the string value of a key only when the key doesn't exist.", this::setNx)
                .flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).build());
        r.register(spec("getset", 3, "1.0.0", "Returns the previous string value of a key after setting it to a new value.", this::getSet)
                .flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).keyAccess(READ_WRITE).build());
        r.register(spec("getdel", 2, "6.2.0", "Returns the string value of a key after deleting the key.", this::getDel)
                .flags(WRITE, FAST).keys(1, 1, 1).keyAccess(READ_WRITE).build());
        r.register(spec("msetnx", -3, "1.0.1", "Atomically modifies the string values of one or more keys only when all keys don't exist.", this::msetNx)
                .flags(WRITE, DENYOOM).keys(1, -1, 2).build());
        r.register(spec("incrbyfloat", 3, "2.6.0", "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.",
                this::incrByFloat).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).keyAccess(READ_WRITE).build());
        r.register(spec("setrange", 4, "2.2.0", "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.",
                this::setRange).flags(WRITE, DENYOOM).keys(1, 1, 1).keyAccess(READ_WRITE).build());
        r.register(spec("getrange", 4, "2.4.0", "Returns a substring of the string stored at a key.", this::getRange)
                .flags(READONLY).keys(1, 1, 1).build());
        r.register(spec("substr", 4, "1.0.0", "Returns a substring from a string value.", this::getRange)
                .flags(READONLY).keys(1, 1, 1).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary, CommandHandler h) {
        return CommandSpec.builder(name, arity).categories(STRING).docs("string", since, summary).handler(h);
    }

    private void setNx(Client c, RespRequest a) {
        boolean written = keyspace().setString(Key.wrap(a.bytes(1)), a.bytes(2), -1, SetMode.NX, false, false).written();
        if (written) server.events().notify(KeyspaceEventFlags.STRING, "set", a.bytes(1));
        c.out().integer(written ? 1 : 0);
    }

    /** GETSET: WRONGTYPE (nothing written) on a series; the new value has no deadline. */
    private void getSet(Client c, RespRequest a) {
        byte[] previous = keyspace().setString(Key.wrap(a.bytes(1)), a.bytes(2), -1, SetMode.ALWAYS, false, true).previous();
        server.events().notify(KeyspaceEventFlags.STRING, "set", a.bytes(1));
        c.out().bulk(previous);
    }

    private void getDel(Client c, RespRequest a) {
        byte[] value = keyspace().getAndDelete(Key.wrap(a.bytes(1)));
        if (value != null) server.events().notify(GENERIC, "del", a.bytes(1));
        c.out().bulk(value);
    }

    private void msetNx(Client c, RespRequest a) {
        if ((a.argc() - 1) % 2 != 0) throw new CommandException(Errors.wrongArity("msetnx"));
        List<Key> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 1; i < a.argc(); i += 2) {
            keys.add(Key.wrap(a.bytes(i)));
            values.add(a.bytes(i + 1));
        }
        boolean written = keyspace().setAllIfNoneExists(keys, values);
        if (written) for (Key k : keys) server.events().notify(KeyspaceEventFlags.STRING, "set", k.bytes());
        c.out().integer(written ? 1 : 0);
    }

    /** The key's value is checked first, then the increment, then the sum (LongDouble: Redis's long double). */
    private void incrByFloat(Client c, RespRequest a) {
        byte[] incrBytes = a.bytes(2);
        byte[] result = keyspace().updateString(Key.wrap(a.bytes(1)), old -> {
            LongDouble.Parsed value = old == null ? new LongDouble.Parsed(BigDecimal.ZERO, false) : LongDouble.parse(old);
            if (!value.valid()) throw new CommandException(Errors.NOT_FLOAT);
            LongDouble.Parsed incr = LongDouble.parse(incrBytes);
            if (!incr.valid()) throw new CommandException(Errors.NOT_FLOAT);
            if (value.infinite() || incr.infinite()) throw new CommandException(Errors.INCR_NAN_OR_INFINITY);
            BigDecimal sum = LongDouble.add(value.value(), incr.value());
            if (sum == null) throw new CommandException(Errors.INCR_NAN_OR_INFINITY);
            return LongDouble.format(sum).getBytes(StandardCharsets.US_ASCII);
        });
        server.events().notify(KeyspaceEventFlags.STRING, "incrbyfloat", a.bytes(1));
        c.out().bulk(result);
    }

    private void setRange(Client c, RespRequest a) {
        if (!a.isLong(2)) throw new CommandException(Errors.NOT_INTEGER);
        long offset = a.longValue(2);
        if (offset < 0) throw new CommandException(Errors.OFFSET_OUT_OF_RANGE);
        byte[] value = a.bytes(3);
        long maxLen = server.settings().getLong(ConfigFields.PROTO_MAX_BULK_LEN);
        byte[] result = keyspace().updateString(Key.wrap(a.bytes(1)), old -> {
            if (value.length == 0) return null; // nothing to write: the length of what is there
            if (offset + value.length > maxLen) throw new CommandException(Errors.STRING_TOO_LONG);
            int length = (int) Math.max(old == null ? 0 : old.length, offset + value.length);
            byte[] next = old == null ? new byte[length] : Arrays.copyOf(old, length);
            System.arraycopy(value, 0, next, (int) offset, value.length);
            return next;
        });
        if (value.length > 0) server.events().notify(KeyspaceEventFlags.STRING, "setrange", a.bytes(1));
        c.out().integer(result == null ? 0 : result.length);
    }

    /** GETRANGE / SUBSTR: negative indexes count from the end; an empty range is an empty string. */
    private void getRange(Client c, RespRequest a) {
        if (!a.isLong(2) || !a.isLong(3)) throw new CommandException(Errors.NOT_INTEGER);
        long start = a.longValue(2);
        long end = a.longValue(3);
        byte[][] v = keyspace().getStringParts(Key.wrap(a.bytes(1))); // a huge value's parts: only the range is copied
        if (v == null || (start < 0 && end < 0 && start > end)) {
            c.out().bulk(new byte[0]);
            return;
        }
        long len = 0;
        for (byte[] p : v) len += p.length;
        if (start < 0) start = len + start;
        if (end < 0) end = len + end;
        if (start < 0) start = 0;
        if (end < 0) end = 0;
        if (end >= len) end = len - 1;
        c.out().bulk(start > end || len == 0 ? new byte[0] : copyRange(v, start, (int) (end - start + 1)));
    }

    /** {@code n} bytes from {@code from} of the value made of {@code parts}. */
    private static byte[] copyRange(byte[][] parts, long from, int n) {
        byte[] out = new byte[n];
        int filled = 0;
        long partStart = 0;
        for (byte[] p : parts) {
            long partEnd = partStart + p.length;
            if (partEnd > from + filled && filled < n) {
                int off = (int) (from + filled - partStart);
                int take = Math.min(p.length - off, n - filled);
                System.arraycopy(p, off, out, filled, take);
                filled += take;
            }
            partStart = partEnd;
        }
        return out;
    }
}
