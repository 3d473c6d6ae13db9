package io.stocktsdb.server.command.server;

import static io.stocktsdb.server.info.InfoCommand.section;

import io.stocktsdb.engine.figures.RocksMemory;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.ServerInfo;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.info.InfoBuilder;
import io.stocktsdb.server.info.InfoCommand;
import io.stocktsdb.server.stats.LatencyHistogram;
import io.stocktsdb.server.stats.ServerStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/** The INFO sections owned by the network and command layers. */
public final class CoreInfoSections {
    private CoreInfoSections() {}

    /** Registers every INFO section in Redis's order; business (StockTSDB's own) comes last. */
    public static void registerAll(InfoCommand info, ServerContext server) {
        info.addSection(section("Server", true, out -> server(out, server)));
        info.addSection(section("Clients", true, out -> {
            out.field("connected_clients", server.clients().size());
            out.field("cluster_connections", 0);
            out.field("maxclients", server.settings().getInt(ConfigFields.MAX_CONNECTIONS));
            out.field("blocked_clients", 0);
            out.field("tracking_clients", 0);
            out.field("pubsub_clients", 0);
            out.field("watching_clients", server.watches().watchingClients());
        }));
        info.addSection(section("Memory", true, out -> memory(out, server)));
        info.addSection(section("Persistence", true, out -> EngineInfoSections.persistence(out, server)));
        info.addSection(section("Stats", true, out -> stats(out, server)));
        info.addSection(section("Replication", true, out -> {
            if (ClusterInfoSection.replication(out, server)) return;
            out.field("role", "master");
            out.field("connected_slaves", 0);
            out.field("master_failover_state", "no-failover");
            out.field("master_replid", server.runId());
            out.field("master_repl_offset", 0);
        }));
        info.addSection(section("CPU", true, CoreInfoSections::cpu));
        info.addSection(section("Modules", true, out -> out.field("module",
                "name=" + ServerInfo.TIMESERIES_MODULE + ",ver=" + ServerInfo.TIMESERIES_MODULE_VERSION
                        + ",api=1,filters=0,usedby=[],using=[],options=[handle-io-errors]")));
        info.addSection(section("Commandstats", false, out -> {
            for (CommandSpec s : server.registry().allWithSubcommands()) {
                long calls = s.stats().calls();
                if (calls == 0 && s.stats().rejected() == 0) continue;
                long usec = s.stats().micros();
                out.field("cmdstat_" + s.name(), "calls=" + calls + ",usec=" + usec
                        + ",usec_per_call=" + String.format(Locale.ROOT, "%.2f", calls == 0 ? 0.0 : (double) usec / calls)
                        + ",rejected_calls=" + s.stats().rejected() + ",failed_calls=" + s.stats().failed());
            }
        }));
        info.addSection(section("Errorstats", true, out ->
                server.stats().errorsByPrefix().forEach((k, v) -> out.field("errorstat_" + k, "count=" + v))));
        info.addSection(section("Latencystats", false, out -> latencyStats(out, server)));
        info.addSection(section("Cluster", true, out -> ClusterInfoSection.write(out, server)));
        info.addSection(section("Keyspace", true, out -> EngineInfoSections.keyspace(out, server)));
        info.addSection(section("Business", true, out -> EngineInfoSections.business(out, server)));
    }

    /** Redis 7's format: p50, p99 and p99.9 in microseconds with three decimals, for every command executed. */
    private static void latencyStats(InfoBuilder out, ServerContext server) {
        for (CommandSpec s : server.registry().allWithSubcommands()) {
            LatencyHistogram h = s.stats().latency();
            if (h == null) continue;
            LatencyHistogram.Percentiles p = h.percentiles();
            if (p.count() == 0) continue;
            out.field("latency_percentiles_usec_" + s.name(), String.format(Locale.ROOT, "p50=%.3f,p99=%.3f,p99.9=%.3f",
                    p.p50(), p.p99(), p.p999()));
        }
    }

