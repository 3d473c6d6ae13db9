package io.stocktsdb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import io.stocktsdb.server.metrics.MetricsHttpServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** /health and /metrics through every lifecycle state, on a context whose storage is not open (as while loading). */
class HealthEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void healthFollowsTheServerState() throws Exception {
        ServerContext context = new ServerContext(Settings.defaults().with(ConfigFields.NODE_ID, "node-\"7\""));
        try (MetricsHttpServer metrics = MetricsHttpServer.start(context, "127.0.0.1", freePort())) {
            int port = metrics.port();
            HttpResponse<String> loading = get(port, "/health");
            assertThat(loading.statusCode()).isEqualTo(503);
            assertThat(loading.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(loading.body()).startsWith("{\"status\":\"loading\",\"node_id\":\"node-\\\"7\\\"\",\"version\":\"")
                    .contains(",\"uptime_seconds\":").endsWith(",\"connected_clients\":0}");
            // while loading, /metrics still answers, without storage figures (there is no engine yet)
            HttpResponse<String> scrape = get(port, "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("stocktsdb_serving 0.0").contains("jvm_memory_used_bytes")
                    .doesNotContain("stocktsdb_series");

            context.state(ServerState.SERVING);
            HttpResponse<String> ok = get(port, "/health");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).startsWith("{\"status\":\"ok\",");

            context.state(ServerState.STOPPING);
            HttpResponse<String> stopping = get(port, "/health");
            assertThat(stopping.statusCode()).isEqualTo(503);
            assertThat(stopping.body()).startsWith("{\"status\":\"shutting_down\",");

            assertThat(get(port, "/nothing-here").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void portInUseFailsWithTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            ServerContext context = new ServerContext(Settings.defaults());
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> MetricsHttpServer.start(context, "127.0.0.1", taken.getLocalPort()))
                    .hasMessageStartingWith("cannot bind metrics_port 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
