package io.stocktsdb.server.transport;

import io.netty.buffer.ByteBuf;
import io.stocktsdb.resp.RespDecoder;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.net.Client;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a command with a huge argument (a 500 MB SET) off the event loop, so the loop's other
 * connections keep being served while the value is copied, logged and committed. The connection
 * itself is paused meanwhile and its handler leaves its reply buffer alone: the command writes its
 * reply where the loop would have, and later commands run after it, as in order.
 */
final class BigCommandRunner {
    /** Commands at least this long (all their bytes) run here. */
    static final int BYTES = 8 << 20;

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stocktsdb-big-command");
        t.setDaemon(true);
        return t;
    });

    private BigCommandRunner() {}

    /**
     * Dispatches the one complete command in {@code command} (released afterwards) and makes its
     * writes durable; the future completes (never exceptionally) when it is done.
     */
    static CompletableFuture<Void> run(ServerContext server, Client client, DurabilityBarrier durability, ByteBuf command) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        WORKER.execute(() -> {
            try {
                RespDecoder decoder = new RespDecoder(Long.MAX_VALUE);
                RespRequest request = new RespRequest();
                if (decoder.decode(command, request) != RespDecoder.COMPLETE) throw new IllegalStateException("incomplete big command");
                server.dispatcher().dispatch(client, request);
                client.runBeforeCommit();
                long seq = client.pendingSeq();
                if (seq > 0 && !durability.isDurable(seq)) durability.awaitDurable(seq);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BigCommandRunner.class).error("big command failed id={}", client.id(), e);
                try {
                    client.out().error(io.stocktsdb.server.command.Errors.INTERNAL);
                } catch (RuntimeException closed) {
                    // the connection went away meanwhile: nobody to answer
                }
            } finally {
                command.release();
                done.complete(null);
            }
        });
        return done;
    }
}
