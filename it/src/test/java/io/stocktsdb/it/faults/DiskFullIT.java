package io.stocktsdb.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.ServerProcess;
import io.stocktsdb.it.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The data directory on a small tmpfs, filled by pipelined SET and TS.ADD: every write gets a
 * reply (acknowledged or MISCONF), reads go on, writes resume by themselves once space is freed,
 * and after kill -9 every acknowledged write is there and no refused one. Needs root to mount a
 * tmpfs (CI runs as root); elsewhere it is skipped.
 */
class DiskFullIT {
    private static final int VALUE_BYTES = 16 * 1024;
    private static final int PIPELINE = 20;

    @Test
    void aFullDiskRefusesWritesWithMisconfLosesNothingAndResumesBySelf() throws Exception {
        Path mount = Files.createTempDirectory("stocktsdb-diskfull");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", mount.toString()), "mounting a tmpfs needs root");
        Path log = Files.createTempFile("stocktsdb-diskfull", ".log");
        try {
            Path data = mount.resolve("data");
            List<Integer> acked = new ArrayList<>();
            int[] ackedSamples = {0};
            int firstRefused;
            try (ServerProcess server = ServerProcess.start(data, log); RawClient c = new RawClient(server.port())) {
                firstRefused = fillUntilRefused(c, acked, ackedSamples);
                assertThat(acked).hasSizeGreaterThan(100);
                assertThat(c.call("GET", "k0")).hasSize(VALUE_BYTES + 10);
                assertThat(c.call("TS.GET", "stock:full")).startsWith("*2\r\n");
                assertThat(c.call("PING")).startsWith("-MISCONF Errors writing to the op log: No space left on device");
                assertThat(c.call("INFO", "persistence")).contains("aof_last_write_status:err");

                assertThat(run("mount", "-o", "remount,size=96m", mount.toString())).isTrue();
                long freedAt = System.nanoTime();
                String reply = c.call("SET", "after", "1");
                while (!reply.equals("+OK\r\n") && System.nanoTime() - freedAt < TimeUnit.SECONDS.toNanos(10)) {
                    Thread.sleep(50);
                    reply = c.call("SET", "after", "1");
                }
                assertThat(reply).isEqualTo("+OK\r\n");
                assertThat(System.nanoTime() - freedAt).as("writes resume within 5 s").isLessThan(TimeUnit.SECONDS.toNanos(5));
                assertThat(c.call("INFO", "persistence")).contains("aof_last_write_status:ok");
                server.kill9();
            }
            try (ServerProcess again = ServerProcess.start(data, log); RawClient c = new RawClient(again.port())) {
                for (int n : acked) assertThat(c.call("EXISTS", "k" + n)).as("acknowledged k%d", n).isEqualTo(":1\r\n");
                assertThat(c.call("EXISTS", "k" + firstRefused)).as("refused k%d", firstRefused).isEqualTo(":0\r\n");
                assertThat(c.call("TS.RANGE", "stock:full", "-", "+")).startsWith("*" + ackedSamples[0] + "\r\n");
            }
        } finally {
            run("umount", mount.toString());
            TestServer.deleteTree(mount);
            Files.deleteIfExists(log);
        }
    }

    /**
     * Pipelines SET kN and TS.ADD stock:full N until a whole batch is refused; every reply is an
     * acknowledgement or MISCONF. Returns the first refused N.
     */
    private static int fillUntilRefused(RawClient c, List<Integer> acked, int[] ackedSamples) throws IOException {
        String value = "v".repeat(VALUE_BYTES);
        int n = 0;
        int firstRefused = -1;
        while (true) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < PIPELINE; i++) {
                batch.append(RawClient.command("SET", "k" + (n + i), value));
                batch.append(RawClient.command("TS.ADD", "stock:full", Integer.toString(n + i + 1), "1"));
            }
            c.send(batch.toString());
            int refusedInBatch = 0;
            for (int i = 0; i < PIPELINE; i++) {
                String set = c.readReply();
                String add = c.readReply();
                boolean setOk = set.equals("+OK\r\n");
                boolean addOk = add.equals(":" + (n + i + 1) + "\r\n");
                if (!setOk) assertThat(set).startsWith("-MISCONF Errors writing to the op log: No space left on device");
                if (!addOk) assertThat(add).startsWith("-MISCONF Errors writing to the op log: No space left on device");
                if (setOk) acked.add(n + i);
                else if (firstRefused < 0) firstRefused = n + i;
                if (addOk) ackedSamples[0]++;
                if (!setOk && !addOk) refusedInBatch++;
            }
            n += PIPELINE;
            if (refusedInBatch == PIPELINE) return firstRefused;
            if (n > 100_000) throw new AssertionError("the disk never filled");
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
