package io.stocktsdb.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.ServerInfo;
import io.stocktsdb.server.ServerState;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.console.ConsoleHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code /health}: 200 with {@code {"status":"ok",...}} while the server serves, 503 with
 * {@code "loading"} or {@code "shutting_down"} otherwise; {@code /console...} goes to the web
 * console; every other path is 404. Also the handler for {@code /}, which the HTTP server routes
 * unknown paths to.
 */
final class HealthHandler implements HttpHandler {
    static final String PATH = "/health";
    private final ServerContext server;
    private final HttpHandler console;

    HealthHandler(ServerContext server, HttpHandler console) {
        this.server = server;
        this.console = console;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals(ConsoleHandler.PATH) || path.startsWith(ConsoleHandler.PATH + "/")) {
            console.handle(exchange);
            return;
        }
        try (exchange) {
            if (!path.equals(PATH)) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found; try /metrics, /health or /console\n", true);
                return;
            }
            ServerState state = server.state();
            String writeError = state == ServerState.SERVING && server.engine() != null ? server.engine().writeError() : null;
            send(exchange, state == ServerState.SERVING && writeError == null ? 200 : 503, "application/json", body(state, writeError),
                    !exchange.getRequestMethod().equals("HEAD"));
        }
    }

    /** The JSON body; node and version identify the instance, the rest is cheap live state. */
    String body(ServerState state, String writeError) {
        long uptime = (System.currentTimeMillis() - server.startMillis()) / 1000;
        String status = writeError == null ? state.status() : "write_error";
        String error = writeError == null ? "" : ",\"error\":\"MISCONF " + json(writeError) + "\"";
        return "{\"status\":\"" + status + "\"" + error + ",\"node_id\":\"" + json(server.settings().getString(ConfigFields.NODE_ID))
                + "\",\"version\":\"" + ServerInfo.PRODUCT_VERSION + "\",\"uptime_seconds\":" + uptime
                + ",\"connected_clients\":" + server.clients().size() + "}";
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    private static void send(HttpExchange ex, int status, String type, String body, boolean withBody) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        if (!withBody) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
