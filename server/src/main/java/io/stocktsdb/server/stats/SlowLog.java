package io.stocktsdb.server.stats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** SLOWLOG: the most recent commands slower than the threshold, newest first. */
public final class SlowLog {
    /** One entry; arguments already cut as Redis does (32 args, 128 bytes each). */
    public record Entry(long id, long unixSeconds, long micros, List<byte[]> args, String peer, String clientName) {}

    private static final int MAX_ARGS = 32;
    public static final int MAX_ARG_BYTES = 128;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    /** Copies of at most this many arguments are enough for an entry. */
    public static final int ARGS_KEPT = MAX_ARGS;

    /**
     * Adds an entry. {@code argv} holds the first arguments (at least {@link #ARGS_KEPT} when the
     * command had that many); {@code argc} is how many the command had.
     */
    public synchronized void add(long micros, byte[][] argv, int argc, String peer, String clientName, int maxLen) {
        add(micros, argv, i -> argv[i].length, argc, peer, clientName, maxLen);
    }

    /**
     * As above for arguments already cut to {@link #MAX_ARG_BYTES} ({@code RespRequest.copyFirst(n,
     * max)}): {@code length} gives each argument's full length, for the "more bytes" note.
     */
    public synchronized void add(long micros, byte[][] argv, java.util.function.IntUnaryOperator length, int argc, String peer,
                                 String clientName, int maxLen) {
        List<byte[]> args = new ArrayList<>();
        int shown = Math.min(argc, argc > MAX_ARGS ? MAX_ARGS - 1 : MAX_ARGS);
        for (int i = 0; i < shown; i++) {
            byte[] a = argv[i];
            int full = a.length >= MAX_ARG_BYTES ? Math.max(a.length, length.applyAsInt(i)) : a.length;
            if (full > MAX_ARG_BYTES) {
                String more = "... (" + (full - MAX_ARG_BYTES) + " more bytes)";
                byte[] cut = new byte[MAX_ARG_BYTES + more.length()];
                System.arraycopy(a, 0, cut, 0, MAX_ARG_BYTES);
                System.arraycopy(more.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, cut, MAX_ARG_BYTES, more.length());
                a = cut;
            }
            args.add(a);
        }
        if (argc > MAX_ARGS) {
            args.add(("... (" + (argc - shown) + " more arguments)").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        entries.addFirst(new Entry(nextId++, System.currentTimeMillis() / 1000, micros, args, peer, clientName));
        while (entries.size() > maxLen) entries.removeLast();
    }

    public synchronized List<Entry> latest(int count) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (out.size() >= count) break;
            out.add(e);
        }
        return out;
    }

    public synchronized int size() { return entries.size(); }

    public synchronized void reset() { entries.clear(); }

    public synchronized void trim(int maxLen) {
        while (entries.size() > maxLen) entries.removeLast();
    }
}
