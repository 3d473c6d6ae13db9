package io.stocktsdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The crash-test loop shared by the kill -9 tests: in each round the real jar starts on the same
 * data directory, writer threads pipeline until it is killed -9 at a random moment, and a restart
 * must hold every write they saw acknowledged. Writers record acknowledgements here; an
 * IOException ends a writer quietly (the server died), any other failure fails the test.
 */
public final class KillNineRounds {
    /** A writer thread's body: pipelines until {@code stop} or until the connection dies. */
    public interface Writer {
        void write(int port, int round, int writer, AtomicBoolean stop) throws IOException;
    }

    /** Runs against a freshly started server: set-up before the writers, or the verification after a restart. */
    public interface ServerStep {
        void run(int port, int round) throws IOException;
    }

    /** Acknowledged writes: key -> (ts -> the value as the test renders it). */
    private final Map<String, Map<Long, String>> acked = new ConcurrentHashMap<>();
    private final List<Throwable> writerFailures = new CopyOnWriteArrayList<>();
    private final int clients;
    private final int acksBeforeKill;
    private final int killDelayMs;
    private final int killJitterMs;

    /**
     * @param acksBeforeKill acknowledgements each round waits for before its random delay: on a
     *     loaded machine the first replies can take seconds, and the kill must land mid-write
     */
    public KillNineRounds(int clients, int acksBeforeKill, int killDelayMs, int killJitterMs) {
        this.clients = clients;
        this.acksBeforeKill = acksBeforeKill;
        this.killDelayMs = killDelayMs;
        this.killJitterMs = killJitterMs;
    }

    public void acknowledge(String key, long ts, String value) {
        acked.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(ts, value);
    }

    public Map<String, Map<Long, String>> acknowledged() {
        return acked;
    }

    public int acknowledgedCount() {
        return acked.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Runs {@code rounds} kill -9 rounds; {@code writingArgs} start the server the writers see,
     * {@code restartArgs} the one each verification sees. Fails if a writer failed.
     */
    public void run(int rounds, long seed, String[] writingArgs, String[] restartArgs,
                    ServerStep setUp, Writer writer, ServerStep verify) throws Exception {
        Path dir = Files.createTempDirectory("stocktsdb-kill9");
        Path log = dir.resolve("server.log");
        Path data = dir.resolve("data");
        Random random = new Random(seed);
        try {
            for (int round = 0; round < rounds; round++) {
                try (ServerProcess server = ServerProcess.start(data, log, writingArgs)) {
                    setUp.run(server.port(), round);
                    AtomicBoolean stop = new AtomicBoolean();
                    List<Thread> writers = startWriters(server.port(), round, writer, stop);
                    awaitAcknowledgements(acknowledgedCount() + acksBeforeKill);
                    Thread.sleep(killDelayMs + random.nextInt(killJitterMs));
                    server.kill9();
                    stop.set(true);
                    for (Thread w : writers) w.join(30_000);
                }
                try (ServerProcess again = ServerProcess.start(data, log, restartArgs)) {
                    verify.run(again.port(), round);
                }
            }
            assertThat(writerFailures).isEmpty();
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    private List<Thread> startWriters(int port, int round, Writer writer, AtomicBoolean stop) {
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    writer.write(port, round, id, stop);
                } catch (IOException e) {
                    // the server was killed: everything read before this point was acknowledged
                } catch (Throwable e) {
                    writerFailures.add(e);
                }
            }, "kill9-writer-" + id);
            w.start();
            writers.add(w);
        }
        return writers;
    }

    private void awaitAcknowledgements(int target) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (acknowledgedCount() < target && writerFailures.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
    }
}
