package io.stocktsdb.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain socket for asserting exact reply bytes. */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = socket.getOutputStream();
    }

    public void send(String raw) throws IOException {
        send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Encodes the arguments as a multibulk request. */
    public static String command(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    /** Sends a command and returns exactly one complete reply as text. */
    public String call(String... args) throws IOException {
        send(command(args));
        return readReply();
    }

    /** Binary-safe {@link #call}: the arguments as given, the reply's raw bytes. */
    public byte[] callBytes(byte[]... args) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            req.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            req.writeBytes(a);
            req.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        send(req.toByteArray());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        readValue(buf);
        return buf.toByteArray();
    }

    /** Reads exactly one RESP reply (any type, nested) and returns its raw text. */
    public String readReply() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        readValue(buf);
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private void readValue(ByteArrayOutputStream buf) throws IOException {
        String line = readLine(buf);
        char type = line.charAt(0);
        switch (type) {
            case '+': case '-': case ':': case ',': case '_': case '#': case '(':
                return;
            case '$': case '=': case '!': {
                int len = Integer.parseInt(line.substring(1));
                if (len < 0) return;
                for (int i = 0; i < len + 2; i++) buf.write(readByte());
                return;
            }
            case '*': case '~': case '>': {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < n; i++) readValue(buf);
                return;
            }
            case '%': case '|': {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < 2 * n; i++) readValue(buf);
                return;
            }
            default:
                throw new IOException("unexpected reply line: " + line);
        }
    }

    private String readLine(ByteArrayOutputStream buf) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = readByte();
            buf.write(b);
            if (b == '\r') {
                int n = readByte();
                buf.write(n);
                if (n == '\n') return sb.toString();
                sb.append('\r').append((char) n);
            } else {
                sb.append((char) b);
            }
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) throw new IOException("connection closed");
        return b;
    }

    /** True when the server closed the connection (reads EOF within the timeout). */
    public boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer
        }
    }

    @Override
    public void close() throws IOException { socket.close(); }
}
