package io.stocktsdb.server.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event-loop transport: native epoll where the platform has it (the seed's "libevent"),
 * NIO otherwise or when forced (the seed's "fallback poller").
 */
public record NettyTransport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel) {

    /** {@code preference}: auto, epoll or nio. Asking for epoll where it is unavailable fails. */
    public static NettyTransport choose(String preference) {
        boolean wantEpoll = !preference.equals("nio");
        if (wantEpoll && Epoll.isAvailable()) {
            return new NettyTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        if (preference.equals("epoll")) {
            throw new IllegalStateException("transport epoll requested but unavailable: " + Epoll.unavailabilityCause());
        }
        return new NettyTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    /** The client socket channel that runs on this transport's event loops (connections to peers). */
    public Class<? extends io.netty.channel.Channel> socketChannel() {
        return name.equals("epoll") ? io.netty.channel.epoll.EpollSocketChannel.class : io.netty.channel.socket.nio.NioSocketChannel.class;
    }

    public EventLoopGroup newGroup(int threads, String threadName) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadName, true), ioHandlerFactory);
    }
}
