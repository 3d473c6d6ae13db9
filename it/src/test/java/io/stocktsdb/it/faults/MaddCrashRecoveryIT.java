package io.stocktsdb.it.faults;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bulk-load path: clients pipeline TS.MADD commands over many series (logged as one op-log
 * record per run of samples) while the real jar is killed -9 at a random moment, across
 * checkpoints (every 5 s by default) and restarts; afterwards every acknowledged sample is there
 * with its value. A series shared by all writers (SUM policy, each writer its own timestamps)
 * would show a sample replayed twice.
 */
class MaddCrashRecoveryIT {
    private static final int CLIENTS = 3;
    private static final int OWN_SERIES = 40;
    private static final int PIPELINE = 20;

    /** Acknowledged samples: key -> (ts -> value as the server prints it). */
    private final Map<String, Map<Long, String>> acked = new ConcurrentHashMap<>();
    private final List<Throwable> writerFailures = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"always", "everysec"})
    void everyAcknowledgedSampleSurvivesKill9(String appendfsync) throws Exception {
        Path dir = Files.createTempDirectory("stocktsdb-madd-crash");
        Path log = dir.resolve("server.log");
        Path data = dir.resolve("data");
        Random random = new Random(7);
        try {
            for (int round = 0; round < 3; round++) {
                try (ServerProcess server = ServerProcess.start(data, log, "--appendfsync", appendfsync)) {
                    if (round == 0) createSeries(server.port());
                    AtomicBoolean stop = new AtomicBoolean();
                    List<Thread> writers = new ArrayList<>();
                    for (int t = 0; t < CLIENTS; t++) {
                        int id = t;
                        long firstTs = 1_000_000L * (round + 1);
                        Thread w = new Thread(() -> write(server.port(), id, firstTs, stop), "madd-writer-" + id);
                        w.start();
                        writers.add(w);
                    }
                    awaitAcknowledgements(ackedSamples() + 2_000);
                    Thread.sleep(500 + random.nextInt(5_000));
                    server.kill9();
                    stop.set(true);
                    for (Thread w : writers) w.join(30_000);
                }
                try (ServerProcess again = ServerProcess.start(data, log, "--appendfsync", appendfsync)) {
                    verify(again.port());
                }
            }
            assertThat(writerFailures).isEmpty();
            assertThat(ackedSamples()).as("acknowledged samples").isGreaterThan(10_000);
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    private static String own(int writer, int i) {
        return "stock:madd:" + writer + ":" + i;
    }

    private static String shared(int i) {
        return "stock:madd:shared:" + i;
    }

    private static void createSeries(int port) throws IOException {
        try (RawClient c = new RawClient(port)) {
            for (int w = 0; w < CLIENTS; w++) {
                for (int i = 0; i < OWN_SERIES; i++) assertThat(c.call("TS.CREATE", own(w, i), "DUPLICATE_POLICY", "LAST")).isEqualTo("+OK\r\n");
            }
            for (int i = 0; i < 5; i++) assertThat(c.call("TS.CREATE", shared(i), "DUPLICATE_POLICY", "SUM")).isEqualTo("+OK\r\n");
        }
    }

    private int ackedSamples() {
        return acked.values().stream().mapToInt(Map::size).sum();
    }

    private void awaitAcknowledgements(int target) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (ackedSamples() < target && writerFailures.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
    }

    /**
     * Pipelines TS.MADDs (one sample for each own series, then one for each shared series at a
     * timestamp only this writer uses) until the connection dies; records what was acknowledged.
     */
    private void write(int port, int writer, long firstTs, AtomicBoolean stop) {
        long step = firstTs;
        try (RawClient c = new RawClient(port)) {
            while (!stop.get()) {
                StringBuilder pipeline = new StringBuilder();
                List<List<String[]>> sent = new ArrayList<>();
                for (int p = 0; p < PIPELINE; p++, step++) {
                    List<String> args = new ArrayList<>(List.of("TS.MADD"));
                    List<String[]> samples = new ArrayList<>();
                    for (int i = 0; i < OWN_SERIES; i++) {
                        String value = (step % 1000) + "." + (1 + i % 9) + (1 + writer);
                        args.addAll(List.of(own(writer, i), Long.toString(step), value));
                        samples.add(new String[] {own(writer, i), Long.toString(step), value});
                    }
                    for (int i = 0; i < 5; i++) {
                        long ts = step * CLIENTS + writer;
                        args.addAll(List.of(shared(i), Long.toString(ts), "1.5"));
                        samples.add(new String[] {shared(i), Long.toString(ts), "1.5"});
                    }
                    pipeline.append(RawClient.command(args.toArray(new String[0])));
                    sent.add(samples);
                }
                c.send(pipeline.toString());
                for (List<String[]> samples : sent) {
                    StringBuilder expected = new StringBuilder("*" + samples.size() + "\r\n");
                    for (String[] s : samples) expected.append(':').append(s[1]).append("\r\n");
                    assertThat(c.readReply()).isEqualTo(expected.toString());
                    for (String[] s : samples) acked.computeIfAbsent(s[0], k -> new ConcurrentHashMap<>()).put(Long.parseLong(s[1]), s[2]);
                }
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
                    String value = stored.get(p.getKey());
                    assertThat(value).as("%s @ %d", e.getKey(), p.getKey()).isNotNull();
                    // compared as numbers: RESP2 prints 0.21 as 2.1E-1, as RedisTimeSeries does
                    assertThat(Double.parseDouble(value)).as("%s @ %d", e.getKey(), p.getKey()).isEqualTo(Double.parseDouble(p.getValue()));
                }
            }
        }
    }

    /** TS.RANGE's RESP2 reply as ts -> value text. */
    private static Map<Long, String> read(RawClient c, String key) throws IOException {
        String[] lines = c.call("TS.RANGE", key, "-", "+").split("\r\n");
        Map<Long, String> out = new HashMap<>();
        for (int i = 1; i + 2 < lines.length; i += 3) out.put(Long.parseLong(lines[i + 1].substring(1)), lines[i + 2].substring(1));
        return out;
    }
}
