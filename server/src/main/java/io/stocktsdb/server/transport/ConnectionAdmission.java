package io.stocktsdb.server.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.config.ConfigFields;
import java.nio.charset.StandardCharsets;

/** Whether a new connection is served: refused (with Redis's error, then closed) over maxclients or by protected mode. */
final class ConnectionAdmission {
    private ConnectionAdmission() {}

    /** Counts the connection; if it is refused, answers it, closes it and returns true. */
    static boolean refuse(ServerContext server, ChannelHandlerContext ctx) {
        server.stats().connectionsReceived.increment();
        if (server.clients().size() >= server.settings().getInt(ConfigFields.MAX_CONNECTIONS)) {
            server.stats().connectionsRejected.increment();
            byte[] err = ("-" + Errors.MAX_CLIENTS + "\r\n").getBytes(StandardCharsets.US_ASCII);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(err)).addListener(ChannelFutureListener.CLOSE);
            return true;
        }
        if (ProtectedMode.refuses(server, ctx.channel())) {
            server.stats().connectionsRejected.increment();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(ProtectedMode.DENIED)).addListener(ChannelFutureListener.CLOSE);
            return true;
        }
        return false;
    }
}
