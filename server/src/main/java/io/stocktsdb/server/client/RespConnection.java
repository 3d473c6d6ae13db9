package io.stocktsdb.server.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A plain RESP connection for the command-line tools: pipelined writes through
 * {@link #send(CommandWriter)}, replies through {@link #replies()}. One writer thread and one
 * reader thread may use it at the same time.
 */
public final class RespConnection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final ReplyReader replies;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 256 * 1024);
        this.replies = new ReplyReader(socket.getInputStream());
    }

    /** Connects; {@code password} (may be null or empty) is sent with AUTH. */
    public static RespConnection open(String host, int port, String password, int timeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMs);
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMs);
            RespConnection c = new RespConnection(s);
            if (password != null && !password.isEmpty()) {
                Object r = c.call("AUTH", password);
                if (r instanceof RespError e) throw new IOException("AUTH failed: " + e.message());
            }
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Sends and flushes one command, returns its reply. */
    public Object call(String... args) throws IOException {
        CommandWriter w = new CommandWriter(64);
        w.command(args);
        send(w);
        flush();
        return replies.read();
    }

    public void send(CommandWriter w) throws IOException {
        w.writeTo(out);
    }

    public void flush() throws IOException {
        out.flush();
    }

    public ReplyReader replies() { return replies; }

    /** Read timeout for replies; 0 waits forever. */
    public void readTimeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
