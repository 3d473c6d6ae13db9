package io.stocktsdb.server.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.console.ConsoleHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint on {@code metrics_port}, bound to {@code bind_addr} like the RESP port:
 * {@code /metrics} (Prometheus text format, or OpenMetrics/protobuf when the scraper asks) and
 * {@code /health}, and the web console at {@code /console}. Started before storage opens, so
 * {@code /health} reports loading.
 */
public final class MetricsHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsHttpServer.class);

    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HTTPServer http;
    private final ExecutorService executor;

    private MetricsHttpServer(HTTPServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /** Binds {@code bindAddr:port} (port 0 is not accepted here: 0 means the endpoint is off). */
    public static MetricsHttpServer start(ServerContext server, String bindAddr, int port) {
        // The JDK server writes headers and body separately; with Nagle on, each scrape waits
        // for the scraper's delayed ACK (~40 ms). Read once, when the first HTTP server starts.
        if (System.getProperty(NODELAY) == null) System.setProperty(NODELAY, "true");
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ServerCollector(server));
        registry.register(new StorageCollector(server));
        registry.register(new ClusterCollector(server));
        JvmMetrics.builder().register(registry);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "stocktsdb-metrics-http");
            t.setDaemon(true);
            return t;
        });
        try {
            HTTPServer http = HTTPServer.builder().inetAddress(new InetSocketAddress(bindAddr, 0).getAddress()).port(port)
                    .registry(registry).executorService(executor).registerHealthHandler(false)
                    .defaultHandler(new HealthHandler(server, new ConsoleHandler(bindAddr, server::tcpPort))).buildAndStart();
            log.info("metrics endpoint ready bind={} port={} paths=/metrics,/health,/console", bindAddr, http.getPort());
            return new MetricsHttpServer(http, executor);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot bind metrics_port " + bindAddr + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() { return http.getPort(); }

    /** Stops listening and waits for scrapes in flight, so none reads storage after it closes. */
    @Override
    public void close() {
        http.close();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
