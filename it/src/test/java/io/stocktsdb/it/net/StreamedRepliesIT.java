package io.stocktsdb.it.net;

import static io.stocktsdb.it.RawClient.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Big replies stream: a pipeline of full-range TS.RANGE replies (many megabytes in all) is sent
 * while the server holds only what is in flight for the client (CLIENT LIST omem), other clients
 * keep being served, the commands after the big replies run in order as they drain, and every
 * reply is byte-for-byte what the whole-reply path writes.
 */
class StreamedRepliesIT {
    private static final int SAMPLES = 100_000;
    private static final int BIG_REPLIES = 20;
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

    /** The first {@code n} samples ascending (with one extra sample appended when {@code extra}). */
    private static String expectedRange(int n, boolean extra) {
        StringBuilder sb = new StringBuilder(n * 24);
        sb.append('*').append(n + (extra ? 1 : 0)).append("\r\n");
        for (int i = 0; i < n; i++) sb.append(row(i));
        if (extra) sb.append("*2\r\n:").append(ts(SAMPLES)).append("\r\n+42\r\n");
        return sb.toString();
    }

    private static String expectedReverse(int count) {
        StringBuilder sb = new StringBuilder(count * 24).append('*').append(count).append("\r\n");
        sb.append("*2\r\n:").append(ts(SAMPLES)).append("\r\n+42\r\n");
        for (int i = SAMPLES - 1; i > SAMPLES - count; i--) sb.append(row(i));
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
        try (TestServer s = TestServer.start(); RawClient admin = new RawClient(s.port()); RawClient reader = new RawClient(s.port())) {
            load(admin);
            assertThat(admin.call("TS.RANGE", "tick", "1000", "1000")).isEqualTo("*1\r\n" + row(0));
            String id = reader.call("CLIENT", "ID").substring(1).trim();

            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < BIG_REPLIES; i++) pipeline.append(command("TS.RANGE", "tick", "-", "+"));
            pipeline.append(command("TS.ADD", "tick", Long.toString(ts(SAMPLES)), "42"));
            pipeline.append(command("TS.RANGE", "tick", "-", "+"));
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
            String whole = expectedRange(SAMPLES, false);
            for (int i = 0; i < BIG_REPLIES; i++) assertThat(reader.readReply()).as("reply %d", i).isEqualTo(whole);
            assertThat(reader.readReply()).isEqualTo(":" + ts(SAMPLES) + "\r\n");
            assertThat(reader.readReply()).isEqualTo(expectedRange(SAMPLES, true));
            assertThat(reader.readReply()).isEqualTo(expectedReverse(5000));
            assertThat(reader.readReply()).isEqualTo("+PONG\r\n");
            watcher.interrupt();
            watcher.join();

            long total = (long) BIG_REPLIES * whole.length();
            assertThat(total).isGreaterThan(30L << 20);
            assertThat(maxOmem).isLessThan(4L << 20); // a few slices in flight, not 30+ MB of replies
            assertThat(readingOmem.get()).isLessThan(4L << 20);
            assertThat(maxPingMillis).isLessThan(1000); // loose: the point is it is not blocked behind the pipeline
            assertThat(reader.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void insideExecABigRangeIsWrittenWhole() throws Exception {
        try (TestServer s = TestServer.start(); RawClient c = new RawClient(s.port())) {
            load(c);
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.RANGE", "tick", "-", "+")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("PING")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*2\r\n" + expectedRange(SAMPLES, false) + "+PONG\r\n");
        }
    }

    @Test
    void filtersAndCountApplyToStreamedRanges() throws Exception {
        try (TestServer s = TestServer.start(); RawClient c = new RawClient(s.port())) {
            load(c);
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
}
