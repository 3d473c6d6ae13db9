package io.stocktsdb.server.net;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Replies that are known later than their command ran (cluster mode: a write answered once its
 * Raft entry is committed and applied). The connection keeps every reply in request order: a
 * deferred reply holds back the replies after it until it is written.
 */
public interface DeferredReplies {
    /**
     * Reserves the next reply position for {@code reply}, written when it completes (an
     * exceptional completion must not happen: callers map failures to error replies).
     */
    void defer(CompletableFuture<ByteBuf> reply);

    /**
     * Completes once every reply deferred so far is known (the commands before have taken
     * effect), whatever it is; later deferrals are not waited for.
     */
    CompletableFuture<Void> settled();

    /** Whether a deferred reply of this connection is still pending. */
    boolean pending();

    /** The connection's event loop: runs work that touches the connection's state. */
    Executor executor();
}