    private static void server(InfoBuilder out, ServerContext server) {
        long uptime = (System.currentTimeMillis() - server.startMillis()) / 1000;
        out.field("redis_version", ServerInfo.REDIS_VERSION);
        out.field("redis_git_sha1", "00000000");
        out.field("redis_git_dirty", 0);
        out.field("redis_mode", "standalone");
        out.field("stocktsdb_version", ServerInfo.PRODUCT_VERSION);
        String arch = System.getProperty("os.arch");
        out.field("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + (arch.equals("amd64") ? "x86_64" : arch.equals("aarch64") ? "arm64" : arch));
        out.field("arch_bits", "32".equals(System.getProperty("sun.arch.data.model")) ? 32 : 64);
        out.field("multiplexing_api", server.transportName());
        out.field("java_version", System.getProperty("java.version"));
        out.field("process_id", ProcessHandle.current().pid());
        out.field("process_supervised", "no");
        out.field("run_id", server.runId());
        out.field("tcp_port", server.tcpPort());
        out.field("server_time_usec", System.currentTimeMillis() * 1000);
        out.field("uptime_in_seconds", uptime);
        out.field("uptime_in_days", uptime / 86400);
        out.field("executable", ProcessHandle.current().info().command().orElse(""));
        out.field("config_file", server.settings().configFile());
    }

    /**
     * used_memory is what the process holds for its data: the Java heap in use, direct buffers
     * (network) and RocksDB's memtables, block cache and table readers; the parts follow.
     */
    private static void memory(InfoBuilder out, ServerContext server) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        RocksMemory rocks = server.engine().rocksMemory();
        long direct = ProcessMemory.directBytes();
        long used = heap.getUsed() + direct + rocks.total();
        long rss = ProcessMemory.residentBytes();
        out.field("used_memory", used);
        out.field("used_memory_human", InfoBuilder.human(used));
        out.field("used_memory_rss", rss);
        out.field("used_memory_rss_human", InfoBuilder.human(rss));
        long maxmemory = server.settings().getLong(ConfigFields.MAXMEMORY);
        out.field("maxmemory", maxmemory);
        out.field("maxmemory_human", InfoBuilder.human(maxmemory));
        out.field("maxmemory_policy", "noeviction");
        out.field("jvm_heap_used", heap.getUsed());
        out.field("jvm_heap_committed", heap.getCommitted());
        out.field("jvm_heap_max", heap.getMax());
        out.field("jvm_non_heap_used", nonHeap.getUsed());
        out.field("direct_memory_used", direct);
        out.field("rocksdb_memtables", rocks.memtableBytes());
        out.field("rocksdb_block_cache", rocks.blockCacheBytes());
        out.field("rocksdb_block_cache_pinned", rocks.blockCachePinnedBytes());
        out.field("rocksdb_table_readers", rocks.tableReadersBytes());
    }

    private static void stats(InfoBuilder out, ServerContext server) {
        ServerStats s = server.stats();
        ServerStats.OpsSampler ops = s.opsSampler();
        out.field("total_connections_received", s.connectionsReceived.sum());
        out.field("total_commands_processed", s.commandsProcessed.sum());
        out.field("instantaneous_ops_per_sec", ops.opsPerSec());
        out.field("total_net_input_bytes", s.netInputBytes.sum());
        out.field("total_net_output_bytes", s.netOutputBytes.sum());
        out.field("instantaneous_input_kbps", String.format(Locale.ROOT, "%.2f", ops.inputBytesPerSec() / 1024.0));
        out.field("instantaneous_output_kbps", String.format(Locale.ROOT, "%.2f", ops.outputBytesPerSec() / 1024.0));
        out.field("rejected_connections", s.connectionsRejected.sum());
        out.field("expired_keys", server.engine().keyspace().expiredKeys());
        out.field("keyspace_hits", s.keyspaceHits.sum());
        out.field("keyspace_misses", s.keyspaceMisses.sum());
        out.field("pubsub_channels", 0);
        out.field("pubsub_patterns", 0);
        out.field("total_error_replies", s.errorReplies.sum());
        out.field("total_protocol_errors", s.protocolErrors.sum());
        out.field("client_query_buffer_limit_disconnections", s.queryBufferLimitDisconnections.sum());
        out.field("client_output_buffer_limit_disconnections", s.outputBufferLimitDisconnections.sum());
        out.field("acl_access_denied_auth", server.acl().log().authFailures());
        out.field("acl_access_denied_cmd", server.acl().log().commandDenials());
        out.field("acl_access_denied_key", server.acl().log().keyDenials());
        out.field("acl_access_denied_channel", server.acl().log().channelDenials());
    }

    private static void cpu(InfoBuilder out) {
        ProcessMemory.CpuTimes t = ProcessMemory.cpuTimes();
        out.field("used_cpu_sys", String.format(Locale.ROOT, "%.6f", t.systemSeconds()));
        out.field("used_cpu_user", String.format(Locale.ROOT, "%.6f", t.userSeconds()));
        out.field("used_cpu_sys_children", "0.000000");
        out.field("used_cpu_user_children", "0.000000");
    }
}
