package io.stocktsdb.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/** CLIENT LIST's line for a connection, also the client-info of ACL LOG entries (Redis's catClientInfoString). */
public final class ClientListLine {
    private ClientListLine() {}

    /** The fields whose values we really know, in Redis's order. */
    public static String of(Client x) {
        long now = System.currentTimeMillis();
        Channel ch = x.channel();
        ChannelOutboundBuffer ob = ch.unsafe().outboundBuffer();
        long omem = ob == null ? 0 : ob.totalPendingWriteBytes();
        int oll = ob == null ? 0 : ob.size();
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
                + " watch=0"
                + " qbuf=" + x.queryBufferBytes()
                + " obl=0 oll=" + oll + " omem=" + omem
                + " events=r"
                + " cmd=" + x.lastCommand()
                + " user=" + x.user()
                + " redir=-1"
                + " resp=" + x.protocol()
                + " lib-name=" + (x.libName() == null ? "" : x.libName())
                + " lib-ver=" + (x.libVersion() == null ? "" : x.libVersion());
    }
}
