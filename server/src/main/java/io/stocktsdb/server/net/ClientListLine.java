package io.stocktsdb.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/** CLIENT LIST's line for a connection, also the client-info of ACL LOG entries (Redis's catClientInfoString). */
public final class ClientListLine {
    private ClientListLine() {}

    /** Every field of Redis 8.2's line, in its order, with this server's values. */
    public static String of(Client x) {
        long now = System.currentTimeMillis();
        Channel ch = x.channel();
        ChannelOutboundBuffer ob = ch.unsafe().outboundBuffer();
        long omem = ob == null ? 0 : ob.totalPendingWriteBytes();
        int oll = ob == null ? 0 : ob.size();
        ClientBuffers b = x.buffers();
        long qbuf = x.queryBufferBytes();
        long tot = b.readBufferSize + b.outputBatchCapacity + omem + b.argvMem + b.multiMem;
        return "id=" + x.id()
                + " addr=" + x.peer()
                + " laddr=" + x.local()
                + " fd=" + FileDescriptors.of(ch)
                + " name=" + (x.name() == null ? "" : x.name())
                + " age=" + (now - x.createdAtMillis()) / 1000
                + " idle=" + (now - x.lastInteractionMillis()) / 1000
                + " flags=" + x.flags()
                + " db=0 sub=" + x.subscriptions().channels() + " psub=" + x.subscriptions().patterns() + " ssub=" + x.subscriptions().shardChannels()
                + " multi=" + (x.inMulti() ? x.queuedCount() : -1)
                + " watch=" + x.watchedKeys().size()
                + " qbuf=" + qbuf + " qbuf-free=" + b.readBufferFree
                + " argv-mem=" + b.argvMem + " multi-mem=" + b.multiMem
                + " rbs=" + b.readBufferSize + " rbp=" + b.readBufferPeak
                + " obl=" + b.outputBatchBytes + " oll=" + oll + " omem=" + omem
                + " tot-mem=" + tot
                + " events=" + (omem > 0 ? "rw" : "r")
                + " cmd=" + x.lastCommand()
                + " user=" + x.user()
                + " redir=-1"
                + " resp=" + x.protocol()
                + " lib-name=" + (x.libName() == null ? "" : x.libName())
                + " lib-ver=" + (x.libVersion() == null ? "" : x.libVersion())
                + " io-thread=" + b.ioThread
                + " tot-net-in=" + b.netIn + " tot-net-out=" + b.netOut + " tot-cmds=" + b.commands;
    }
}
