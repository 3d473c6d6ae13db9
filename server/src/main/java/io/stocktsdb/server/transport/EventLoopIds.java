package io.stocktsdb.server.transport;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A small number per event loop, in the order they first serve a connection (CLIENT LIST io-thread). */
final class EventLoopIds {
    private static final Map<EventLoop, Integer> IDS = new ConcurrentHashMap<>();

    private EventLoopIds() {}

    static int of(EventLoop loop) {
        return IDS.computeIfAbsent(loop, l -> IDS.size());
    }
}
