package io.stocktsdb.server.config;

import io.stocktsdb.server.config.ConfigField.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every setting StockTSDB understands, in the order {@code --help} and {@code CONFIG GET *} list them. */
public final class ConfigFields {
    private static final Map<String, ConfigField> BY_KEY = new LinkedHashMap<>();
    private static final Map<String, ConfigField> BY_CONFIG_NAME = new LinkedHashMap<>();

    public static final ConfigField PORT = add("port", null, Kind.INT, 6379, 0, 65535, true, "TCP port for RESP clients (0 = pick a free port)");
    public static final ConfigField BIND_ADDR = add("bind_addr", "bind", Kind.STRING, "127.0.0.1", true, "address to listen on");
    public static final ConfigField MAX_CONNECTIONS = add("max_connections", "maxclients", Kind.INT, 10000, 1, 1_000_000, true, "maximum simultaneous clients");
    public static final ConfigField NODE_ID = add("node_id", null, Kind.STRING, "stocktsdb_node_001", false, "this node's id (CLUSTER_INFO)");
    public static final ConfigField CLUSTER_NODES = add("cluster_nodes", null, Kind.NODES, List.of(), false, "cluster peers as JSON [{\"host\":..,\"port\":..}]; a later stage");
    public static final ConfigField CLUSTER_TOPOLOGY = add("cluster_topology", null, Kind.STRING, "", false, "cluster mode: the topology file (JSON) every node of the cluster loads; node_id names this node in it (empty = standalone)");
    public static final ConfigField CLUSTER_QUERY_TIMEOUT_MS = add("cluster_query_timeout_ms", null, Kind.INT, 5000, 10, 600_000, true, "cluster mode: a cross-shard TS.MGET/MRANGE/QUERYINDEX fails (TRYAGAIN) when a shard's part takes longer");
    public static final ConfigField RAFT_DIR = add("raft_dir", null, Kind.STRING, "", false, "cluster mode: Raft log and snapshot directory (empty = <data_dir>/raft; same file system as data_dir, snapshots hard-link)");
    public static final ConfigField RAFT_ELECTION_TIMEOUT_MS = add("raft_election_timeout_ms", null, Kind.INT, 500, 100, 60_000, false, "cluster mode: lower bound of the Raft election timeout (the upper bound is twice it)");
    public static final ConfigField RAFT_SNAPSHOT_ENTRIES = add("raft_snapshot_entries", null, Kind.LONG, 100_000L, 1, Long.MAX_VALUE, false, "cluster mode: snapshot (and purge the Raft log) after this many applied entries");
    public static final ConfigField RAFT_SNAPSHOT_INTERVAL_SEC = add("raft_snapshot_interval_sec", null, Kind.LONG, 600L, 1, Long.MAX_VALUE, false, "cluster mode: snapshot at least this often while entries were applied since the last one");
    public static final ConfigField RAFT_LOG_SEGMENT_SIZE = add("raft_log_segment_size", null, Kind.MEMORY, 64L << 20, 16 << 10, 4L << 30, false, "cluster mode: Raft log segment size (the log is purged a whole closed segment at a time)");
    public static final ConfigField DATA_DIR = add("data_dir", "dir", Kind.STRING, "./data", false, "RocksDB data directory");
    public static final ConfigField APPENDFSYNC = addEnum("appendfsync", "appendfsync", "everysec", List.of("always", "everysec", "no"), false, "op-log fsync policy");
    public static final ConfigField WAL_ACCEPT_DAMAGE = add("wal_accept_damage", null, Kind.BOOL, Boolean.FALSE, false, "start even when the RocksDB WAL is damaged before intact records, dropping them (a torn tail is always cut with a warning)");
    public static final ConfigField REQUIREPASS = add("requirepass", "requirepass", Kind.STRING, "", true, true, "password of the default user (empty = none)");
    public static final ConfigField BATCH_SIZE = add("batch_size", "batch-size", Kind.INT, 1000, 1, 10_000_000, true, "BATCH_SET points that trigger a flush");
    public static final ConfigField BATCH_FLUSH_INTERVAL_MS = add("batch_flush_interval_ms", "batch-flush-interval-ms", Kind.LONG, 1000L, 1, 3_600_000, true, "idle time after which a pending batch is flushed");
    public static final ConfigField METRICS_PORT = add("metrics_port", "metrics-port", Kind.INT, 9400, 0, 65535, false, "HTTP port for /metrics and /health (0 = disabled)");
    public static final ConfigField BUSINESS_TYPES = add("business_types", null, Kind.BUSINESS_TYPES, null, false, "business types as JSON [{\"name\":..,\"prefix\":..}]; default: the seven seed types");
    public static final ConfigField RETENTION_MS = add("retention_ms", "ts-retention-policy", Kind.LONG, 0L, 0, Long.MAX_VALUE, false, "default series retention in ms (0 = forever)");
    public static final ConfigField CHUNK_SIZE_BYTES = add("chunk_size_bytes", "ts-chunk-size-bytes", Kind.INT, 4096, 48, 1_048_576, false, "default chunk size in bytes (multiple of 8)");
    public static final ConfigField DUPLICATE_POLICY = addEnum("duplicate_policy", "ts-duplicate-policy", "block", List.of("block", "first", "last", "min", "max", "sum"), false, "default duplicate policy");
    public static final ConfigField ENCODING = addEnum("encoding", "ts-encoding", "compressed", List.of("compressed", "uncompressed"), false, "default chunk encoding");
    public static final ConfigField TRANSPORT = addEnum("transport", "transport", "auto", List.of("auto", "epoll", "nio"), false, "network transport (auto = epoll when available)");
    public static final ConfigField IO_THREADS = add("io_threads", "io-threads", Kind.INT, 0, 0, 256, false, "event-loop threads (0 = one per available core)");
    public static final ConfigField PROTO_MAX_BULK_LEN = add("proto_max_bulk_len", "proto-max-bulk-len", Kind.MEMORY, 512L * 1024 * 1024, 1024 * 1024, Integer.MAX_VALUE, true, "largest bulk string a client may send");
    public static final ConfigField CLIENT_QUERY_BUFFER_LIMIT = add("client_query_buffer_limit", "client-query-buffer-limit", Kind.MEMORY, 1024L * 1024 * 1024, 1024 * 1024, Integer.MAX_VALUE, true, "largest unparsed input kept per client");
    public static final ConfigField TIMEOUT = add("timeout", "timeout", Kind.INT, 0, 0, Integer.MAX_VALUE, true, "close clients idle this many seconds (0 = never)");
    public static final ConfigField SLOWLOG_LOG_SLOWER_THAN = add("slowlog_log_slower_than", "slowlog-log-slower-than", Kind.LONG, 10_000L, -1, Long.MAX_VALUE, true, "microseconds above which a command is logged (-1 = off)");
    public static final ConfigField ACLFILE = add("aclfile", "aclfile", Kind.STRING, "", false, "ACL file of 'user <name> <rules...>' lines, loaded at start (empty = none)");
    public static final ConfigField ACLLOG_MAX_LEN = add("acllog_max_len", "acllog-max-len", Kind.INT, 128, 0, Integer.MAX_VALUE, true, "ACL LOG entries kept");
    public static final ConfigField PROTECTED_MODE = add("protected_mode", "protected-mode", Kind.BOOL, Boolean.TRUE, true, "without a default-user password, refuse clients that are not on loopback");
    public static final ConfigField TLS_PORT = add("tls_port", "tls-port", Kind.INT, 0, 0, 65535, true, "TLS port for RESP clients (0 = no TLS listener)");
    public static final ConfigField TLS_CERT_FILE = add("tls_cert_file", "tls-cert-file", Kind.STRING, "", false, "server certificate chain (PEM)");
    public static final ConfigField TLS_KEY_FILE = add("tls_key_file", "tls-key-file", Kind.STRING, "", false, "server private key (PEM, PKCS#8)");
    public static final ConfigField TLS_CA_CERT_FILE = add("tls_ca_cert_file", "tls-ca-cert-file", Kind.STRING, "", false, "CA certificates that client certificates must chain to (PEM)");
    public static final ConfigField TLS_AUTH_CLIENTS = addEnum("tls_auth_clients", "tls-auth-clients", "yes", List.of("yes", "no", "optional"), false, "require (yes), accept (optional) or ignore (no) client certificates");
    public static final ConfigField TLS_PROTOCOLS = add("tls_protocols", "tls-protocols", Kind.STRING, "TLSv1.2 TLSv1.3", false, "TLS versions accepted, space separated");
    public static final ConfigField CLIENT_OUTPUT_BUFFER_LIMIT = add("client_output_buffer_limit", "client-output-buffer-limit", Kind.OUTPUT_BUFFER_LIMITS, OutputBufferLimits.DEFAULT, true, "per class '<class> <hard> <soft> <seconds>'; normal clients default to 0 0 0 (unlimited) as in Redis");
    public static final ConfigField MAXMEMORY = add("maxmemory", "maxmemory", Kind.MEMORY, 0L, 0, Long.MAX_VALUE, true, "refuse DENYOOM commands while JVM heap used + Netty direct memory exceed this (0 = off)");
    public static final ConfigField HZ = add("hz", "hz", Kind.INT, 10, 1, 500, true, "background cycles per second (active expiry of keys past their deadline)");
    public static final ConfigField NOTIFY_KEYSPACE_EVENTS = add("notify_keyspace_events", "notify-keyspace-events", Kind.KEYSPACE_EVENTS, 0, true,
            "keyspace events published to __keyspace@0__:<key> / __keyevent@0__:<event>, Redis's class letters (e.g. \"KEA\"; empty = off)");
    public static final ConfigField SLOWLOG_MAX_LEN = add("slowlog_max_len", "slowlog-max-len", Kind.INT, 128, 0, Integer.MAX_VALUE, true, "slow log entries kept");
    public static final ConfigField ENABLE_DEBUG_COMMAND = addEnum("enable_debug_command", "enable-debug-command", "no", List.of("yes", "local", "no"), false, "allow DEBUG: yes, local (loopback connections only) or no, as Redis");

