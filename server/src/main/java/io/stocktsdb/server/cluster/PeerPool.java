package io.stocktsdb.server.cluster;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Internal connections to the other nodes' RESP ports, non-blocking, on the server's own event
 * loops: each event loop keeps at most one connection per peer (and one more in READONLY mode),
 * so the client connections of a loop share it (requests pipelined) and its replies are handled
 * on the loop that asked. A closed connection is replaced at the next request. A connection
 * authenticates with {@code requirepass} when one is set (the {@code default} user, as the
 * topology version check does).
 */
public final class PeerPool implements AutoCloseable {
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelClass;
    private final Supplier<String> password;
    /** Per event loop (touched only by it): "nodeId/readonly" -> connection being opened or open. */
    private final Map<EventLoop, Map<String, CompletableFuture<PeerConnection>>> byLoop = new ConcurrentHashMap<>();

    public PeerPool(EventLoopGroup group, Class<? extends Channel> channelClass, Supplier<String> password) {
        this.group = group;
        this.channelClass = channelClass;
        this.password = password;
    }

    /** An event loop of this pool for work that arrives from elsewhere (e.g. not from a client connection). */
    EventLoop anyLoop() {
        return group.next();
    }

    boolean owns(EventLoop loop) {
        for (var e : group) if (e == loop) return true;
        return false;
    }

    /** A usable connection of {@code loop} to {@code peer}; call on {@code loop}. */
    CompletableFuture<PeerConnection> connection(EventLoop loop, Topology.Member peer, boolean readonly, int connectTimeoutMs) {
        Map<String, CompletableFuture<PeerConnection>> conns = byLoop.computeIfAbsent(loop, l -> new ConcurrentHashMap<>());
        String key = peer.nodeId() + (readonly ? "/ro" : "/rw");
        CompletableFuture<PeerConnection> known = conns.get(key);
        if (known != null && (!known.isDone() || (!known.isCompletedExceptionally() && known.join().usable()))) return known;
        CompletableFuture<PeerConnection> opening = open(loop, peer, readonly, connectTimeoutMs);
        conns.put(key, opening);
        opening.whenComplete((c, e) -> {
            if (e != null) conns.remove(key, opening); // on the loop: the connect listener runs there
        });
        return opening;
    }

    private CompletableFuture<PeerConnection> open(EventLoop loop, Topology.Member peer, boolean readonly, int connectTimeoutMs) {
        PeerConnection conn = new PeerConnection(peer.nodeId() + " " + peer.address());
        CompletableFuture<PeerConnection> result = new CompletableFuture<>();
        new Bootstrap().group(loop).channel(channelClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, connectTimeoutMs))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new PeerReplyDecoder(), conn);
                    }
                })
                .connect(peer.host(), peer.port()).addListener(f -> {
                    if (!f.isSuccess()) {
                        result.completeExceptionally(f.cause());
                        return;
                    }
                    conn.attach(((io.netty.channel.ChannelFuture) f).channel());
                    String pass = password.get();
                    // pipelined before the first request: a refusal shows in that request's reply (NOAUTH)
                    if (pass != null && !pass.isEmpty()) conn.send(bytes("AUTH"), bytes(pass));
                    if (readonly) conn.send(bytes("READONLY"));
                    result.complete(conn);
                });
        return result;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (Map<String, CompletableFuture<PeerConnection>> conns : byLoop.values()) {
            for (CompletableFuture<PeerConnection> f : conns.values()) f.thenAccept(PeerConnection::close);
        }
    }
}
