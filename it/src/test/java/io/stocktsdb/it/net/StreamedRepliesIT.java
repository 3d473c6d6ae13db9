package io.stocktsdb.it.net;

import static io.stocktsdb.it.RawClient.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Big replies stream: a pipeline of full-range TS.RANGE replies (many megabytes in all) is sent
 * while the server holds only what is in flight for the client (CLIENT LIST omem), other clients
 * keep being served, the commands after the big replies run in order as they drain, and every
 * reply is byte-for-byte what the whole-reply path writes.
 */
class StreamedRepliesIT {
    private static TestServer server;

    @BeforeAll
    static void startAndLoad() throws Exception {
        server = TestServer.start();
        try (RawClient c = new RawClient(server.port())) {
            load(c);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final int SAMPLES = 50_000;
    private static final int BIG_REPLIES = 30;
    private static final long STEP = 7;

    /** tick: SAMPLES samples at 1000 + 7i, value i % 1000 (integers print as "+N"). */
    private static void load(RawClient c) throws Exception {
        assertThat(c.call("TS.CREATE", "tick")).isEqualTo("+OK\r\n");
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < SAMPLES; i += 1000) {
            List<String> args = new ArrayList<>(List.of("TS.MADD"));
            for (int k = i; k < i + 1000; k++) {
                args.add("tick");
                args.add(Long.toString(ts(k)));
                args.add(Integer.toString(k % 1000));
            }
            pipeline.append(command(args.toArray(new String[0])));
        }
        c.send(pipeline.toString());
        for (int i = 0; i < SAMPLES; i += 1000) assertThat(c.readReply()).startsWith("*1000\r\n:");
    }

    private static long ts(int i) { return 1000 + STEP * i; }

    private static String row(int i) { return "*2\r\n:" + ts(i) + "\r\n+" + (i % 1000) + "\r\n"; }

    /** Every sample ascending. */
    private static String expectedRange() {
        return rangeOf(0, SAMPLES - 1);
    }

    private static String expectedReverse(int count) {
        StringBuilder sb = new StringBuilder(count * 24).append('*').append(count).append("\r\n");
        for (int i = SAMPLES - 1; i >= SAMPLES - count; i--) sb.append(row(i));
        return sb.toString();
    }

    private static long omemOf(RawClient admin, String id) throws Exception {
        for (String line : admin.call("CLIENT", "LIST").split("\n")) {
            if (!line.contains("id=" + id + " ")) continue;
            int at = line.indexOf(" omem=") + 6;
            return Long.parseLong(line.substring(at, line.indexOf(' ', at)));
        }
        return -1;
    }

    @Test
    void aPipelineOfBigRangesStreamsWithBoundedMemoryAndKeepsOrder() throws Exception {
        TestServer s = server;
        try (RawClient admin = new RawClient(s.port()); RawClient reader = new RawClient(s.port())) {
            assertThat(admin.call("TS.RANGE", "tick", "1000", "1000")).isEqualTo("*1\r\n" + row(0));
            String id = reader.call("CLIENT", "ID").substring(1).trim();

            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < BIG_REPLIES; i++) pipeline.append(command("TS.RANGE", "tick", "-", "+"));
            pipeline.append(command("TS.ADD", "written", "5", "42"));
            pipeline.append(command("TS.RANGE", "written", "-", "+"));
            pipeline.append(command("TS.REVRANGE", "tick", "-", "+", "COUNT", "5000"));
            pipeline.append(command("PING"));
            reader.send(pipeline.toString());

            // The reader does not read for a while: the server must not build the replies meanwhile.
            long maxOmem = 0;
            long maxPingMillis = 0;
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                assertThat(admin.call("PING")).isEqualTo("+PONG\r\n");
                maxPingMillis = Math.max(maxPingMillis, (System.nanoTime() - t0) / 1_000_000);
                maxOmem = Math.max(maxOmem, omemOf(admin, id));
                Thread.sleep(50);
            }
            AtomicLong readingOmem = new AtomicLong();
            Thread watcher = new Thread(() -> {
                try (RawClient w = new RawClient(s.port())) {
                    while (!Thread.currentThread().isInterrupted()) {
                        readingOmem.accumulateAndGet(omemOf(w, id), Math::max);
                        Thread.sleep(20);
                    }
                } catch (InterruptedException done) {
                    // stopped
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            watcher.start();
            String whole = expectedRange();
            for (int i = 0; i < BIG_REPLIES; i++) assertThat(reader.readReply()).as("reply %d", i).isEqualTo(whole);
            assertThat(reader.readReply()).isEqualTo(":5\r\n");
            assertThat(reader.readReply()).isEqualTo("*1\r\n*2\r\n:5\r\n+42\r\n");
            assertThat(reader.readReply()).isEqualTo(expectedReverse(5000));
            assertThat(reader.readReply()).isEqualTo("+PONG\r\n");
            watcher.interrupt();
            watcher.join();

            long total = (long) BIG_REPLIES * whole.length();
            assertThat(total).isGreaterThan(24L << 20);
            assertThat(maxOmem).isLessThan(4L << 20); // a few slices in flight, not the 30 MB of replies
            assertThat(readingOmem.get()).isLessThan(4L << 20);
            assertThat(maxPingMillis).isLessThan(1000); // loose: the point is it is not blocked behind the pipeline
            assertThat(reader.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void insideExecABigRangeIsWrittenWhole() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.RANGE", "tick", "-", "+")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("PING")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*2\r\n" + expectedRange() + "+PONG\r\n");
        }
    }

    @Test
    void filtersAndCountApplyToStreamedRanges() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            // values 0..999 repeat: FILTER_BY_VALUE 998 999 keeps two rows per thousand
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < SAMPLES; i++) if (i % 1000 >= 998) sb.append(row(i));
            String filtered = "*" + (SAMPLES / 500) + "\r\n" + sb;
            assertThat(c.call("TS.RANGE", "tick", "-", "+", "FILTER_BY_VALUE", "998", "999")).isEqualTo(filtered);
            assertThat(c.call("TS.RANGE", "tick", "-", "+", "FILTER_BY_VALUE", "998", "999", "COUNT", "9000")).isEqualTo(filtered);
            assertThat(c.call("TS.RANGE", "tick", Long.toString(ts(10)), Long.toString(ts(9009))))
                    .isEqualTo(rangeOf(10, 9009));
        }
    }

    private static String rangeOf(int first, int last) {
        StringBuilder sb = new StringBuilder().append('*').append(last - first + 1).append("\r\n");
        for (int i = first; i <= last; i++) sb.append(row(i));
        return sb.toString();
    }

    @Test
    void bigTsdbGetRepliesStreamAndMatchTheirPieces() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            // the same points read as small ranges (written whole) and glued together
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < SAMPLES; i += 2000) {
                String piece = c.call("TSDB_GET", "tick", Long.toString(ts(i)), Long.toString(ts(i + 1999)), "WITHQUALITY");
                assertThat(piece).startsWith("*6000\r\n");
                body.append(piece.substring("*6000\r\n".length()));
            }
            String expected = "*" + (3 * SAMPLES) + "\r\n" + body;
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < 5; i++) pipeline.append(command("TSDB_GET", "tick", "-", "+", "WITHQUALITY"));
            c.send(pipeline.toString());
            for (int i = 0; i < 5; i++) assertThat(c.readReply()).isEqualTo(expected);
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }
}
