package io.stocktsdb.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.PlatformDependent;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and adversarial frames over real sockets: every one is answered, closed
 * or (only when it is an unfinished frame by design) left waiting; headers that claim huge sizes
 * allocate nothing; and a well-behaved client is served throughout.
 */
class AdversarialFramesIT {
    private static final int FRAMES = 3000;
    private static final int BATCH = 100;
    private static final long SEED = 0x5EC0A11L;

    /** A frame and whether the server may legitimately keep waiting for the rest of it. */
    private record Frame(String kind, byte[] bytes, boolean mayWait) {}

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    private static Frame frame(Random r) {
        switch (r.nextInt(12)) {
            case 0: return new Frame("max-int multibulk", ascii("*2147483647\r\n"), false);
            case 1: return new Frame("negative bulk", ascii("*2\r\n$4\r\nECHO\r\n$-" + (1 + r.nextInt(1000)) + "\r\n"), false);
            case 2: return new Frame("overflowing bulk", ascii("*1\r\n$" + "9".repeat(19 + r.nextInt(10)) + "\r\n"), false);
            case 3: return new Frame("100 MB bulk header without data", ascii("*2\r\n$4\r\nECHO\r\n$104857600\r\n"), true);
            case 4: return new Frame("million-argument header without data", ascii("*1048576\r\n"), true);
            case 5: { // nested arrays, a few or thousands deep
                StringBuilder sb = new StringBuilder();
                int depth = 2 + r.nextInt(r.nextBoolean() ? 5 : 5000);
                for (int i = 0; i < depth; i++) sb.append("*1\r\n");
                return new Frame("nested arrays", ascii(sb.append("$4\r\nPING\r\n").toString()), false);
            }
            case 6: { // binary garbage ended by a newline: an inline line or a bad multibulk
                byte[] g = new byte[1 + r.nextInt(300)];
                r.nextBytes(g);
                for (int i = 0; i < g.length; i++) if (g[i] == '\n') g[i] = 'x';
                if (Character.isWhitespace(g[0]) || g[0] == 0) g[0] = 'x'; // a blank line is skipped silently, as in Redis
                byte[] withEol = new byte[g.length + 1];
                System.arraycopy(g, 0, withEol, 0, g.length);
                withEol[g.length] = '\n';
                return new Frame("binary garbage", withEol, g[0] == '*' || g[0] == '$');
            }
            case 7: // a bulk without its CRLF, then more bytes than announced
                return new Frame("missing CRLF", ascii("*2\r\n$4\r\nECHO\r\n$3\r\nabcdefgh\r\n"), true);
            case 8: return new Frame("bad multibulk count", ascii("*" + (char) ('a' + r.nextInt(26)) + "\r\n"), false);
            case 9: return new Frame("expected $", ascii("*2\r\n:4\r\nECHO\r\n"), false);
            case 10: return new Frame("inline line over 64 KB", ascii("x".repeat(70_000)), false);
            default: // a valid command cut at a random point
                String cmd = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n";
                return new Frame("truncated command", ascii(cmd.substring(0, 1 + r.nextInt(cmd.length() - 1))), true);
        }
    }

    private static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** What the server sends within {@code millis} (then until it pauses briefly), and whether it closed. */
    private static String reaction(Socket s, int millis, boolean[] closed) throws IOException {
        s.setSoTimeout(millis);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        InputStream in = s.getInputStream();
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                got.write(buf, 0, n);
                s.setSoTimeout(5); // the rest of the reaction is already there once the first bytes are
            }
            closed[0] = true;
        } catch (SocketTimeoutException waiting) {
            closed[0] = false;
        } catch (IOException reset) {
            closed[0] = true;
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void malformedFramesAreRefusedCheaplyWhileOthersAreServed() throws Exception {
        Random r = new Random(SEED);
        try (TestServer server = TestServer.start(); RawClient good = new RawClient(server.port())) {
            long heapBefore = heapUsedAfterGc();
            long directBefore = PlatformDependent.usedDirectMemory();
            List<Socket> waiting = new ArrayList<>(); // kept open to the end: their claims must cost nothing
            int answered = 0;
            int closedCount = 0;
            for (int done = 0; done < FRAMES; done += BATCH) {
                List<Socket> sockets = new ArrayList<>();
                List<Frame> frames = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    Frame f = frame(r);
                    Socket s = new Socket("127.0.0.1", server.port());
                    s.setTcpNoDelay(true);
                    try {
                        s.getOutputStream().write(f.bytes());
                    } catch (IOException closedEarly) {
                        // the server may close before a long frame is fully written
                    }
                    sockets.add(s);
                    frames.add(f);
                }
                Thread.sleep(150); // let the server react to the whole batch at once
                for (int i = 0; i < BATCH; i++) {
                    Socket s = sockets.get(i);
                    Frame f = frames.get(i);
                    boolean[] closed = new boolean[1];
                    String reply = reaction(s, firstByteWait(f), closed);
                    if (!reply.isEmpty()) answered++;
                    if (closed[0]) closedCount++;
                    if (reply.isEmpty() && !closed[0]) {
                        assertThat(f.mayWait()).as("no reaction to a complete frame: " + f.kind()).isTrue();
                        if (waiting.size() < 300) {
                            waiting.add(s);
                            continue;
                        }
                    }
                    if (!reply.isEmpty()) {
                        // an error, or (missing CRLF: Redis skips two bytes unchecked) a reply then an error for the rest
                        assertThat(reply).as(f.kind()).matches(f.kind().equals("missing CRLF") ? "(?s)\\$3\r\nabc\r\n-ERR .*" : "(?s)-ERR .*\r\n");
                    }
                    s.close();
                }
                assertThat(good.call("PING")).isEqualTo("+PONG\r\n");
                assertThat(good.call("ECHO", "still-served-" + done)).isEqualTo("$" + ("still-served-" + done).length() + "\r\nstill-served-" + done + "\r\n");
            }
            long heapGrowth = heapUsedAfterGc() - heapBefore;
            long directGrowth = PlatformDependent.usedDirectMemory() - directBefore;
            System.out.printf("adversarial frames=%d answered=%d closed=%d waiting=%d heapGrowth=%dKB directGrowth=%dKB%n",
                    FRAMES, answered, closedCount, waiting.size(), heapGrowth >> 10, directGrowth >> 10);
            assertThat(waiting).isNotEmpty(); // among them dozens of 100 MB and million-argument headers
            assertThat(heapGrowth).isLessThan(64L << 20);
            assertThat(directGrowth).isLessThan(64L << 20);
            assertThat(good.call("PING")).isEqualTo("+PONG\r\n");
            for (Socket s : waiting) s.close();
        }
    }

    /** Complete frames must get a reaction (allowing a slow machine 2 s); unfinished ones may get none. */
    private static int firstByteWait(Frame f) { return f.mayWait() ? 5 : 2000; }
}
