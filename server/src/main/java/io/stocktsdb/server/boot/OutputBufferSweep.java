package io.stocktsdb.server.boot;

import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.config.OutputBufferLimits;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.net.OutputBufferCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the soft output limit to clients that stopped sending (so no flush re-checks them):
 * every second, a client whose unread output stays above the limit is closed.
 */
final class OutputBufferSweep implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OutputBufferSweep.class);
    private final ServerContext context;

    OutputBufferSweep(ServerContext context) { this.context = context; }

    @Override
    public void run() {
        OutputBufferLimits.Limit limit = context.settings().outputBufferLimits().normal();
        if (limit.hardBytes() == 0 && limit.softBytes() == 0) return;
        long now = System.currentTimeMillis();
        for (Client c : context.clients().snapshot()) {
            long pending = OutputBufferCheck.pendingBytes(c.channel());
            if (pending > 0 && OutputBufferCheck.mustClose(c, pending, limit, now)) {
                log.warn("closing client for overcoming of output buffer limits id={} addr={} omem={}", c.id(), c.peer(), pending);
                context.stats().outputBufferLimitDisconnections.increment();
                c.channel().close();
            }
        }
    }
}
