package io.stocktsdb.server.boot;

import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.net.Client;

/** Closes clients idle longer than {@code timeout} seconds (Redis's clientsCron), skipping MULTI. */
final class IdleClientSweep implements Runnable {
    private final ServerContext context;

    IdleClientSweep(ServerContext context) { this.context = context; }

    @Override
    public void run() {
        int timeout = context.settings().getInt(ConfigFields.TIMEOUT);
        if (timeout <= 0) return;
        long cutoff = System.currentTimeMillis() - timeout * 1000L;
        for (Client c : context.clients().snapshot()) {
            if (c.lastInteractionMillis() < cutoff) c.channel().close();
        }
    }
}
