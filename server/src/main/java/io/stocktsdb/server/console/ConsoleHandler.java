package io.stocktsdb.server.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The web console at {@code /console} on the HTTP port: static pages from the jar
 * ({@code console/} resources, charts by TradingView's lightweight-charts) and {@code POST
 * /console/api} running one read-only command ({@link ReadOnlyCommands}) given as a JSON array
 * of strings ({@code POST /console/api/batch}: several, pipelined). Every request goes through a RESP connection to the server itself
 * ({@link RespBridge}) authenticated with the request's HTTP Basic credentials, so the console
 * asks for exactly the passwords RESP clients need (requirepass, ACL users) and nothing when
 * there are none.
 */
public final class ConsoleHandler implements HttpHandler {
    public static final String PATH = "/console";
    private static final Map<String, String> ASSETS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "lightweight-charts.standalone.production.js", "text/javascript; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Commands per batch request: the page asks for a table's worth at a time. */
    private static final int MAX_BATCH = 1000;

    private final String host;
    private final IntSupplier respPort;

    /** {@code bindAddr} is where RESP listens too (a wildcard means this host's loopback). */
    public ConsoleHandler(String bindAddr, IntSupplier respPort) {
        this.host = bindAddr.equals("0.0.0.0") || bindAddr.equals("::") || bindAddr.isEmpty() ? "127.0.0.1" : bindAddr;
        this.respPort = respPort;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals(PATH)) {
                ex.getResponseHeaders().set("Location", PATH + "/");
                ex.sendResponseHeaders(302, -1);
                return;
            }
            String name = path.substring(PATH.length() + 1);
            if (name.isEmpty()) name = "index.html";
            if (name.equals("api")) {
                api(ex);
                return;
            }
            if (name.equals("api/batch")) {
                batch(ex);
                return;
            }
            String type = ASSETS.get(name);
            if (type == null) {
                send(ex, 404, "text/plain; charset=utf-8", "not found\n");
                return;
            }
            try (RespBridge resp = connect(ex)) {
                if (resp == null) return;
                String pong = resp.call(List.of("PING"));
                if (pong.startsWith("{\"error\"")) {
                    unauthorized(ex);
                    return;
                }
            }
            byte[] body;
            try (InputStream in = ConsoleHandler.class.getResourceAsStream("/console/" + name)) {
                if (in == null) {
                    send(ex, 404, "text/plain; charset=utf-8", "not found\n");
                    return;
                }
                body = in.readAllBytes();
            }
            send(ex, 200, type, body);
        }
    }

    private void api(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            send(ex, 405, "text/plain; charset=utf-8", "POST a JSON array of strings\n");
            return;
        }
        List<String> args;
        try {
            args = List.of(JSON.readValue(ex.getRequestBody(), String[].class));
        } catch (IOException | RuntimeException e) {
            send(ex, 400, "application/json", "{\"error\":\"ERR the body must be a JSON array of strings\"}");
            return;
        }
        String refusal = ReadOnlyCommands.refusal(args);
        if (refusal != null) {
            StringBuilder b = new StringBuilder("{\"error\":");
            Json.string(b, refusal);
            send(ex, 200, "application/json", b.append('}').toString());
            return;
        }
        try (RespBridge resp = connect(ex)) {
            if (resp == null) return;
            String reply = resp.call(args);
            if (reply.startsWith("{\"error\":\"NOAUTH")) {
                unauthorized(ex);
                return;
            }
            send(ex, 200, "application/json", reply);
        }
    }

    /**
     * {@code POST /console/api/batch}: a JSON array of commands (each an array of strings), run
     * pipelined on one connection; the reply is the array of their replies (an error, a refusal
     * included, in its command's place). The page's tables need tens of TS.INFO at once.
     */
    private void batch(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            send(ex, 405, "text/plain; charset=utf-8", "POST a JSON array of commands\n");
            return;
        }
        String[][] commands;
        try {
            commands = JSON.readValue(ex.getRequestBody(), String[][].class);
        } catch (IOException | RuntimeException e) {
            send(ex, 400, "application/json", "{\"error\":\"ERR the body must be a JSON array of arrays of strings\"}");
            return;
        }
        if (commands.length > MAX_BATCH) {
            send(ex, 400, "application/json", "{\"error\":\"ERR at most " + MAX_BATCH + " commands per batch\"}");
            return;
        }
        List<List<String>> allowed = new ArrayList<>();
        String[] refusals = new String[commands.length];
        for (int i = 0; i < commands.length; i++) {
            List<String> args = commands[i] == null ? List.of() : List.of(commands[i]);
            refusals[i] = ReadOnlyCommands.refusal(args);
            if (refusals[i] == null) allowed.add(args);
        }
        try (RespBridge resp = connect(ex)) {
            if (resp == null) return;
            List<String> replies = resp.pipeline(allowed);
            StringBuilder b = new StringBuilder("[");
            int next = 0;
            for (int i = 0; i < commands.length; i++) {
                if (i > 0) b.append(',');
                if (refusals[i] != null) {
                    b.append("{\"error\":");
                    Json.string(b, refusals[i]);
                    b.append('}');
                    continue;
                }
                String reply = replies.get(next++);
                if (reply.startsWith("{\"error\":\"NOAUTH")) {
                    unauthorized(ex);
                    return;
                }
                b.append(reply);
            }
            send(ex, 200, "application/json", b.append(']').toString());
        }
    }

    /** A connection authenticated with the request's Basic credentials (when given); null after a 401. */
    private RespBridge connect(HttpExchange ex) throws IOException {
        RespBridge resp = new RespBridge(host, respPort.getAsInt());
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                pair = ":";
            }
            int colon = pair.indexOf(':');
            String user = colon <= 0 ? "default" : pair.substring(0, colon);
            String pass = colon < 0 ? "" : pair.substring(colon + 1);
            if (resp.call(List.of("AUTH", user, pass)).startsWith("{\"error\"")) {
                resp.close();
                unauthorized(ex);
                return null;
            }
        }
        return resp;
    }

    private static void unauthorized(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"StockTSDB console\", charset=\"UTF-8\"");
        send(ex, 401, "text/plain; charset=utf-8", "authentication required: the RESP user name and password\n");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
