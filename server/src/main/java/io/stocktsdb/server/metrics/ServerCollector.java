package io.stocktsdb.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.ServerInfo;
import io.stocktsdb.server.ServerState;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.stats.CommandStats;
import io.stocktsdb.server.stats.ServerStats;
import java.util.Map;

/**
 * Network and command figures: the same counters INFO stats, commandstats and errorstats show
 * (CONFIG RESETSTAT zeroes them, which Prometheus reads as a counter reset).
 */
final class ServerCollector implements MultiCollector {
    private final ServerContext server;

    ServerCollector(ServerContext server) { this.server = server; }

    @Override
    public MetricSnapshots collect() {
        Scrape s = new Scrape();
        ServerStats st = server.stats();
        s.info("stocktsdb_build", "This server's version, the Redis version it speaks and its node id",
                "version", ServerInfo.PRODUCT_VERSION, "redis_version", ServerInfo.REDIS_VERSION,
                "node_id", server.settings().getString(ConfigFields.NODE_ID));
        s.gauge("stocktsdb_serving", "1 while the server serves clients, 0 while it loads or shuts down",
                server.state() == ServerState.SERVING ? 1 : 0);
        s.gauge("stocktsdb_uptime_seconds", "Seconds since the server started",
                (System.currentTimeMillis() - server.startMillis()) / 1000.0);
        s.gauge("stocktsdb_connected_clients", "Client connections open now", server.clients().size());
        s.gauge("stocktsdb_max_clients", "Connection limit (max_connections)", server.settings().getInt(ConfigFields.MAX_CONNECTIONS));
        s.counter("stocktsdb_connections_received", "Connections accepted, including rejected ones", st.connectionsReceived.sum());
        s.counter("stocktsdb_connections_rejected", "Connections refused because max_connections was reached",
                st.connectionsRejected.sum());
        s.counter("stocktsdb_net_input_bytes", "Bytes read from clients", st.netInputBytes.sum());
        s.counter("stocktsdb_net_output_bytes", "Bytes written to clients", st.netOutputBytes.sum());
        s.counter("stocktsdb_commands_processed", "Commands executed", st.commandsProcessed.sum());
        s.counter("stocktsdb_error_replies", "Error replies sent", st.errorReplies.sum());
        s.counter("stocktsdb_protocol_errors", "Connections closed for malformed input", st.protocolErrors.sum());
        s.gauge("stocktsdb_slowlog_length", "Entries in the slow log", server.slowLog().size());

        Scrape.Family calls = s.counters("stocktsdb_command_calls", "Executions by command", "command");
        Scrape.Family failed = s.counters("stocktsdb_command_failed_calls", "Executions that replied with an error, by command", "command");
        Scrape.Family rejected = s.counters("stocktsdb_command_rejected_calls",
                "Calls refused before execution (arity, authentication, transaction state), by command", "command");
        Scrape.Family seconds = s.counters("stocktsdb_command_duration_seconds", "Time spent executing, by command", "command");
        for (CommandSpec spec : server.registry().allWithSubcommands()) {
            CommandStats cs = spec.stats();
            long n = cs.calls();
            long r = cs.rejected();
            if (n == 0 && r == 0) continue;
            calls.point(n, spec.name());
            failed.point(cs.failed(), spec.name());
            rejected.point(r, spec.name());
            seconds.point(cs.micros() / 1e6, spec.name());
        }
        Scrape.Family errors = s.counters("stocktsdb_errors", "Error replies by error prefix (ERR, WRONGTYPE, ...)", "prefix");
        for (Map.Entry<String, Long> e : st.errorsByPrefix().entrySet()) errors.point(e.getValue(), e.getKey());
        return s.build();
    }
}