    private ConfigFields() {}

    private static ConfigField add(String key, String redisName, Kind kind, Object def, long min, long max, boolean mutable, String description) {
        return register(new ConfigField(key, redisName, kind, def, min, max, List.of(), mutable, false, description));
    }

    private static ConfigField add(String key, String redisName, Kind kind, Object def, boolean mutable, String description) {
        return register(new ConfigField(key, redisName, kind, def, 0, 0, List.of(), mutable, false, description));
    }

    private static ConfigField add(String key, String redisName, Kind kind, Object def, boolean mutable, boolean secret, String description) {
        return register(new ConfigField(key, redisName, kind, def, 0, 0, List.of(), mutable, secret, description));
    }

    private static ConfigField addEnum(String key, String redisName, String def, List<String> choices, boolean mutable, String description) {
        return register(new ConfigField(key, redisName, Kind.ENUM, def, 0, 0, choices, mutable, false, description));
    }

    private static ConfigField register(ConfigField field) {
        BY_KEY.put(field.key(), field);
        BY_CONFIG_NAME.put(field.configName(), field);
        return field;
    }

    public static Iterable<ConfigField> all() { return BY_KEY.values(); }

    public static ConfigField byKey(String key) { return BY_KEY.get(key); }

    /** Lookup by CONFIG name (case-insensitive, as Redis). */
    public static ConfigField byConfigName(String name) { return BY_CONFIG_NAME.get(name.toLowerCase(java.util.Locale.ROOT)); }
}
