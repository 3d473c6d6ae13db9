package io.stocktsdb.server.command.server;

import static io.stocktsdb.server.command.CommandFlag.ADMIN;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;

/** MONITOR: the connection receives every command the server runs from then on (see {@code Monitors}). */
public final class MonitorCommand {
    private final ServerContext server;

    public MonitorCommand(ServerContext server) { this.server = server; }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("monitor", 1).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                .docs("server", "1.0.0", "Listens for all requests received by the server in real-time.")
                .handler((c, a) -> {
                    if (c.monitor()) return; // as Redis: a second MONITOR is ignored, without a reply
                    server.monitors().add(c);
                    c.out().ok();
                }).build());
    }
}
