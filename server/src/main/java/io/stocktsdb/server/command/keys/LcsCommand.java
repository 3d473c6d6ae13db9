package io.stocktsdb.server.command.keys;

import static io.stocktsdb.server.command.AclCategory.STRING;
import static io.stocktsdb.server.command.CommandFlag.READONLY;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.net.Client;
import java.util.ArrayList;
import java.util.List;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]: the longest common subsequence by
 * Redis's dynamic programming table, walked back from the end, so the string and the match
 * ranges (latest first) are the ones Redis gives.
 */
public final class LcsCommand {

    private final ServerContext server;

    public LcsCommand(ServerContext server) { this.server = server; }

    private Keyspace keyspace() { return server.engine().keyspace(); }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("lcs", -3).flags(READONLY).keys(1, 2, 1).categories(STRING)
                .docs("string", "7.0.0", "Finds the longest common substring.").handler(this::lcs).build());
    }

    private record Match(long aStart, long aEnd, long bStart, long bEnd, long len) {}

    private void lcs(Client c, RespRequest req) {
        byte[] a;
        byte[] b;
        try {
            a = orEmpty(keyspace().getString(Key.wrap(req.bytes(1))));
            b = orEmpty(keyspace().getString(Key.wrap(req.bytes(2))));
        } catch (WrongTypeException e) {
            throw new CommandException(Errors.LCS_NOT_STRINGS);
        }
        boolean getLen = false, getIdx = false, withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < req.argc(); j++) {
            if (req.equalsIgnoreCase(j, "IDX")) {
                getIdx = true;
            } else if (req.equalsIgnoreCase(j, "LEN")) {
                getLen = true;
            } else if (req.equalsIgnoreCase(j, "WITHMATCHLEN")) {
                withMatchLen = true;
            } else if (req.equalsIgnoreCase(j, "MINMATCHLEN") && j + 1 < req.argc()) {
                if (!req.isLong(j + 1)) throw new CommandException(Errors.NOT_INTEGER);
                minMatchLen = Math.max(0, req.longValue(j + 1));
                j++;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        if (getLen && getIdx) throw new CommandException(Errors.LCS_LEN_AND_IDX);
        int alen = a.length;
        int blen = b.length;
        long cells = (long) (alen + 1) * (blen + 1);
        if (cells * 4 > server.settings().getLong(ConfigFields.PROTO_MAX_BULK_LEN)) throw new CommandException(Errors.LCS_TOO_LARGE);
        int[] table;
        try {
            table = new int[Math.toIntExact(cells)];
        } catch (OutOfMemoryError | ArithmeticException e) {
            throw new CommandException(Errors.LCS_NO_MEMORY);
        }
        int w = blen + 1;
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                table[i * w + j] = a[i - 1] == b[j - 1] ? table[(i - 1) * w + j - 1] + 1
                        : Math.max(table[(i - 1) * w + j], table[i * w + j - 1]);
            }
        }
        int length = table[alen * w + blen];
        if (getLen) {
            c.out().integer(length);
            return;
        }
        byte[] result = new byte[length];
        List<Match> matches = new ArrayList<>();
        int idx = length;
        int i = alen;
        int j = blen;
        long aStart = alen, aEnd = 0, bStart = 0, bEnd = 0; // aStart == alen: no range open
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                result[idx - 1] = a[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) emit = true;
                idx--;
                i--;
                j--;
            } else {
                if (table[(i - 1) * w + j] > table[i * w + j - 1]) i--;
                else j--;
                if (aStart != alen) emit = true;
            }
            if (emit) {
                long matchLen = aEnd - aStart + 1;
                if (minMatchLen == 0 || matchLen >= minMatchLen) matches.add(new Match(aStart, aEnd, bStart, bEnd, matchLen));
                aStart = alen;
            }
        }
        if (!getIdx) {
            c.out().bulk(result);
            return;
        }
        RespWriter out = c.out();
        out.mapHeader(2);
        out.bulk("matches");
        out.arrayHeader(matches.size());
        for (Match m : matches) {
            out.arrayHeader(withMatchLen ? 3 : 2);
            out.arrayHeader(2);
            out.integer(m.aStart());
            out.integer(m.aEnd());
            out.arrayHeader(2);
            out.integer(m.bStart());
            out.integer(m.bEnd());
            if (withMatchLen) out.integer(m.len());
        }
        out.bulk("len");
        out.integer(length);
    }

    private static byte[] orEmpty(byte[] v) {
        return v == null ? new byte[0] : v;
    }
}
