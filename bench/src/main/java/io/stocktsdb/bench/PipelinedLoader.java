package io.stocktsdb.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Pipelined RESP load generator for ingest_bench.py, because redis-benchmark can only send
 * random timestamps and a Python client cannot produce a million commands a second. One thread,
 * one selector, {@code connections} connections; connection c owns the series k with
 * {@code k % connections == c} and sends their samples time-major, so every series receives
 * strictly increasing timestamps (1700000000000 + i * 1000) and a random walk of two-decimal
 * values. Like {@code redis-benchmark -P}, each connection writes {@code pipeline} commands and
 * waits for their replies before writing the next window.
 * <p>Modes: {@code tsdb_set} (TSDB_SET key ts value), {@code ts_add} (TS.ADD key ts value),
 * {@code batch_set} (BATCH_SET key value ts, then one BATCH_FLUSH per connection), {@code set}
 * (SET key value: the plain redis-server yardstick). Every expected reply is one line, so replies
 * are counted by line ends; a line starting with '-' is an error.
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.stocktsdb.bench.PipelinedLoader
 * --port 6379 --mode tsdb_set --connections 50 --pipeline 16 --series 1000 --samples 200 --prefix stock:}.
 * Prints one JSON line.
 */
public final class PipelinedLoader {
    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP_MS = 1000;
    private static final int MAX_COMMAND_BYTES = 160;

    private PipelinedLoader() {}

    public static void main(String[] argv) throws IOException {
        Map<String, String> a = parse(argv);
        String host = a.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(a.getOrDefault("port", "6379"));
        Mode mode = Mode.valueOf(a.getOrDefault("mode", "tsdb_set").toUpperCase(Locale.ROOT));
        int connections = Integer.parseInt(a.getOrDefault("connections", "50"));
        int pipeline = Integer.parseInt(a.getOrDefault("pipeline", "1"));
        int series = Integer.parseInt(a.getOrDefault("series", "1000"));
        int samples = Integer.parseInt(a.getOrDefault("samples", "100"));
        String prefix = a.getOrDefault("prefix", "stock:");
        long t0 = Long.parseLong(a.getOrDefault("t0", Long.toString(T0)));
        connections = Math.min(connections, series);

        byte[][] keys = new byte[series][];
        for (int k = 0; k < series; k++) keys[k] = String.format(Locale.ROOT, "%s%04d", prefix, k).getBytes(StandardCharsets.US_ASCII);
        Selector selector = Selector.open();
        List<Conn> conns = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int owned = (series - c + connections - 1) / connections;
            byte[][] mine = new byte[owned][];
            for (int j = 0; j < owned; j++) mine[j] = keys[c + j * connections];
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            Conn conn = new Conn(ch, mode, mine, samples, pipeline, t0, new Random(42 + c));
            conn.key = ch.register(selector, SelectionKey.OP_READ, conn);
            conns.add(conn);
        }

