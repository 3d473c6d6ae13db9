package io.stocktsdb.server.console;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's way into the server: a RESP2 connection to the server's own port per request,
 * authenticated with the browser's credentials, so the console is subject to exactly the same
 * authentication and ACL rules as any client. Replies are rendered as JSON: arrays as arrays,
 * bulk and simple strings as strings, integers as numbers, nil as null, errors as
 * {@code {"error": "..."}}.
 */
final class RespBridge implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RespBridge(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 2000);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 65536);
    }

    /** Sends one command and returns its reply as JSON. */
    String call(List<String> args) throws IOException {
        return pipeline(List.of(args)).get(0);
    }

    /** Sends every command at once, then returns their replies as JSON, in order. */
    List<String> pipeline(List<List<String>> commands) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (List<String> args : commands) {
            b.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String a : args) {
                byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
                b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                b.writeBytes(bytes);
                b.writeBytes(new byte[] {'\r', '\n'});
            }
        }
        out.write(b.toByteArray());
        out.flush();
        List<String> replies = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            StringBuilder json = new StringBuilder();
            readReply(json);
            replies.add(json.toString());
        }
        return replies;
    }

    private void readReply(StringBuilder json) throws IOException {
        int type = in.read();
        if (type < 0) throw new IOException("connection closed by the server");
        String line = readLine();
        switch (type) {
            case '+' -> Json.string(json, line);
            case '-' -> {
                json.append("{\"error\":");
                Json.string(json, line);
                json.append('}');
            }
            case ':' -> json.append(Long.parseLong(line));
            case '$' -> {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    json.append("null");
                    return;
                }
                byte[] data = in.readNBytes(n + 2);
                Json.string(json, new String(data, 0, n, StandardCharsets.UTF_8));
            }
            case '*' -> {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    json.append("null");
                    return;
                }
                json.append('[');
                for (int i = 0; i < n; i++) {
                    if (i > 0) json.append(',');
                    readReply(json);
                }
                json.append(']');
            }
            default -> throw new IOException("unexpected RESP type " + (char) type);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                in.read();
                break;
            }
            line.write(c);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
