package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * DEBUG RELOAD: the store checkpointed (or not: NOSAVE), closed and reopened in-process with every
 * client's commands held; the reply follows recovery.
 */
class DebugReloadIT {
    private static final String REFUSED = "-ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can "
            + "run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.\r\n";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Strings, a huge value, deadlines, labelled series with a rule, a K-line family. */
    private static byte[] fill(RawClient c) throws Exception {
        assertThat(c.call("SET", "s", "v")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "ttl", "t", "EX", "100000")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "n", "41")).isEqualTo("+OK\r\n");
        byte[] big = new byte[10 << 20]; // 10 MB: received into its own parts, stored as a big value
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 7 + (i >> 12));
        assertThat(new String(c.callBytes(b("SET"), b("big"), big), StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.CREATE", "src", "RETENTION", "0", "LABELS", "sym", "A", "kind", "px")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.CREATE", "dst", "LABELS", "sym", "A", "kind", "bar")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.CREATERULE", "src", "dst", "AGGREGATION", "sum", "10")).isEqualTo("+OK\r\n");
        assertThat(c.call("TS.CREATE", "gone", "LABELS", "sym", "B")).isEqualTo("+OK\r\n");
        assertThat(c.call("PEXPIRE", "gone", "100000000")).isEqualTo(":1\r\n");
        assertThat(c.call("KLINE.CREATE", "px:k", "PRICE", "src", "TIMEFRAMES", "1m")).isEqualTo("+OK\r\n");
        for (int t = 0; t < 3000; t += 7) c.call("TS.ADD", "src", String.valueOf(t * 100), String.valueOf(t % 97));
        return big;
    }

    private static final String[][] READS = {
        {"GET", "s"}, {"GET", "n"}, {"EXPIRETIME", "ttl"}, {"PEXPIRETIME", "gone"}, {"TTL", "s"}, {"TYPE", "src"}, {"STRLEN", "big"},
        {"TS.RANGE", "src", "-", "+"}, {"TS.RANGE", "dst", "-", "+"}, {"TS.GET", "src"}, {"TS.GET", "dst", "LATEST"},
        {"TS.QUERYINDEX", "sym=A"}, {"TS.QUERYINDEX", "sym=B"}, {"TS.MRANGE", "-", "+", "WITHLABELS", "FILTER", "sym=A"},
        {"TS.INFO", "src"}, {"TS.INFO", "dst"}, {"KLINE.RANGE", "px:k", "1m", "-", "+"}, {"KLINE.INFO", "px:k"}, {"DBSIZE"},
    };

    private static Map<String, String> snapshot(RawClient c) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] r : READS) {
            // memoryUsage counts the chunks as they lie in memory: the head chunk is decoded anew at recovery
            out.put(String.join(" ", r), c.call(r).replaceAll("memoryUsage\r\n:\\d+", "memoryUsage\r\n:_"));
        }
        String[] keys = c.call("KEYS", "*").split("\r\n");
        Arrays.sort(keys);
        out.put("KEYS *", String.join(",", keys));
        return out;
    }

    @Test
    @Covers("debug")
    void everyKindOfDataIsTheSameAfterAReloadWithAndWithoutCheckpoint() throws Exception {
        try (TestServer server = TestServer.start(ConfigFields.ENABLE_DEBUG_COMMAND, "yes"); RawClient c = new RawClient(server.port())) {
            byte[] big = fill(c);
            Map<String, String> before = snapshot(c);
            assertThat(before.get("TS.RANGE dst - +")).startsWith("*428\r\n"); // 429 samples, one per bucket, the last one open
            assertThat(before.get("KLINE.RANGE px:k 1m - +")).isNotEqualTo("*0\r\n");

            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
            assertThat(snapshot(c)).isEqualTo(before);
            assertThat(c.callBytes(b("GET"), b("big"))).isEqualTo(bulk(big));
            String keys = c.call("DBSIZE");
            assertThat(c.call("INFO", "persistence")).contains("rdb_last_load_keys_loaded:" + keys.substring(1, keys.length() - 2) + "\r\n");

            // writes after the reload go to the reopened store, and NOSAVE replays them from the op log
            assertThat(c.call("INCR", "n")).isEqualTo(":42\r\n");
            assertThat(c.call("TS.ADD", "src", "300000", "5")).isEqualTo(":300000\r\n");
            before = snapshot(c);
            assertThat(c.call("DEBUG", "RELOAD", "nosave")).isEqualTo("+OK\r\n");
            assertThat(snapshot(c)).isEqualTo(before);
            assertThat(c.call("INFO", "persistence")).doesNotContain("recovery_replayed_ops:0\r\n");
            assertThat(c.call("DEBUG", "RELOAD", "MERGE", "NOSAVE")).isEqualTo("+OK\r\n");
            assertThat(snapshot(c)).isEqualTo(before);
            assertThat(c.callBytes(b("GET"), b("big"))).isEqualTo(bulk(big));
        }
    }

    private static byte[] bulk(byte[] value) {
        byte[] head = ("$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + value.length + 2);
        System.arraycopy(value, 0, out, head.length, value.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    @Test
    void optionsAreRedisOnesAndNoflushIsRefused() throws Exception {
        try (TestServer server = TestServer.start(ConfigFields.ENABLE_DEBUG_COMMAND, "yes"); RawClient c = new RawClient(server.port())) {
            assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEBUG", "RELOAD", "MERGE", "FOO")).isEqualTo("-ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.\r\n");
            assertThat(c.call("DEBUG", "RELOAD", "NOFLUSH")).isEqualTo("-ERR DEBUG RELOAD NOFLUSH is not supported: the store reopened is the "
                    + "data set in memory, there is no other RDB file to load over it\r\n");
            assertThat(c.call("DEBUG", "RELOAD", "NOFLUSH", "NOSAVE", "MERGE")).startsWith("-ERR DEBUG RELOAD NOFLUSH is not supported");
            assertThat(c.call("DEBUG", "RELOAD", "merge")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
            assertThat(c.call("DEBUG", "HELP")).contains("+RELOAD [option ...]\r\n");
        }
    }

    @Test
    void refusedUnlessEnabledAndLocalAllowsLoopback() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo(REFUSED);
            assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
        }
        try (TestServer server = TestServer.start(ConfigFields.ENABLE_DEBUG_COMMAND, "local"); RawClient c = new RawClient(server.port())) {
            assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
        }
    }

    /**
     * Writers on other connections (other event loops too) keep going through three reloads: each
     * command waits while the store is swapped, then succeeds; none is lost or answered twice.
     */
    @Test
    void clientsConnectedDuringAReloadWaitAndThenSucceed() throws Exception {
        try (TestServer server = TestServer.start(ConfigFields.ENABLE_DEBUG_COMMAND, "yes", ConfigFields.IO_THREADS, "4");
             RawClient admin = new RawClient(server.port())) {
            for (int i = 0; i < 200; i++) admin.call("TS.ADD", "series:" + (i % 20), String.valueOf(i), "1");
            int writers = 3;
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<String> wrong = new AtomicReference<>();
            AtomicLong[] acked = new AtomicLong[writers];
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                AtomicLong count = acked[w] = new AtomicLong();
                String key = "counter:" + w;
                Thread t = new Thread(() -> {
                    try (RawClient c = new RawClient(server.port())) {
                        while (!stop.get()) {
                            String reply = c.call("INCR", key);
                            if (!reply.equals(":" + (count.get() + 1) + "\r\n")) {
                                wrong.compareAndSet(null, key + " answered " + reply + " after " + count.get());
                                return;
                            }
                            count.incrementAndGet();
                        }
                    } catch (Exception e) {
                        wrong.compareAndSet(null, key + ": " + e);
                    }
                });
                t.start();
                threads.add(t);
            }
            while (Arrays.stream(acked).anyMatch(a -> a.get() < 50) && wrong.get() == null) Thread.sleep(5);
            for (int i = 0; i < 3; i++) {
                long before = Arrays.stream(acked).mapToLong(AtomicLong::get).sum();
                assertThat(admin.call("DEBUG", "RELOAD", i == 1 ? "NOSAVE" : "MERGE")).isEqualTo("+OK\r\n");
                // the writers go on after each reload
                while (Arrays.stream(acked).mapToLong(AtomicLong::get).sum() < before + 3 * writers && wrong.get() == null) Thread.sleep(5);
            }
            stop.set(true);
            for (Thread t : threads) t.join(30_000);
            assertThat(wrong.get()).isNull();
            for (int w = 0; w < writers; w++) {
                assertThat(admin.call("GET", "counter:" + w)).isEqualTo("$" + String.valueOf(acked[w].get()).length() + "\r\n" + acked[w].get() + "\r\n");
            }
        }
    }

    @Test
    void aPipelinedCommandRunsAfterTheReloadAndWatchedKeysAreTouched() throws Exception {
        try (TestServer server = TestServer.start(ConfigFields.ENABLE_DEBUG_COMMAND, "yes", ConfigFields.BATCH_FLUSH_INTERVAL_MS, "600000");
             RawClient c = new RawClient(server.port()); RawClient watcher = new RawClient(server.port());
             RawClient batcher = new RawClient(server.port())) {
            assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(watcher.call("WATCH", "k", "nosuch")).isEqualTo("+OK\r\n");
            // a BATCH_SET batch open across the reload: still staged after it, flushed once by its connection
            assertThat(c.call("TS.CREATE", "b", "DUPLICATE_POLICY", "SUM")).isEqualTo("+OK\r\n");
            assertThat(batcher.call("BATCH_SET", "b", "5", "1000")).isEqualTo("+OK\r\n");

            c.send(RawClient.command("DEBUG", "RELOAD") + RawClient.command("GET", "k"));
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.readReply()).isEqualTo("$1\r\nv\r\n");

            assertThat(watcher.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(watcher.call("SET", "k", "w")).isEqualTo("+QUEUED\r\n");
            assertThat(watcher.call("EXEC")).isEqualTo("*-1\r\n"); // as Redis: the reload emptied the data set under WATCH
            assertThat(watcher.call("WATCH", "nosuch")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
            assertThat(watcher.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(watcher.call("SET", "k", "w")).isEqualTo("+QUEUED\r\n");
            assertThat(watcher.call("EXEC")).isEqualTo("*1\r\n+OK\r\n"); // a key that did not exist is not touched

            assertThat(c.call("TS.RANGE", "b", "-", "+")).isEqualTo("*0\r\n");
            assertThat(batcher.call("BATCH_FLUSH")).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.RANGE", "b", "-", "+")).isEqualTo("*1\r\n*2\r\n:1000\r\n+5\r\n");
        }
    }
}
