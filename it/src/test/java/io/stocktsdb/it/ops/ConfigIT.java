package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONFIG SET as Redis 8.2 (all or nothing, its error texts), runtime port and bind, CONFIG REWRITE, business-types. */
class ConfigIT {
    @TempDir
    Path dir;

    private static String err(String arg, String why) {
        return "-ERR CONFIG SET failed (possibly related to argument '" + arg + "') - " + why + "\r\n";
    }

    @Test
    @Covers({"config|set"})
    void severalParametersAreSetTogetherOrNotAtAll() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            assertThat(c.call("CONFIG", "SET", "hz", "20", "maxmemory", "lots")).isEqualTo(err("maxmemory", "argument must be a memory value"));
            assertThat(c.call("CONFIG", "GET", "hz")).isEqualTo("*2\r\n$2\r\nhz\r\n$2\r\n10\r\n");
            assertThat(c.call("CONFIG", "SET", "maxmemory", "1", "maxmemory", "2")).isEqualTo(err("maxmemory", "duplicate parameter"));
            assertThat(c.call("CONFIG", "SET", "HZ", "20", "hz", "30")).isEqualTo(err("hz", "duplicate parameter"));
            assertThat(c.call("CONFIG", "SET", "hz", "20", "daemonize", "yes")).isEqualTo(err("daemonize", "can't set immutable config"));
            assertThat(c.call("CONFIG", "SET", "hz", "20", "nosuch", "1", "daemonize", "yes"))
                    .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'\r\n");
            assertThat(c.call("CONFIG", "SET", "hz", "20", "timeout")).isEqualTo("-ERR syntax error\r\n");
            assertThat(c.call("CONFIG", "SET", "hz")).isEqualTo("-ERR wrong number of arguments for 'config|set' command\r\n");
            assertThat(c.call("CONFIG", "GET", "hz")).isEqualTo("*2\r\n$2\r\nhz\r\n$2\r\n10\r\n");
            assertThat(c.call("CONFIG", "SET", "hz", "20", "maxmemory", "2mb", "slowlog-max-len", "7")).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "GET", "hz", "maxmemory", "slowlog-max-len")).isEqualTo(
                    "*6\r\n$2\r\nhz\r\n$2\r\n20\r\n$9\r\nmaxmemory\r\n$7\r\n2097152\r\n$15\r\nslowlog-max-len\r\n$1\r\n7\r\n");
        }
    }

    @Test
    void refusalsUseRedisTexts() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            assertThat(c.call("CONFIG", "SET", "hz", "x")).isEqualTo(err("hz", "argument couldn't be parsed into an integer"));
            assertThat(c.call("CONFIG", "SET", "hz", " 5")).isEqualTo(err("hz", "argument couldn't be parsed into an integer"));
            assertThat(c.call("CONFIG", "SET", "hz", "0")).isEqualTo(err("hz", "argument must be between 1 and 500 inclusive"));
            assertThat(c.call("CONFIG", "SET", "protected-mode", "maybe")).isEqualTo(err("protected-mode", "argument must be 'yes' or 'no'"));
            assertThat(c.call("CONFIG", "SET", "databases", "1")).isEqualTo(err("databases", "can't set immutable config"));
            assertThat(c.call("CONFIG", "SET", "enable-debug-command", "yes")).isEqualTo(err("enable-debug-command", "can't set immutable config"));
            assertThat(c.call("CONFIG", "SET", "dir", "/tmp")).isEqualTo(err("dir", "can't set protected config"));
            assertThat(c.call("CONFIG", "SET", "save", "")).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "SET", "appendonly", "yes")).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "SET", "save", "3600 1"))
                    .isEqualTo(err("save", "argument must be '' (snapshots are taken by SAVE and BGSAVE only)"));
            assertThat(c.call("CONFIG", "SET", "appendonly", "no")).isEqualTo(err("appendonly", "argument must be 'yes' (the op log is always on)"));
            assertThat(c.call("CONFIG", "GET", "daemonize")).isEqualTo("*2\r\n$9\r\ndaemonize\r\n$2\r\nno\r\n");
            assertThat(c.call("CONFIG", "GET", "enable-debug-command")).isEqualTo("*2\r\n$20\r\nenable-debug-command\r\n$2\r\nno\r\n");
        }
    }

    @Test
    void portMovesAtRuntimeAndABusyPortChangesNothing() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            int old = server.port();
            int fresh = freePort();
            assertThat(c.call("CONFIG", "SET", "port", Integer.toString(fresh))).isEqualTo("+OK\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n"); // accepted connections stay
            try (RawClient moved = new RawClient(fresh)) {
                assertThat(moved.call("CONFIG", "GET", "port")).isEqualTo("*2\r\n$4\r\nport\r\n$" + Integer.toString(fresh).length() + "\r\n" + fresh + "\r\n");
                assertThat(moved.call("INFO", "server")).contains("tcp_port:" + fresh + "\r\n");
            }
            assertThatThrownBy(() -> new Socket("127.0.0.1", old).close()).isInstanceOf(ConnectException.class);
            try (ServerSocket busy = new ServerSocket()) {
                busy.bind(new InetSocketAddress("127.0.0.1", 0));
                assertThat(c.call("CONFIG", "SET", "hz", "20", "port", Integer.toString(busy.getLocalPort())))
                        .isEqualTo(err("port", "Failed to bind to specified addresses."));
            }
            assertThat(c.call("CONFIG", "GET", "hz")).isEqualTo("*2\r\n$2\r\nhz\r\n$2\r\n10\r\n");
            try (RawClient still = new RawClient(fresh)) {
                assertThat(still.call("PING")).isEqualTo("+PONG\r\n");
            }
        }
    }

    @Test
    void bindMovesAtRuntime() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            int port = server.port();
            assertThat(c.call("CONFIG", "SET", "bind", "127.0.0.2")).isEqualTo("+OK\r\n");
            assertThat(ping("127.0.0.2", port)).isEqualTo("+PONG\r\n");
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
            // 0.0.0.0 overlaps 127.0.0.2 on the same port: the old listener makes way for it
            assertThat(c.call("CONFIG", "SET", "bind", "0.0.0.0")).isEqualTo("+OK\r\n");
            assertThat(ping("127.0.0.1", port)).isEqualTo("+PONG\r\n");
            assertThat(c.call("CONFIG", "SET", "bind", "192.0.2.1")).isEqualTo(err("bind", "Failed to bind to specified addresses."));
            assertThat(c.call("CONFIG", "GET", "bind")).isEqualTo("*2\r\n$4\r\nbind\r\n$7\r\n0.0.0.0\r\n");
            assertThat(ping("127.0.0.1", port)).isEqualTo("+PONG\r\n");
            assertThat(c.call("CONFIG", "SET", "tls-port", Integer.toString(freePort())))
                    .isEqualTo(err("tls-port", "Unable to update TLS configuration. Check server logs."));
        }
    }

    @Test
    @Covers({"config|rewrite"})
    void rewriteWritesTheJsonFileBack() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("-ERR The server is running without a config file\r\n");
        }
        Path file = dir.resolve("stocktsdb.json");
        Files.writeString(file, "{\"hz\": 20, \"slowlog_max_len\": 64, \"protected_mode\": true}");
        Settings settings = Settings.defaults().withJsonFile(file);
        try (TestServer server = TestServer.startWith(settings); RawClient c = new RawClient(server.port())) {
            assertThat(c.call("CONFIG", "SET", "maxclients", "77", "hz", "30")).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
            JsonNode written = new ObjectMapper().readTree(Files.readAllBytes(file));
            assertThat(written.get("hz").asInt()).isEqualTo(30);
            assertThat(written.get("slowlog_max_len").asInt()).isEqualTo(64);
            assertThat(written.get("protected_mode").asBoolean()).isTrue();
            assertThat(written.get("max_connections").asInt()).isEqualTo(77);
            assertThat(written.has("timeout")).isFalse(); // left at its default
            assertThat(Files.readString(file)).doesNotContain("null");
            Settings back = Settings.defaults().withJsonFile(file);
            assertThat(back.getInt(ConfigFields.HZ)).isEqualTo(30);
            assertThat(back.getInt(ConfigFields.MAX_CONNECTIONS)).isEqualTo(77);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            try {
                if (!Files.isWritable(dir)) { // root may write anyway
                    assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("-ERR Rewriting config file: Permission denied\r\n");
                }
            } finally {
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void businessTypesPrintWhatTheConfigFileAccepts() throws Exception {
        Path file = dir.resolve("types.json");
        Files.writeString(file, "{\"business_types\": [{\"name\": \"stock\", \"prefix\": \"stock:\", \"retention_ms\": 86400000},"
                + " {\"name\": \"fx\", \"prefix\": \"fx:\", \"timestamp_unit\": \"s\"}]}");
        try (TestServer server = TestServer.startWith(Settings.defaults().withJsonFile(file)); RawClient c = new RawClient(server.port())) {
            String json = "[{\"name\":\"stock\",\"prefix\":\"stock:\",\"retention_ms\":86400000},{\"name\":\"fx\",\"prefix\":\"fx:\",\"timestamp_unit\":\"s\"}]";
            assertThat(c.call("CONFIG", "GET", "business-types")).isEqualTo("*2\r\n$14\r\nbusiness-types\r\n$" + json.length() + "\r\n" + json + "\r\n");
            Path pasted = dir.resolve("pasted.json");
            Files.writeString(pasted, "{\"business_types\": " + json + "}");
            assertThat(Settings.defaults().withJsonFile(pasted).render(ConfigFields.BUSINESS_TYPES)).isEqualTo(json);
        }
    }

    private static String ping(String host, int port) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[7];
            int n = s.getInputStream().readNBytes(buf, 0, 7);
            return new String(buf, 0, n, StandardCharsets.US_ASCII);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
