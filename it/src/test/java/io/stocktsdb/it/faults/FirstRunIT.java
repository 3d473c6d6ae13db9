package io.stocktsdb.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.boot.StockTsdbServer;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a new user meets first: busy ports. */
class FirstRunIT {

    /** The jar with a busy RESP port: exits at once, names the address, creates no data directory. */
    @Test
    void aBusyRespPortStopsStartUpNamingTheAddressBeforeTouchingData() throws Exception {
        Path dir = Files.createTempDirectory("stocktsdb-firstrun");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            String jar = System.getProperty("stocktsdb.jar", "../server/target/stocktsdb.jar");
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                    "--port", String.valueOf(port), "--metrics-port", "0", "--data-dir", dir.resolve("data").toString()))
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(output).contains("stocktsdb: start-up failed: cannot bind port 127.0.0.1:" + port + ": Address already in use");
            assertThat(dir.resolve("data")).doesNotExist();
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    /**
     * The default metrics port (not asked for) being busy costs the endpoint, not the server.
     * 9400 is held here for the moment of the start unless something else already holds it.
     */
    @Test
    void aBusyDefaultMetricsPortDoesNotStopTheServer() throws Exception {
        Path dir = Files.createTempDirectory("stocktsdb-firstrun");
        ServerSocket held = holdDefaultMetricsPort();
        StockTsdbServer server = null;
        try {
            Settings s = Settings.defaults().with(ConfigFields.PORT, "0").with(ConfigFields.DATA_DIR, dir.toString());
            assertThat(s.isExplicit(ConfigFields.METRICS_PORT)).isFalse();
            server = StockTsdbServer.start(s);
            assertThat(server.metricsPort()).isZero();
            try (RawClient c = new RawClient(server.port())) {
                assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            }
        } finally {
            if (server != null) server.close();
            if (held != null) held.close();
            TestServer.deleteTree(dir);
        }
    }

    /** A metrics port given explicitly must be bound: start-up fails naming it. */
    @Test
    void aBusyExplicitMetricsPortStopsStartUp() throws Exception {
        Path dir = Files.createTempDirectory("stocktsdb-firstrun");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Settings s = Settings.defaults().with(ConfigFields.PORT, "0").with(ConfigFields.DATA_DIR, dir.toString())
                    .with(ConfigFields.METRICS_PORT, String.valueOf(taken.getLocalPort()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> StockTsdbServer.start(s))
                    .hasMessageContaining("cannot bind metrics_port 127.0.0.1:" + taken.getLocalPort());
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    private static ServerSocket holdDefaultMetricsPort() {
        try {
            return new ServerSocket(9400, 1, InetAddress.getByName("127.0.0.1"));
        } catch (IOException alreadyBusy) {
            return null;
        }
    }
}
