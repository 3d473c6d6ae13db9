package io.stocktsdb.server.command.keys;

import static io.stocktsdb.server.command.AclCategory.BITMAP;
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
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.net.Client;
import java.util.Arrays;

/** SETBIT, GETBIT, BITCOUNT, BITPOS on strings, as Redis's bitops.c (bit 0 is the most significant bit of byte 0). */
public final class BitCommands {

    private final ServerContext server;

    public BitCommands(ServerContext server) { this.server = server; }

    private Keyspace keyspace() { return server.engine().keyspace(); }

    public void register(CommandRegistry r) {
        r.register(spec("setbit", 4, "2.2.0", "Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist.", this::setBit)
                .flags(WRITE, DENYOOM).keys(1, 1, 1).keyAccess(CommandSpec.KEY_READ | CommandSpec.KEY_WRITE).build());
        r.register(spec("getbit", 3, "2.2.0", "Returns a bit value by offset.", this::getBit).flags(READONLY, FAST).keys(1, 1, 1).build());
        r.register(spec("bitcount", -2, "2.6.0", "Counts the number of set bits (population counting) in a string.", this::bitCount)
                .flags(READONLY).keys(1, 1, 1).build());
        r.register(spec("bitpos", -3, "2.8.7", "Finds the first set (1) or clear (0) bit in a string.", this::bitPos)
                .flags(READONLY).keys(1, 1, 1).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary, CommandHandler h) {
        return CommandSpec.builder(name, arity).categories(BITMAP).docs("bitmap", since, summary).handler(h);
    }

    /** A bit offset: a non-negative integer whose byte fits under proto-max-bulk-len. */
    private long offset(RespRequest a, int i) {
        if (!a.isLong(i)) throw new CommandException(Errors.BIT_OFFSET);
        long v = a.longValue(i);
        if (v < 0 || (v >>> 3) >= server.settings().getLong(ConfigFields.PROTO_MAX_BULK_LEN)) throw new CommandException(Errors.BIT_OFFSET);
        return v;
    }

    private void setBit(Client c, RespRequest a) {
        long bit = offset(a, 2);
        if (!a.isLong(3) || (a.longValue(3) & ~1L) != 0) throw new CommandException(Errors.BIT_VALUE);
        boolean on = a.longValue(3) == 1;
        int byteIndex = (int) (bit >>> 3);
        int mask = 1 << (7 - (int) (bit & 7));
        int[] old = new int[1];
        keyspace().updateString(Key.wrap(a.bytes(1)), cur -> {
            byte[] next = cur == null ? new byte[byteIndex + 1] : Arrays.copyOf(cur, Math.max(cur.length, byteIndex + 1));
            old[0] = (next[byteIndex] & mask) != 0 ? 1 : 0;
            next[byteIndex] = (byte) (on ? next[byteIndex] | mask : next[byteIndex] & ~mask);
            return next;
        });
        server.events().notify(io.stocktsdb.server.config.KeyspaceEventFlags.STRING, "setbit", a.bytes(1));
        c.out().integer(old[0]);
    }

    private void getBit(Client c, RespRequest a) {
        long bit = offset(a, 2);
        byte[] v = keyspace().getString(Key.wrap(a.bytes(1)));
        long byteIndex = bit >>> 3;
        c.out().integer(v == null || byteIndex >= v.length ? 0 : (v[(int) byteIndex] >> (7 - (int) (bit & 7))) & 1);
    }

    /** BITCOUNT key [start end [BYTE|BIT]]. */
    private void bitCount(Client c, RespRequest a) {
        if (a.argc() != 2 && a.argc() != 4 && a.argc() != 5) throw new CommandException(Errors.SYNTAX);
        long start = 0;
        long end = 0;
        boolean isBit = false;
        if (a.argc() >= 4) {
            start = longArg(a, 2);
            end = longArg(a, 3);
            if (a.argc() == 5) isBit = unit(a, 4);
        }
        byte[] v = keyspace().getString(Key.wrap(a.bytes(1)));
        if (v == null) {
            c.out().integer(0);
            return;
        }
        if (a.argc() == 2) {
            c.out().integer(popcount(v, 0, v.length - 1L));
            return;
        }
        if (start < 0 && end < 0 && start > end) {
            c.out().integer(0);
            return;
        }
        long total = isBit ? (long) v.length << 3 : v.length;
        long[] r = clamp(start, end, total);
        if (r[0] > r[1]) {
            c.out().integer(0);
            return;
        }
        if (!isBit) {
            c.out().integer(popcount(v, r[0], r[1]));
            return;
        }
        long count = 0;
        for (long b = r[0]; b <= r[1]; b++) count += (v[(int) (b >>> 3)] >> (7 - (int) (b & 7))) & 1;
        c.out().integer(count);
    }

    /**
     * BITPOS key bit [start [end [BYTE|BIT]]]: a missing key is an infinite run of zeros; without
     * an explicit end, looking for 0 past the last byte finds the first bit after the string.
     */
    private void bitPos(Client c, RespRequest a) {
        if (!a.isLong(2)) throw new CommandException(Errors.NOT_INTEGER);
        long want = a.longValue(2);
        if (want != 0 && want != 1) throw new CommandException(Errors.BIT_ARGUMENT);
        if (a.argc() > 6) throw new CommandException(Errors.SYNTAX);
        long start = 0;
        long end = 0;
        boolean isBit = false;
        boolean endGiven = a.argc() >= 5;
        if (a.argc() >= 4) {
            start = longArg(a, 3);
            if (a.argc() == 6) isBit = unit(a, 5);
            if (endGiven) end = longArg(a, 4);
        }
        byte[] v = keyspace().getString(Key.wrap(a.bytes(1)));
        if (v == null) {
            c.out().integer(want == 1 ? -1 : 0);
            return;
        }
        long total = isBit ? (long) v.length << 3 : v.length;
        if (a.argc() == 3) {
            start = 0;
            end = total - 1;
        } else if (!endGiven) {
            end = total - 1;
        }
        long[] r = clamp(start, end, total);
        if (r[0] > r[1]) {
            c.out().integer(-1);
            return;
        }
        long firstBit = isBit ? r[0] : r[0] << 3;
        long lastBit = isBit ? r[1] : (r[1] << 3) + 7;
        for (long b = firstBit; b <= lastBit; b++) {
            if (((v[(int) (b >>> 3)] >> (7 - (int) (b & 7))) & 1) == want) {
                c.out().integer(b);
                return;
            }
        }
        // Looking for a clear bit with no end given: the string continues with zeros.
        c.out().integer(want == 0 && !endGiven ? lastBit + 1 : -1);
    }

    /** Negative indexes from the end, then clamped to [0, total - 1] as Redis does. */
    private static long[] clamp(long start, long end, long total) {
        if (start < 0) start = total + start;
        if (end < 0) end = total + end;
        if (start < 0) start = 0;
        if (end < 0) end = 0;
        if (end >= total) end = total - 1;
        return new long[] {start, end};
    }

    private static boolean unit(RespRequest a, int i) {
        if (a.equalsIgnoreCase(i, "BIT")) return true;
        if (a.equalsIgnoreCase(i, "BYTE")) return false;
        throw new CommandException(Errors.SYNTAX);
    }

    private static long longArg(RespRequest a, int i) {
        if (!a.isLong(i)) throw new CommandException(Errors.NOT_INTEGER);
        return a.longValue(i);
    }

    private static long popcount(byte[] v, long from, long to) {
        long n = 0;
        for (long i = from; i <= to; i++) n += Integer.bitCount(v[(int) i] & 0xFF);
        return n;
    }
}
