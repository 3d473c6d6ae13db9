package io.stocktsdb.it.cluster;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A cluster of real server processes on 127.0.0.1, one member per shard, slots split evenly as
 * Redis's create-cluster does; nodes are n0, n1, ... with small heaps so that a 2-core machine
 * runs them side by side.
 */
final class LocalCluster implements AutoCloseable {
    static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    final Path dir;
    final Path topology;
    final int[] ports;
    final int[] raftPorts;
    final List<ServerProcess> nodes = new ArrayList<>();

    private LocalCluster(Path dir, int shards) throws IOException {
        this.dir = dir;
        this.topology = dir.resolve("topology.json");
        this.ports = new int[shards];
        this.raftPorts = new int[shards];
        for (int i = 0; i < shards; i++) {
            ports[i] = ServerProcess.freePort();
            raftPorts[i] = ServerProcess.freePort();
        }
        Files.writeString(topology, topologyJson(1));
    }

    /** Starts {@code shards} nodes and waits until each says cluster_state:ok. */
    static LocalCluster start(Path dir, int shards) throws IOException, InterruptedException {
        LocalCluster c = new LocalCluster(dir, shards);
        try {
            for (int i = 0; i < shards; i++) c.nodes.add(c.startNode(i));
            for (int i = 0; i < shards; i++) c.awaitOk(i);
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Slot range start of shard {@code i} of {@code n}: 16384 split as evenly as Redis does. */
    static int firstSlot(int i, int n) { return (int) ((long) i * 16384 / n); }

    String topologyJson(long version) {
        StringBuilder sb = new StringBuilder("{\"version\":" + version + ",\"shards\":[");
        int n = ports.length;
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"raft_group_id\":\"").append(new UUID(0x5106, i)).append("\",\"slots\":[[")
                    .append(firstSlot(i, n)).append(',').append(firstSlot(i + 1, n) - 1).append("]],\"members\":[")
                    .append("{\"node_id\":\"n").append(i).append("\",\"host\":\"127.0.0.1\",\"port\":").append(ports[i])
                    .append(",\"raft_port\":").append(raftPorts[i]).append("}]}");
        }
        return sb.append("]}").toString();
    }

    private ServerProcess startNode(int i) throws IOException, InterruptedException {
        Path data = dir.resolve("n" + i);
        Files.createDirectories(data);
        return ServerProcess.start(ports[i], JVM, data, dir.resolve("n" + i + ".log"),
                "--cluster-topology", topology.toString(), "--node-id", "n" + i, "--enable-debug-command", "local");
    }

    private void awaitOk(int i) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        try (RawClient c = new RawClient(ports[i])) {
            while (!c.call("CLUSTER", "INFO").contains("cluster_state:ok")) {
                if (System.currentTimeMillis() > deadline) throw new IOException("node n" + i + " never reached cluster_state:ok");
                Thread.sleep(100);
            }
        }
    }

    int port(int i) { return ports[i]; }

    @Override
    public void close() throws IOException {
        for (ServerProcess p : nodes) {
            try {
                p.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
