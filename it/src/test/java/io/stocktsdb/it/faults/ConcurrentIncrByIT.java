package io.stocktsdb.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.ServerProcess;
import io.stocktsdb.it.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * TS.INCRBY/TS.DECRBY without TIMESTAMP from many connections on one series: every call succeeds
 * (the clock is read where the calls are ordered) and no update is lost.
 */
class ConcurrentIncrByIT {
    private static final int CLIENTS = 16;
    private static final int CALLS = 1500;

    @Test
    void concurrentIncrementsWithoutTimestampNeverFailAndNeverLoseAnUpdate() throws Exception {
        Path dir = Files.createTempDirectory("stocktsdb-incrby");
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), dir.resolve("server.log"))) {
            List<String> unexpected = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < CLIENTS; t++) {
                String command = t % 4 == 3 ? "TS.DECRBY" : "TS.INCRBY";
                Thread th = new Thread(() -> {
                    try (RawClient c = new RawClient(server.port())) {
                        for (int i = 0; i < CALLS; i++) {
                            String reply = c.call(command, "stock:race", "1");
                            if (!reply.startsWith(":")) unexpected.add(reply);
                        }
                    } catch (Exception e) {
                        unexpected.add(e.toString());
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) th.join(120_000);
            assertThat(unexpected).isEmpty();
            int decrementers = CLIENTS / 4;
            long expected = (long) (CLIENTS - 2 * decrementers) * CALLS;
            try (RawClient c = new RawClient(server.port())) {
                String reply = c.call("TS.GET", "stock:race");
                assertThat(reply).endsWith("+" + expected + "\r\n");
            }
        } finally {
            TestServer.deleteTree(dir);
        }
    }
}
