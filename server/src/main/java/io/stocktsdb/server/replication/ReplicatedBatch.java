package io.stocktsdb.server.replication;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of one Raft log entry: the {@link ReplicatedEntry entries} the leader had ready
 * when it proposed (commands of many connections), applied in order as one unit. One entry per
 * batch rather than per command is what lets a shard keep up with pipelined clients: each log
 * entry costs a lock round in Ratis, an fsync share, a reply and an engine commit. The entries
 * are stored already encoded, so the leader encodes each command once, on its own event loop.
 *
 * <p>Layout: {@code 2, count:int, (length:int, ReplicatedEntry bytes)*}. A payload starting with
 * {@link ReplicatedEntry}'s own version byte (1) is a lone entry written before batches existed.
 * The state machine's reply is {@code count:int, (length:int, reply bytes)*} in the same order.
 */
final class ReplicatedBatch {
    private static final byte VERSION = 2;
    private static final byte LONE_ENTRY_VERSION = 1;

    private ReplicatedBatch() {}

    /** The payload carrying {@code encodedEntries} (each from {@link ReplicatedEntry#encode()}). */
    static byte[] encode(List<byte[]> encodedEntries) {
        int size = 1 + 4;
        for (byte[] e : encodedEntries) size += 4 + e.length;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION).putInt(encodedEntries.size());
        for (byte[] e : encodedEntries) b.putInt(e.length).put(e);
        return b.array();
    }

    static List<ReplicatedEntry> decode(ByteBuffer b) {
        byte version = b.get(b.position());
        if (version == LONE_ENTRY_VERSION) return List.of(ReplicatedEntry.decode(b));
        if (version != VERSION) throw new IllegalArgumentException("unsupported replicated batch version " + version);
        b.get();
        int n = b.getInt();
        List<ReplicatedEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = b.getInt();
            ByteBuffer one = b.slice(b.position(), len);
            b.position(b.position() + len);
            out.add(ReplicatedEntry.decode(one));
        }
        return out;
    }

    static byte[] encodeReplies(byte[][] replies) {
        int size = 4;
        for (byte[] r : replies) size += 4 + r.length;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(replies.length);
        for (byte[] r : replies) b.putInt(r.length).put(r);
        return b.array();
    }

    static byte[][] decodeReplies(ByteBuffer b) {
        int n = b.getInt();
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new byte[b.getInt()];
            b.get(out[i]);
        }
        return out;
    }
}
