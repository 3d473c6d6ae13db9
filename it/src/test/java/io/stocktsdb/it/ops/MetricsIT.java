package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.engine.Engine;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP endpoint of a real server: /metrics validated by promtool and moving with traffic, /health. */
class MetricsIT {
    private static TestServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(ConfigFields.METRICS_PORT, freePort());
    }

    @AfterAll
    static void stop() { server.close(); }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().metricsPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String scrape() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return r.body();
    }

    /** The value of one sample line, e.g. {@code stocktsdb_command_calls_total{command="set"}}. */
    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        if (!m.find()) throw new AssertionError("no sample " + series);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            c.call("SET", "stock:x", "1");
            c.call("NOSUCH");
        }
        String text = scrape();
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("promtool said: %s", out).isZero();
        assertThat(out).isEmpty();
        assertThat(text).contains("# TYPE stocktsdb_command_calls_total counter").contains("# TYPE stocktsdb_connected_clients gauge")
                .contains("stocktsdb_rocksdb_sst_bytes{cf=\"biz.stock_quotes\"}").contains("jvm_threads_current")
                .contains("stocktsdb_build_info{node_id=\"stocktsdb_node_001\",redis_version=\"8.2.5\",version=\"");
    }

    @Test
    void countersMoveWithTraffic() throws Exception {
        String before = scrape();
        Engine engine = server.server().context().engine();
        Series s = engine.keyspace().createSeries(Key.of("iot:dev1:temp:value"),
                engine.defaultSeriesOptions(Key.of("iot:dev1:temp:value"), ValueType.DOUBLE));
        for (int i = 1; i <= 25; i++) s.add(i, Double.doubleToRawLongBits(i), null, 100, null);
        try (RawClient c = new RawClient(server.port())) {
            for (int i = 0; i < 7; i++) c.call("SET", "order:meta" + i, "v");
            c.call("INCR", "order:meta0");
            c.call("GET");
        }
        String after = scrape();
        assertThat(value(after, "stocktsdb_command_calls_total{command=\"set\"}")
                - valueOr0(before, "stocktsdb_command_calls_total{command=\"set\"}")).isEqualTo(7);
        assertThat(value(after, "stocktsdb_command_failed_calls_total{command=\"incr\"}")
                - valueOr0(before, "stocktsdb_command_failed_calls_total{command=\"incr\"}")).isEqualTo(1);
        assertThat(value(after, "stocktsdb_command_rejected_calls_total{command=\"get\"}")
                - valueOr0(before, "stocktsdb_command_rejected_calls_total{command=\"get\"}")).isEqualTo(1);
        assertThat(value(after, "stocktsdb_errors_total{prefix=\"ERR\"}") - valueOr0(before, "stocktsdb_errors_total{prefix=\"ERR\"}"))
                .isEqualTo(2);
        assertThat(value(after, "stocktsdb_connections_received_total") - value(before, "stocktsdb_connections_received_total"))
                .isEqualTo(1);
        assertThat(value(after, "stocktsdb_net_input_bytes_total")).isGreaterThan(value(before, "stocktsdb_net_input_bytes_total"));
        assertThat(value(after, "stocktsdb_business_samples{business=\"iot_data\"}")
                - value(before, "stocktsdb_business_samples{business=\"iot_data\"}")).isEqualTo(25);
        assertThat(value(after, "stocktsdb_business_writes_total{business=\"iot_data\"}")
                - value(before, "stocktsdb_business_writes_total{business=\"iot_data\"}")).isEqualTo(25);
        assertThat(value(after, "stocktsdb_business_keys{business=\"orders\"}")
                - value(before, "stocktsdb_business_keys{business=\"orders\"}")).isEqualTo(7);
        assertThat(value(after, "stocktsdb_series") - value(before, "stocktsdb_series")).isEqualTo(1);
        assertThat(value(after, "stocktsdb_serving")).isEqualTo(1);
        assertThat(value(after, "stocktsdb_rocksdb_wal_written_bytes_total"))
                .isGreaterThan(value(before, "stocktsdb_rocksdb_wal_written_bytes_total"));
    }

    private static double valueOr0(String text, String series) {
        return text.contains(series + " ") ? value(text, series) : 0;
    }

    @Test
    void healthIsOkWhileServing() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("\\{\"status\":\"ok\",\"node_id\":\"stocktsdb_node_001\",\"version\":\"[^\"]+\","
                + "\"uptime_seconds\":\\d+,\"connected_clients\":\\d+}");
        assertThat(get("/").statusCode()).isEqualTo(404);
    }

    @Test
    void endpointIsOffWithPortZero() {
        try (TestServer off = TestServer.start()) {
            assertThat(off.server().metricsPort()).isZero();
        }
    }
}
