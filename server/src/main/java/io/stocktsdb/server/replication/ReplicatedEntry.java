package io.stocktsdb.server.replication;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One Raft log entry: a client command (or a whole MULTI/EXEC) made deterministic by the
 * leader. Every member applies the same bytes: the commands run through the normal handlers with
 * {@link io.stocktsdb.engine.CommandClock} fixed at {@code nowMs} (so {@code *} timestamps,
 * TS.INCRBY without TIMESTAMP, relative TTLs resolve to the leader's instant) and reply in the
 * client's protocol. A transaction item is either a command or an error the leader already
 * decided (an ACL refusal at EXEC), so a member never re-decides anything.
 *
 * @param transaction  true for EXEC: the reply is an array of the items' replies
 * @param nowMs        the leader's clock when it proposed the entry
 * @param protocol     2 or 3, the requesting connection's RESP version
 * @param items        the commands in order
 */
public record ReplicatedEntry(boolean transaction, long nowMs, int protocol, List<Item> items) {
    private static final byte VERSION = 1;

    public ReplicatedEntry {
        items = List.copyOf(items);
    }

    /** A command ({@code argv}) or a refusal decided by the leader ({@code error}, without '-'). */
    public record Item(byte[][] argv, String error) {
        public static Item command(byte[][] argv) { return new Item(argv, null); }

        public static Item refused(String error) { return new Item(null, error); }
    }

    public static ReplicatedEntry command(long nowMs, int protocol, byte[][] argv) {
        return new ReplicatedEntry(false, nowMs, protocol, List.of(Item.command(argv)));
    }

    public byte[] encode() {
        int size = 1 + 1 + 8 + 1 + 4;
        for (Item it : items) {
            size += 1 + 4;
            if (it.error() != null) {
                size += it.error().getBytes(StandardCharsets.UTF_8).length;
            } else {
                for (byte[] a : it.argv()) size += 4 + a.length;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION).put((byte) (transaction ? 1 : 0)).putLong(nowMs).put((byte) protocol).putInt(items.size());
        for (Item it : items) {
            if (it.error() != null) {
                byte[] e = it.error().getBytes(StandardCharsets.UTF_8);
                b.put((byte) 1).putInt(e.length).put(e);
            } else {
                b.put((byte) 0).putInt(it.argv().length);
                for (byte[] a : it.argv()) b.putInt(a.length).put(a);
            }
        }
        return b.array();
    }

    public static ReplicatedEntry decode(ByteBuffer b) {
        byte version = b.get();
        if (version != VERSION) throw new IllegalArgumentException("unsupported replicated entry version " + version);
        boolean transaction = b.get() == 1;
        long nowMs = b.getLong();
        int protocol = b.get();
        int n = b.getInt();
        List<Item> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte type = b.get();
            int count = b.getInt();
            if (type == 1) {
                byte[] e = new byte[count];
                b.get(e);
                items.add(Item.refused(new String(e, StandardCharsets.UTF_8)));
            } else {
                byte[][] argv = new byte[count][];
                for (int j = 0; j < count; j++) {
                    argv[j] = new byte[b.getInt()];
                    b.get(argv[j]);
                }
                items.add(Item.command(argv));
            }
        }
        return new ReplicatedEntry(transaction, nowMs, protocol, items);
    }
}
