package io.stocktsdb.server.boot;

import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.config.ConfigFields;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis's active expiry: {@code hz} times a second, deletes keys whose deadline passed (at most
 * {@link #KEYS_PER_CYCLE} per cycle, so one cycle stays short), whether or not anyone reads them.
 * Reschedules itself after each run so that CONFIG SET hz takes effect at once.
 */
final class ActiveExpiryCycle implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ActiveExpiryCycle.class);
    static final int KEYS_PER_CYCLE = 2000;

    private final ServerContext context;
    private final ScheduledExecutorService executor;

    ActiveExpiryCycle(ServerContext context, ScheduledExecutorService executor) {
        this.context = context;
        this.executor = executor;
    }

    void start() {
        schedule();
    }

    @Override
    public void run() {
        try {
            if (context.activeExpire()) context.commandHold().offLoop(() -> context.engine().keyspace().sweepExpired(KEYS_PER_CYCLE));
        } catch (RuntimeException e) {
            log.error("active expiry cycle failed", e);
        } finally {
            if (!executor.isShutdown()) schedule();
        }
    }

    private void schedule() {
        long periodMicros = 1_000_000L / Math.max(1, context.settings().getInt(ConfigFields.HZ));
        try {
            executor.schedule(this, periodMicros, TimeUnit.MICROSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the server is closing
        }
    }
}
