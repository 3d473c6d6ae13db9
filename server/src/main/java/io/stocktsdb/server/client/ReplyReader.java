package io.stocktsdb.server.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RESP2/RESP3 replies from a stream. {@link #read()} returns a whole reply as plain Java
 * values: String (simple, bulk, verbatim, double, big number), Long, Boolean, null, RespError,
 * or List (arrays, sets, pushes; maps flattened key, value, ...).
 */
public final class ReplyReader {
    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;

    public ReplyReader(InputStream in) { this.in = in; }

    public Object read() throws IOException {
        int type = readByte();
        switch (type) {
            case '+', ',', '(' -> {
                return line();
            }
            case '-', '!' -> {
                if (type == '!') return new RespError(new String(bulkBytes(), StandardCharsets.UTF_8));
                return new RespError(line());
            }
            case ':' -> {
                return lineLong();
            }
            case '$', '=' -> {
                long n = lineLong();
                if (n < 0) return null;
                String s = new String(fixed((int) n), StandardCharsets.UTF_8);
                expectCrlf();
                return type == '=' && s.length() >= 4 ? s.substring(4) : s;
            }
            case '_' -> {
                line();
                return null;
            }
            case '#' -> {
                return line().equals("t");
            }
            case '*', '~', '>' -> {
                long n = lineLong();
                if (n < 0) return null;
                List<Object> out = new ArrayList<>((int) Math.min(n, 1 << 16));
                for (long i = 0; i < n; i++) out.add(read());
                return out;
            }
            case '%', '|' -> {
                long n = lineLong();
                List<Object> out = new ArrayList<>();
                for (long i = 0; i < 2 * n; i++) out.add(read());
                if (type == '|') return read(); // attributes precede the real reply
                return out;
            }
            default -> throw new IOException("unexpected RESP type byte " + type);
        }
    }

    /**
     * Streaming start of an array reply (TS.MADD's): its length, or -1 when the reply is an
     * error, whose text {@link #lastError()} then holds.
     */
    public long readArrayStart() throws IOException {
        int type = readByte();
        if (type == '-') {
            lastError = line();
            return -1;
        }
        if (type != '*') throw new IOException("expected an array reply, got type byte " + type);
        return lineLong();
    }

    /** One element of such an array: null for an integer, else the error's text (or a description of another type). */
    public String readIntegerOrError() throws IOException {
        int type = readByte();
        if (type == ':') {
            skipLine();
            return null;
        }
        if (type == '-') return line();
        pos--;
        return "unexpected reply " + read();
    }

    public String lastError() { return lastError; }

    private String lastError;

    private void skipLine() throws IOException {
        while (readByte() != '\r') {
            // digits of an integer we do not need
        }
        if (readByte() != '\n') throw new IOException("CR without LF");
    }

    private byte[] bulkBytes() throws IOException {
        long n = lineLong();
        byte[] b = fixed((int) n);
        expectCrlf();
        return b;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = readByte();
            if (b == '\r') {
                if (readByte() != '\n') throw new IOException("CR without LF");
                return sb.toString();
            }
            sb.append((char) b);
        }
    }

    private long lineLong() throws IOException {
        long v = 0;
        boolean neg = false;
        int b = readByte();
        if (b == '-') {
            neg = true;
            b = readByte();
        }
        while (b != '\r') {
            if (b < '0' || b > '9') throw new IOException("bad integer in reply");
            v = v * 10 + (b - '0');
            b = readByte();
        }
        if (readByte() != '\n') throw new IOException("CR without LF");
        return neg ? -v : v;
    }

    private byte[] fixed(int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            if (pos == lim) fill();
            int k = Math.min(n - got, lim - pos);
            System.arraycopy(buf, pos, out, got, k);
            pos += k;
            got += k;
        }
        return out;
    }

    private void expectCrlf() throws IOException {
        if (readByte() != '\r' || readByte() != '\n') throw new IOException("missing CRLF after bulk string");
    }

    private int readByte() throws IOException {
        if (pos == lim) fill();
        return buf[pos++] & 0xff;
    }

    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) throw new EOFException("connection closed by the server");
        pos = 0;
        lim = n;
    }
}
