package io.stocktsdb.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.stocktsdb.server.config.OutputBufferLimits;

/**
 * client-output-buffer-limit for normal clients, with Redis's semantics: a client whose pending
 * output is above the hard limit, or above the soft limit for more than the soft seconds, is
 * closed. Pending output is what Netty still holds for the socket (bytes the client has not read)
 * plus, during a read batch, the replies not yet flushed.
 */
public final class OutputBufferCheck {
    private OutputBufferCheck() {}

    /** Bytes queued in the channel and not yet written to the socket. */
    public static long pendingBytes(Channel ch) {
        ChannelOutboundBuffer ob = ch.unsafe().outboundBuffer();
        return ob == null ? 0 : ob.totalPendingWriteBytes();
    }

    /** True when {@code c} must be closed; remembers when the soft limit was first passed. */
    public static boolean mustClose(Client c, long bytes, OutputBufferLimits.Limit limit, long nowMillis) {
        if (limit.hardExceeded(bytes)) return true;
        if (!limit.softExceeded(bytes)) {
            c.outputSoftLimitSinceMillis(0);
            return false;
        }
        long since = c.outputSoftLimitSinceMillis();
        if (since == 0) {
            c.outputSoftLimitSinceMillis(nowMillis);
            return false;
        }
        return nowMillis - since > limit.softSeconds() * 1000;
    }
}
