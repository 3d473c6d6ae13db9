package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every INFO section and every field it emits, with live values. */
class InfoIT {
    private static final List<String> DEFAULT_SECTIONS = List.of("Server", "Clients", "Memory", "Persistence", "Stats",
            "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace", "Business");
    private static final List<String> ALL_SECTIONS = List.of("Server", "Clients", "Memory", "Persistence", "Stats",
            "Replication", "CPU", "Modules", "Commandstats", "Errorstats", "Latencystats", "Cluster", "Keyspace", "Business");

    private static InfoText info(RawClient c, String... sections) throws Exception {
        String[] args = new String[sections.length + 1];
        args[0] = "INFO";
        System.arraycopy(sections, 0, args, 1, sections.length);
        return InfoText.parseReply(c.call(args));
    }

    @Test
    void sectionSelectionFollowsRedis() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            c.call("SET", "k", "v");
            assertThat(info(c).titles()).isEqualTo(DEFAULT_SECTIONS);
            assertThat(info(c, "default").titles()).isEqualTo(DEFAULT_SECTIONS);
            assertThat(info(c, "all").titles()).isEqualTo(ALL_SECTIONS);
            assertThat(info(c, "everything").titles()).isEqualTo(ALL_SECTIONS);
            assertThat(info(c, "CPU", "keyspace").titles()).containsExactly("CPU", "Keyspace");
            assertThat(info(c, "latencystats").titles()).containsExactly("Latencystats");
            assertThat(info(c, "default", "commandstats").titles()).contains("Commandstats").hasSize(DEFAULT_SECTIONS.size() + 1);
            assertThat(c.call("INFO", "nosuchsection")).isEqualTo("$0\r\n\r\n");
        }
    }

    @Test
    void serverSection() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            Map<String, String> s = info(c, "server").section("Server");
            assertThat(s.keySet()).containsExactly("redis_version", "redis_git_sha1", "redis_git_dirty", "redis_mode",
                    "stocktsdb_version", "os", "arch_bits", "multiplexing_api", "java_version", "process_id",
                    "process_supervised", "run_id", "tcp_port", "server_time_usec", "uptime_in_seconds", "uptime_in_days",
                    "executable", "config_file");
            assertThat(s.get("redis_version")).isEqualTo("8.2.5");
            assertThat(s.get("redis_mode")).isEqualTo("standalone");
            assertThat(s.get("os")).startsWith("Linux ").endsWith(" x86_64");
            assertThat(s.get("arch_bits")).isEqualTo("64");
            assertThat(s.get("multiplexing_api")).isEqualTo("epoll");
            // the test server runs inside this JVM
            assertThat(s.get("process_id")).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
            assertThat(s.get("run_id")).matches("[0-9a-f]{40}");
            assertThat(s.get("tcp_port")).isEqualTo(String.valueOf(server.port()));
            assertThat(Long.parseLong(s.get("server_time_usec")) / 1000).isCloseTo(System.currentTimeMillis(),
                    org.assertj.core.data.Offset.offset(10_000L));
            assertThat(Long.parseLong(s.get("uptime_in_seconds"))).isBetween(0L, 120L);
            assertThat(s.get("uptime_in_days")).isEqualTo("0");
            assertThat(s.get("executable")).endsWith("java");
            assertThat(s.get("config_file")).isEmpty();
        }
    }

    @Test
    void clientsSection() throws Exception {
        try (TestServer server = TestServer.start(ConfigFields.MAX_CONNECTIONS, 77);
             RawClient c = new RawClient(server.port()); RawClient other = new RawClient(server.port())) {
            assertThat(other.call("PING")).isEqualTo("+PONG\r\n");
            Map<String, String> s = info(c, "clients").section("Clients");
            assertThat(s).containsExactly(Map.entry("connected_clients", "2"), Map.entry("cluster_connections", "0"),
                    Map.entry("maxclients", "77"), Map.entry("blocked_clients", "0"), Map.entry("tracking_clients", "0"),
                    Map.entry("pubsub_clients", "0"), Map.entry("watching_clients", "0"));
        }
    }

    @Test
    void memorySectionAddsUpItsParts() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            c.call("SET", "k", "v");
            InfoText t = info(c, "memory");
            Map<String, String> s = t.section("Memory");
            assertThat(s.keySet()).containsExactly("used_memory", "used_memory_human", "used_memory_rss",
                    "used_memory_rss_human", "maxmemory", "maxmemory_human", "maxmemory_policy", "jvm_heap_used",
                    "jvm_heap_committed", "jvm_heap_max", "jvm_non_heap_used", "direct_memory_used", "rocksdb_memtables",
                    "rocksdb_block_cache", "rocksdb_block_cache_pinned", "rocksdb_table_readers");
            long used = t.number("Memory", "used_memory");
            assertThat(used).isEqualTo(t.number("Memory", "jvm_heap_used") + t.number("Memory", "direct_memory_used")
                    + t.number("Memory", "rocksdb_memtables") + t.number("Memory", "rocksdb_block_cache")
                    + t.number("Memory", "rocksdb_table_readers"));
            assertThat(s.get("used_memory_human")).matches("\\d+\\.\\d\\d[KMG]");
            assertThat(t.number("Memory", "used_memory_rss")).isPositive();
            assertThat(s.get("maxmemory")).isEqualTo("0");
            assertThat(s.get("maxmemory_human")).isEqualTo("0B");
            assertThat(s.get("maxmemory_policy")).isEqualTo("noeviction");
            assertThat(t.number("Memory", "jvm_heap_used")).isPositive().isLessThanOrEqualTo(t.number("Memory", "jvm_heap_committed"));
            assertThat(t.number("Memory", "jvm_heap_max")).isEqualTo(Runtime.getRuntime().maxMemory());
            assertThat(t.number("Memory", "jvm_non_heap_used")).isPositive();
            // the SET's op-log record sits in a memtable
            assertThat(t.number("Memory", "rocksdb_memtables")).isPositive();
            assertThat(t.number("Memory", "rocksdb_block_cache_pinned")).isLessThanOrEqualTo(t.number("Memory", "rocksdb_block_cache"));
        }
    }

    @Test
    void persistenceSectionCountsOpsAndRecovery() throws Exception {
        try (TestServer server = TestServer.start()) {
            try (RawClient c = new RawClient(server.port())) {
                InfoText t = info(c, "persistence");
                assertThat(t.section("Persistence").keySet()).containsExactly("loading", "async_loading",
                        "current_cow_peak", "current_cow_size", "current_cow_size_age", "current_fork_perc",
                        "current_save_keys_processed", "current_save_keys_total", "rdb_changes_since_last_save",
                        "rdb_bgsave_in_progress", "rdb_last_save_time", "rdb_last_bgsave_status", "rdb_last_bgsave_time_sec",
                        "rdb_current_bgsave_time_sec", "rdb_saves", "rdb_last_cow_size", "rdb_last_load_keys_expired",
                        "rdb_last_load_keys_loaded", "aof_enabled", "aof_rewrite_in_progress", "aof_rewrite_scheduled",
                        "aof_last_rewrite_time_sec", "aof_current_rewrite_time_sec", "aof_last_bgrewrite_status", "aof_rewrites",
                        "aof_rewrites_consecutive_failures", "aof_last_write_status", "aof_last_cow_size", "module_fork_in_progress",
                        "module_fork_last_cow_size", "aof_current_size", "aof_base_size", "aof_pending_rewrite", "aof_buffer_length",
                        "aof_pending_bio_fsync", "aof_delayed_fsync", "appendfsync", "aof_last_fsync_time",
                        "write_error", "write_error_count", "disk_free_bytes", "disk_reserve_bytes",
                        "oplog_bytes_since_checkpoint", "oplog_records_since_checkpoint", "oplog_last_assigned_seq",
                        "oplog_last_committed_seq", "checkpoints", "last_checkpoint_time", "last_checkpoint_duration_ms",
                        "recovery_time_ms", "recovery_keys", "recovery_replayed_ops", "wal_recovery", "wal_recovery_dropped_bytes",
                        "wal_recovery_dropped_batches", "wal_recovery_damage", "snapshot_dir");
                assertThat(t.section("Persistence")).containsEntry("wal_recovery", "ok").containsEntry("wal_recovery_dropped_bytes", "0")
                        .containsEntry("wal_recovery_dropped_batches", "0").containsEntry("wal_recovery_damage", "");
                assertThat(t.section("Persistence")).containsEntry("loading", "0").containsEntry("aof_enabled", "1")
                        .containsEntry("appendfsync", "everysec").containsEntry("recovery_keys", "0")
                        .containsEntry("recovery_replayed_ops", "0").containsEntry("aof_last_write_status", "ok")
                        .containsEntry("write_error", "").containsEntry("write_error_count", "0");
                // five writes: five op-log records, unless a background checkpoint trimmed the log meanwhile (retry)
                boolean exact = false;
                for (int attempt = 0; attempt < 3 && !exact; attempt++) {
                    InfoText before = info(c, "persistence");
                    for (int i = 0; i < 5; i++) c.call("SET", "k" + i, "v");
                    InfoText after = info(c, "persistence");
                    if (after.number("Persistence", "checkpoints") != before.number("Persistence", "checkpoints")) continue;
                    exact = true;
                    assertThat(after.number("Persistence", "oplog_records_since_checkpoint")
                            - before.number("Persistence", "oplog_records_since_checkpoint")).isEqualTo(5);
                    assertThat(after.number("Persistence", "rdb_changes_since_last_save")
                            - before.number("Persistence", "rdb_changes_since_last_save")).isEqualTo(5);
                    assertThat(after.number("Persistence", "aof_current_size"))
                            .isEqualTo(after.number("Persistence", "oplog_bytes_since_checkpoint"));
                    assertThat(after.number("Persistence", "oplog_last_committed_seq")
                            - before.number("Persistence", "oplog_last_committed_seq")).isEqualTo(5);
                    assertThat(after.number("Persistence", "oplog_bytes_since_checkpoint"))
                            .isGreaterThan(before.number("Persistence", "oplog_bytes_since_checkpoint"));
                }
                assertThat(exact).isTrue();
                long lastSave = t.number("Persistence", "rdb_last_save_time");
                assertThat(lastSave).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(120L));
            }
            server.stop();
            try (TestServer again = TestServer.startIn(server.dataDir(), ConfigFields.APPENDFSYNC, "always");
                 RawClient c = new RawClient(again.port())) {
                Map<String, String> s = info(c, "persistence").section("Persistence");
                assertThat(s).containsEntry("recovery_keys", "5").containsEntry("recovery_replayed_ops", "0")
                        .containsEntry("appendfsync", "always").doesNotContainKey("aof_last_fsync_time");
                assertThat(Long.parseLong(s.get("recovery_time_ms"))).isNotNegative();
            }
        }
    }

    @Test
    @Covers({"config|resetstat"})
    void statsSection() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            c.call("SET", "hit", "1");
            c.call("GET", "hit");
            c.call("GET", "miss");
            c.call("SET", "short", "1", "PX", "1");
            Thread.sleep(20);
            c.call("GET", "short");
            c.call("NOSUCHCOMMAND");
            InfoText t = info(c, "stats");
            Map<String, String> s = t.section("Stats");
            assertThat(s.keySet()).containsExactly("total_connections_received", "total_commands_processed",
                    "instantaneous_ops_per_sec", "total_net_input_bytes", "total_net_output_bytes", "instantaneous_input_kbps",
                    "instantaneous_output_kbps", "rejected_connections", "expired_keys", "keyspace_hits", "keyspace_misses",
                    "pubsub_channels", "pubsub_patterns", "total_error_replies", "total_protocol_errors",
                    "client_query_buffer_limit_disconnections", "client_output_buffer_limit_disconnections",
                    "acl_access_denied_auth", "acl_access_denied_cmd", "acl_access_denied_key", "acl_access_denied_channel");
            assertThat(s).containsEntry("total_connections_received", "1")
                    // SET, GET, GET, SET, GET; the unknown command is rejected, this INFO not yet counted
                    .containsEntry("total_commands_processed", "5")
                    .containsEntry("rejected_connections", "0").containsEntry("expired_keys", "1")
                    .containsEntry("keyspace_hits", "1").containsEntry("keyspace_misses", "2")
                    .containsEntry("total_error_replies", "1").containsEntry("total_protocol_errors", "0")
                    .containsEntry("pubsub_channels", "0").containsEntry("pubsub_patterns", "0");
            assertThat(t.number("Stats", "total_net_input_bytes")).isGreaterThanOrEqualTo(
                    RawClient.command("SET", "hit", "1").length() + RawClient.command("NOSUCHCOMMAND").length());
            assertThat(t.number("Stats", "total_net_output_bytes")).isPositive();
            assertThat(s.get("instantaneous_input_kbps")).matches("\\d+\\.\\d\\d");
            assertThat(c.call("AUTH", "wrong")).startsWith("-ERR AUTH");
            try (RawClient other = new RawClient(server.port())) {
                assertThat(other.call("SAVE")).isEqualTo("+OK\r\n");
            }
            assertThat(info(c, "stats", "persistence").number("Persistence", "rdb_saves")).isEqualTo(1);
            assertThat(c.call("CONFIG", "RESETSTAT")).isEqualTo("+OK\r\n");
            InfoText reset = info(c, "stats", "persistence", "errorstats", "commandstats");
            // every counter INFO shows starts again; RESETSTAT itself is the one command counted since
            assertThat(reset.section("Stats")).containsEntry("expired_keys", "0")
                    .containsEntry("keyspace_hits", "0").containsEntry("keyspace_misses", "0").containsEntry("total_error_replies", "0")
                    .containsEntry("total_connections_received", "0").containsEntry("total_commands_processed", "1")
                    .containsEntry("rejected_connections", "0").containsEntry("total_protocol_errors", "0")
                    .containsEntry("acl_access_denied_auth", "0").containsEntry("acl_access_denied_cmd", "0");
            assertThat(reset.section("Persistence")).containsEntry("rdb_saves", "0");
            assertThat(reset.section("Errorstats")).isEmpty();
            assertThat(reset.section("Commandstats").keySet()).containsExactly("cmdstat_config|resetstat");
        }
    }

    @Test
    void replicationCpuModulesClusterSections() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            InfoText t = info(c, "replication", "cpu", "modules", "cluster", "server");
            assertThat(t.section("Replication")).containsExactly(Map.entry("role", "master"), Map.entry("connected_slaves", "0"),
                    Map.entry("master_failover_state", "no-failover"),
                    Map.entry("master_replid", t.section("Server").get("run_id")), Map.entry("master_repl_offset", "0"));
            Map<String, String> cpu = t.section("CPU");
            assertThat(cpu.keySet()).containsExactly("used_cpu_sys", "used_cpu_user", "used_cpu_sys_children", "used_cpu_user_children");
            assertThat(Double.parseDouble(cpu.get("used_cpu_user"))).isPositive();
            assertThat(cpu.get("used_cpu_sys")).matches("\\d+\\.\\d{6}");
            assertThat(cpu).containsEntry("used_cpu_sys_children", "0.000000");
            assertThat(t.section("Modules")).containsExactly(Map.entry("module",
                    "name=timeseries,ver=80205,api=1,filters=0,usedby=[],using=[],options=[handle-io-errors]"));
            assertThat(t.section("Cluster")).containsExactly(Map.entry("cluster_enabled", "0"));
        }
    }

    @Test
    void commandstatsErrorstatsAndLatencystats() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            for (int i = 0; i < 3; i++) c.call("SET", "k", "v");
            c.call("INCR", "k");
            c.call("GET");
            c.call("NOSUCH");
            InfoText t = info(c, "commandstats", "errorstats", "latencystats");
            Map<String, String> cmd = t.section("Commandstats");
            assertThat(cmd.keySet()).containsExactlyInAnyOrder("cmdstat_set", "cmdstat_incr", "cmdstat_get");
            assertThat(InfoText.pairs(cmd.get("cmdstat_set"))).containsEntry("calls", "3").containsEntry("rejected_calls", "0")
                    .containsEntry("failed_calls", "0").containsKeys("usec", "usec_per_call");
            assertThat(InfoText.pairs(cmd.get("cmdstat_incr"))).containsEntry("calls", "1").containsEntry("failed_calls", "1");
            assertThat(InfoText.pairs(cmd.get("cmdstat_get"))).containsEntry("calls", "0").containsEntry("rejected_calls", "1");
            assertThat(t.section("Errorstats")).containsExactly(Map.entry("errorstat_ERR", "count=3"));
            Map<String, String> lat = t.section("Latencystats");
            // GET was rejected before it ran, so it has no latency; INFO itself is running now
            assertThat(lat.keySet()).containsExactlyInAnyOrder("latency_percentiles_usec_set", "latency_percentiles_usec_incr");
            String set = lat.get("latency_percentiles_usec_set");
            assertThat(set).matches("p50=\\d+\\.\\d{3},p99=\\d+\\.\\d{3},p99\\.9=\\d+\\.\\d{3}");
            Map<String, String> p = InfoText.pairs(set);
            double p50 = Double.parseDouble(p.get("p50"));
            assertThat(p50).isPositive().isLessThanOrEqualTo(Double.parseDouble(p.get("p99")));
            assertThat(Double.parseDouble(p.get("p99"))).isLessThanOrEqualTo(Double.parseDouble(p.get("p99.9")));
            assertThat(info(c, "latencystats").section("Latencystats")).containsKey("latency_percentiles_usec_info");
            c.call("CONFIG", "RESETSTAT");
            // as in Redis, only the RESETSTAT call itself has been timed since
            assertThat(info(c, "commandstats", "latencystats").section("Latencystats").keySet())
                    .containsExactly("latency_percentiles_usec_config|resetstat");
        }
    }

    @Test
    void keyspaceSection() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            assertThat(info(c, "keyspace").section("Keyspace")).isEmpty();
            c.call("SET", "a", "1");
            c.call("SET", "b", "1", "EX", "100");
            c.call("SET", "c", "1", "EX", "300");
            Map<String, String> s = info(c, "keyspace").section("Keyspace");
            assertThat(s.keySet()).containsExactly("db0");
            Map<String, String> db = InfoText.pairs(s.get("db0"));
            assertThat(db.keySet()).containsExactly("keys", "expires", "avg_ttl", "subexpiry");
            assertThat(db).containsEntry("keys", "3").containsEntry("expires", "2").containsEntry("subexpiry", "0");
            assertThat(Long.parseLong(db.get("avg_ttl"))).isBetween(190_000L, 200_000L);
            c.call("FLUSHALL");
            assertThat(info(c, "keyspace").section("Keyspace")).isEmpty();
        }
    }

    @Test
    void businessSection() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            Engine engine = server.server().context().engine();
            Series s = engine.keyspace().createSeries(Key.of("stock:SH600519:close"),
                    engine.defaultSeriesOptions(Key.of("stock:SH600519:close"), ValueType.DOUBLE));
            for (int i = 1; i <= 10; i++) s.add(i, Double.doubleToRawLongBits(i), null, 100, null);
            s.range(0, 100, true);
            c.call("SET", "iot:meta", "x");
            Map<String, String> b = info(c, "business").section("Business");
            assertThat(b.keySet()).containsExactly("stock_quotes", "iot_data", "financial_quotes", "orders", "payments",
                    "inventory", "sms", "default");
            Map<String, String> stock = InfoText.pairs(b.get("stock_quotes"));
            assertThat(stock.keySet()).containsExactly("prefix", "keys", "samples", "disk_bytes", "writes", "reads");
            assertThat(stock).containsEntry("prefix", "stock:").containsEntry("keys", "1").containsEntry("samples", "10")
                    .containsEntry("writes", "10").containsEntry("reads", "1");
            assertThat(InfoText.pairs(b.get("iot_data"))).containsEntry("prefix", "iot:").containsEntry("keys", "1")
                    .containsEntry("samples", "0");
            assertThat(InfoText.pairs(b.get("default"))).containsEntry("prefix", "").containsEntry("keys", "0");
            assertThat(InfoText.pairs(b.get("orders"))).containsEntry("prefix", "order:");
            c.call("CONFIG", "RESETSTAT");
            assertThat(InfoText.pairs(info(c, "business").section("Business").get("stock_quotes")))
                    .containsEntry("samples", "10").containsEntry("writes", "0").containsEntry("reads", "0");
        }
    }
}
