package io.stocktsdb.server.net;

import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;

/** The socket's file descriptor where the transport exposes it (epoll); -1 under NIO. */
final class FileDescriptors {
    private FileDescriptors() {}

    static int of(Channel ch) {
        if (ch instanceof UnixChannel) return ((UnixChannel) ch).fd().intValue();
        return -1;
    }
}
