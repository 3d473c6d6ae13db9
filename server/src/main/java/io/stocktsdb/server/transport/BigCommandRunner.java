package io.stocktsdb.server.transport;

import io.netty.buffer.ByteBuf;
import io.stocktsdb.resp.RespDecoder;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.net.Client;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import io.stocktsdb.engine.error.WriteFailedException;
import io.stocktsdb.server.command.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command with a huge argument (a 500 MB SET) off the event loop, so the loop's other
 * connections keep being served while the value is copied, logged and committed. The connection
 * itself is paused meanwhile and its handler leaves its reply buffer alone: the command writes its
 * reply where the loop would have, and later commands run after it, as in order.
 */
final class BigCommandRunner {
    private static final Logger log = LoggerFactory.getLogger(BigCommandRunner.class);
    private static final long RETRY_MS = 100;
    /** Commands at least this long (all their bytes) run here. */
    static final int BYTES = 8 << 20;

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stocktsdb-big-command");
        t.setDaemon(true);
        return t;
    });

    private BigCommandRunner() {}

    private static void sleepBeforeRetry() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the disk", e);
        }
    }

    /** How a big command ended: replied (possibly with an error), or its connection must close. */
    enum Outcome { REPLIED, CLOSE }

    /**
     * Dispatches the one complete command in {@code command} (released afterwards; {@code value}:
     * its huge argument was received into its own array, see {@link BigArgument}) and makes its
     * writes durable (waiting, as the loop's group commit does, while the disk is full); the
     * future completes, never exceptionally, when it is done. CLOSE: the command's writes could
     * not be made durable, so its reply must never be sent.
     */
    static CompletableFuture<Outcome> run(ServerContext server, Client client, DurabilityBarrier durability, ByteBuf command, BigArgument value) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        // a command like any other: it waits while DEBUG RELOAD holds them
        WORKER.execute(() -> server.commandHold().offLoop(() -> {
            boolean dispatched = false;
            Outcome outcome = Outcome.REPLIED;
            try {
                RespDecoder decoder = new RespDecoder(Long.MAX_VALUE);
                RespRequest request = new RespRequest();
                if (decoder.decode(command, request) != RespDecoder.COMPLETE) throw new IllegalStateException("incomplete big command");
                if (value != null) value.adoptInto(request); // the huge value reaches the command uncopied
                server.dispatcher().dispatch(client, request);
                dispatched = true;
                client.runBeforeCommit();
                long seq = client.pendingSeq();
                while (seq > 0 && !durability.isDurable(seq)) {
                    try {
                        durability.awaitDurable(seq);
                    } catch (WriteFailedException full) {
                        sleepBeforeRetry();
                    }
                }
            } catch (RuntimeException e) {
                log.error("big command failed id={}", client.id(), e);
                if (dispatched) {
                    outcome = Outcome.CLOSE;
                } else {
                    try {
                        client.out().error(Errors.INTERNAL);
                    } catch (RuntimeException closed) {
                        outcome = Outcome.CLOSE;
                    }
                }
            } finally {
                command.release();
                done.complete(outcome);
            }
        }));
        return done;
    }
}
