package io.stocktsdb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/stocktsdb.sh cluster start/status/stop against the real jar: two one-member shards. */
class ClusterScriptIT {
    private static final Path SCRIPT = Path.of("..", "bin", "stocktsdb.sh").toAbsolutePath().normalize();
    @TempDir
    Path dir;

    record Result(int exit, String output) {}

    private Result script(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), "cluster"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("STOCKTSDB_JAR", new File(System.getProperty("stocktsdb.jar", "../server/target/stocktsdb.jar")).getAbsolutePath());
        pb.environment().put("STOCKTSDB_HEAP_OPTS", String.join(" ", LocalCluster.JVM));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    /** A base port whose RESP, Raft (+10000) and metrics (+20000) ports are free for two nodes. */
    private static int freeBase() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 40000);
            if (free(base) && free(base + 1) && free(base + 10000) && free(base + 10001) && free(base + 20000) && free(base + 20001)) {
                return base;
            }
        }
        throw new IOException("no free base port");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void startStatusRestartAndStopALocalCluster() throws Exception {
        int base = freeBase();
        String d = dir.resolve("c").toString();
        Result start = script("start", "--dir", d, "--shards", "2", "--members", "1", "--port", String.valueOf(base));
        assertThat(start.exit()).as(start.output()).isZero();
        assertThat(start.output()).containsPattern("node1 127\\.0\\.0\\.1:" + base + " \\d+ 0 leader\n")
                .containsPattern("node2 127\\.0\\.0\\.1:" + (base + 1) + " \\d+ 1 leader\n")
                .contains("connect with: redis-cli -c -p " + base);
        String topology = Files.readString(dir.resolve("c/topology.json"));
        assertThat(topology).contains("\"slots\": [[0, 8191]]").contains("\"slots\": [[8192, 16383]]")
                .contains("\"raft_port\": " + (base + 10000));
        try (RawClient c = new RawClient(base)) {
            assertThat(c.call("CLUSTER", "INFO")).contains("cluster_state:ok\r\n").contains("cluster_known_nodes:2\r\n");
            assertThat(c.call("GET", "foo")).isEqualTo("-MOVED 12182 127.0.0.1:" + (base + 1) + "\r\n");
        }

        long pid2 = Long.parseLong(Files.readString(dir.resolve("c/node2/pid")).trim());
        ProcessHandle.of(pid2).ifPresent(ProcessHandle::destroyForcibly);
        for (int i = 0; i < 100 && ProcessHandle.of(pid2).map(ProcessHandle::isAlive).orElse(false); i++) Thread.sleep(50);
        Result status = script("status", "--dir", d);
        assertThat(status.exit()).isEqualTo(3);
        assertThat(status.output()).contains("node2 127.0.0.1:" + (base + 1) + " - 1 not-running\n")
                .containsPattern("node1 127\\.0\\.0\\.1:" + base + " \\d+ 0 leader\n");

        Result again = script("start", "--dir", d);
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).startsWith("started: node2\n").containsPattern("node2 127\\.0\\.0\\.1:" + (base + 1) + " \\d+ 1 leader\n");

        Result stop = script("stop", "--dir", d);
        assertThat(stop.exit()).as(stop.output()).isZero();
        assertThat(stop.output()).contains("stopped 2 member(s)");
        Result after = script("status", "--dir", d);
        assertThat(after.exit()).isEqualTo(3);
        assertThat(after.output()).contains("node1 127.0.0.1:" + base + " - 0 not-running\n");
        assertThat(free(base)).isTrue();
    }

    @Test
    void refusesWithoutADirOrWithBadNumbers() throws Exception {
        Result noDir = script("start");
        assertThat(noDir.exit()).isEqualTo(2);
        assertThat(noDir.output()).contains("usage:");
        Result bad = script("start", "--dir", dir.resolve("x").toString(), "--shards", "two");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.output()).contains("--shards, --members and --port take numbers");
        Result none = script("status", "--dir", dir.resolve("empty").toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.output()).contains("no cluster in");
    }
}