        long start = System.nanoTime();
        int live = connections;
        for (Conn c : conns) {
            if (!c.nextWindow()) live--;
        }
        while (live > 0) {
            selector.select();
            for (SelectionKey k : selector.selectedKeys()) {
                Conn c = (Conn) k.attachment();
                if (k.isValid() && k.isWritable()) c.flushOut();
                if (k.isValid() && k.isReadable() && c.readReplies() && !c.nextWindow()) live--;
            }
            selector.selectedKeys().clear();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long errors = 0;
        String firstError = null;
        long commands = 0;
        for (Conn c : conns) {
            errors += c.errors;
            commands += c.commandsSent;
            if (firstError == null) firstError = c.firstError;
            c.ch.close();
        }
        long totalSamples = (long) series * samples;
        System.out.printf(Locale.ROOT,
                "{\"mode\":\"%s\",\"connections\":%d,\"pipeline\":%d,\"series\":%d,\"samples_per_series\":%d,"
                        + "\"commands\":%d,\"samples\":%d,\"seconds\":%.4f,\"samples_per_sec\":%.0f,\"commands_per_sec\":%.0f,"
                        + "\"errors\":%d,\"first_error\":%s}%n",
                mode.name().toLowerCase(Locale.ROOT), connections, pipeline, series, samples, commands, totalSamples, seconds,
                totalSamples / seconds, commands / seconds, errors, firstError == null ? "null" : jsonString(firstError));
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) throw new IllegalArgumentException("expected --name value, got " + argv[i]);
            m.put(argv[i].substring(2), argv[i + 1]);
        }
        return m;
    }

    private static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    enum Mode {
        TSDB_SET("TSDB_SET"), TS_ADD("TS.ADD"), BATCH_SET("BATCH_SET"), SET("SET");

        final byte[] header;

        Mode(String name) {
            int argc = name.equals("SET") ? 3 : 4;
            header = ("*" + argc + "\r\n$" + name.length() + "\r\n" + name + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** One connection: the series it owns, where it is in them, and its pending window. */
    private static final class Conn {
        private static final byte[] FLUSH = "*1\r\n$11\r\nBATCH_FLUSH\r\n".getBytes(StandardCharsets.US_ASCII);

        final SocketChannel ch;
        final Mode mode;
        final byte[][] keys;
        final long[] cents;
        final int samples;
        final int pipeline;
        final long t0;
        final Random random;
        final ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(1 << 16);
        SelectionKey key;
        int nextSample;
        int nextSeries;
        boolean flushQueued;
        int outstanding;
        long commandsSent;
        long errors;
        String firstError;
        boolean atLineStart = true;
        boolean inErrorLine;
        StringBuilder errorText;

        Conn(SocketChannel ch, Mode mode, byte[][] keys, int samples, int pipeline, long t0, Random random) {
            this.ch = ch;
            this.mode = mode;
            this.keys = keys;
            this.samples = samples;
            this.pipeline = pipeline;
            this.t0 = t0;
            this.random = random;
            this.cents = new long[keys.length];
            java.util.Arrays.fill(cents, 10_000);
            this.out = ByteBuffer.allocate(pipeline * MAX_COMMAND_BYTES + FLUSH.length);
            this.flushQueued = mode != Mode.BATCH_SET;
        }

        /** Writes the next window of commands; false when this connection has nothing left to send. */
        boolean nextWindow() throws IOException {
            out.clear();
            byte[] buf = out.array();
            int pos = 0;
            int n = 0;
            while (n < pipeline && nextSample < samples) {
                pos = encode(buf, pos, nextSeries, nextSample);
                n++;
                if (++nextSeries == keys.length) {
                    nextSeries = 0;
                    nextSample++;
                }
            }
            if (n == 0 && !flushQueued) {
                System.arraycopy(FLUSH, 0, buf, 0, FLUSH.length);
                pos = FLUSH.length;
                n = 1;
                flushQueued = true;
            }
            if (n == 0) return false;
            outstanding = n;
            commandsSent += n;
            out.position(pos).flip();
            flushOut();
            return true;
        }

        void flushOut() throws IOException {
            ch.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Reads what arrived; true when the whole window has been answered. */
        boolean readReplies() throws IOException {
            in.clear();
            int r = ch.read(in);
            if (r < 0) throw new IOException("server closed the connection with " + outstanding + " replies outstanding");
            byte[] b = in.array();
            for (int i = 0; i < r; i++) {
                byte x = b[i];
                if (atLineStart && x == '-') {
                    errors++;
                    inErrorLine = firstError == null;
                    if (inErrorLine) errorText = new StringBuilder();
                }
                if (x == '\n') {
                    outstanding--;
                    atLineStart = true;
                    if (inErrorLine) {
                        firstError = errorText.toString().trim();
                        inErrorLine = false;
                    }
                } else {
                    atLineStart = false;
                    if (inErrorLine) errorText.append((char) x);
                }
            }
            return outstanding == 0;
        }

        private int encode(byte[] buf, int pos, int s, int i) {
            cents[s] += random.nextInt(201) - 100;
            long ts = t0 + i * STEP_MS;
            System.arraycopy(mode.header, 0, buf, pos, mode.header.length);
            pos += mode.header.length;
            pos = bulk(buf, pos, keys[s]);
            switch (mode) {
                case TSDB_SET, TS_ADD -> {
                    pos = bulkLong(buf, pos, ts);
                    pos = bulkCents(buf, pos, cents[s]);
                }
                case BATCH_SET -> {
                    pos = bulkCents(buf, pos, cents[s]);
                    pos = bulkLong(buf, pos, ts);
                }
                case SET -> pos = bulkCents(buf, pos, cents[s]);
            }
            return pos;
        }

        private static int bulk(byte[] buf, int pos, byte[] v) {
            buf[pos++] = '$';
            pos = digits(buf, pos, v.length);
            buf[pos++] = '\r';
            buf[pos++] = '\n';
            System.arraycopy(v, 0, buf, pos, v.length);
            pos += v.length;
            buf[pos++] = '\r';
            buf[pos++] = '\n';
            return pos;
        }

        private static int bulkLong(byte[] buf, int pos, long v) {
            buf[pos++] = '$';
            pos = digits(buf, pos, digitCount(v));
            buf[pos++] = '\r';
            buf[pos++] = '\n';
            pos = digits(buf, pos, v);
            buf[pos++] = '\r';
            buf[pos++] = '\n';
            return pos;
        }

        /** {@code cents} as a decimal with two places: 10012 -> "100.12", -5 -> "-0.05". */
        private static int bulkCents(byte[] buf, int pos, long cents) {
            boolean negative = cents < 0;
            long abs = Math.abs(cents);
            long whole = abs / 100;
            int frac = (int) (abs % 100);
            int len = (negative ? 1 : 0) + digitCount(whole) + 3;
            buf[pos++] = '$';
            pos = digits(buf, pos, len);
            buf[pos++] = '\r';
            buf[pos++] = '\n';
            if (negative) buf[pos++] = '-';
            pos = digits(buf, pos, whole);
            buf[pos++] = '.';
            buf[pos++] = (byte) ('0' + frac / 10);
            buf[pos++] = (byte) ('0' + frac % 10);
            buf[pos++] = '\r';
            buf[pos++] = '\n';
            return pos;
        }

        /** Non-negative {@code v} in decimal. */
        private static int digits(byte[] buf, int pos, long v) {
            int n = digitCount(v);
            for (int i = pos + n - 1; i >= pos; i--) {
                buf[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            return pos + n;
        }

        private static int digitCount(long v) {
            int n = 1;
            while (v >= 10) {
                v /= 10;
                n++;
            }
            return n;
        }
    }
}
