package io.stocktsdb.it.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.ServerProcess;
import io.stocktsdb.it.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 at a random moment while several clients pipeline TSDB_SET and BATCH_SET/BATCH_FLUSH;
 * after a restart every acknowledged point is present with its value and quality.
 */
class CrashRecoveryIT {
    private static final int CLIENTS = 4;
    private static final int PIPELINE = 50;

    /** An acknowledged point: key -> (ts -> "value/quality"). */
    private final Map<String, Map<Long, String>> acked = new ConcurrentHashMap<>();
    private final List<Throwable> writerFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"always", "everysec"})
    void everyAcknowledgedPointSurvivesKill9(String appendfsync) throws Exception {
        Path dir = Files.createTempDirectory("stocktsdb-crash");
        Path log = dir.resolve("server.log");
        Path data = dir.resolve("data");
        Random random = new Random(42);
        try {
            for (int round = 0; round < 3; round++) {
                try (ServerProcess server = ServerProcess.start(data, log, "--appendfsync", appendfsync, "--batch-size", "64")) {
                    AtomicBoolean stop = new AtomicBoolean();
                    List<Thread> writers = new ArrayList<>();
                    for (int t = 0; t < CLIENTS; t++) {
                        int id = round * CLIENTS + t;
                        Thread w = new Thread(() -> write(server.port(), id, stop), "writer-" + id);
                        w.start();
                        writers.add(w);
                    }
                    awaitAcknowledgements(ackedPoints() + 200);
                    Thread.sleep(200 + random.nextInt(800));
                    server.kill9();
                    stop.set(true);
                    for (Thread w : writers) w.join(30_000);
                }
                try (ServerProcess again = ServerProcess.start(data, log, "--appendfsync", appendfsync)) {
                    verify(again.port());
                }
            }
            assertThat(writerFailures).isEmpty();
            assertThat(ackedPoints()).as("acknowledged points").isGreaterThan(1000);
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    private int ackedPoints() {
        return acked.values().stream().mapToInt(Map::size).sum();
    }

    /** Kill only once the writers are really running: on a loaded machine the first replies can take seconds. */
    private void awaitAcknowledgements(int target) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (ackedPoints() < target && writerFailures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Pipelines batches of commands until the connection dies; records what was acknowledged. */
    private void write(int port, int id, AtomicBoolean stop) {
        String tsdbKey = "stock:crash:" + id;
        String batchKey = "iot:crash:" + id;
        long ts = 1_000;
        try (RawClient c = new RawClient(port)) {
            while (!stop.get()) {
                StringBuilder pipeline = new StringBuilder();
                List<String[]> sent = new ArrayList<>();
                for (int i = 0; i < PIPELINE; i++) {
                    ts++;
                    int quality = (int) (ts % 101);
                    String value = ts + "." + (id % 10) + "5";
                    if (i % 2 == 0) {
                        pipeline.append(RawClient.command("TSDB_SET", tsdbKey, Long.toString(ts), value, "double", Integer.toString(quality)));
                        sent.add(new String[] {tsdbKey, Long.toString(ts), value + "/" + quality});
                    } else {
                        pipeline.append(RawClient.command("BATCH_SET", batchKey, value, Long.toString(ts)));
                        sent.add(new String[] {batchKey, Long.toString(ts), value + "/100"});
                    }
                }
                pipeline.append(RawClient.command("BATCH_FLUSH"));
                c.send(pipeline.toString());
                for (String[] s : sent) {
                    String reply = c.readReply();
                    assertThat(reply).isEqualTo("+OK\r\n");
                    acked.computeIfAbsent(s[0], k -> new ConcurrentHashMap<>()).put(Long.parseLong(s[1]), s[2]);
                }
                assertThat(c.readReply()).isEqualTo("+OK\r\n");
            }
        } catch (IOException e) {
            // the server was killed: everything read before this point was acknowledged
        } catch (Throwable t) {
            writerFailures.add(t);
        }
    }

    private void verify(int port) throws IOException {
        try (RawClient c = new RawClient(port)) {
            for (Map.Entry<String, Map<Long, String>> e : acked.entrySet()) {
                Map<Long, String> stored = read(c, e.getKey());
                for (Map.Entry<Long, String> p : e.getValue().entrySet()) {
                    assertThat(stored.get(p.getKey())).as("%s @ %d", e.getKey(), p.getKey()).isEqualTo(p.getValue());
                }
            }
        }
    }

    private static Map<Long, String> read(RawClient c, String key) throws IOException {
        String reply = c.call("TSDB_GET", key, "-", "+", "WITHQUALITY");
        String[] lines = reply.split("\r\n");
        Map<Long, String> out = new HashMap<>();
        // *N, then $len/ts, $len/value, $len/quality triples
        for (int i = 1; i + 5 < lines.length + 1; i += 6) {
            long ts = Long.parseLong(lines[i + 1]);
            out.put(ts, lines[i + 3] + "/" + lines[i + 5]);
        }
        return out;
    }
}
