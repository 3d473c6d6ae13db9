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
 * Real server processes on 127.0.0.1 forming {@code shards} Raft groups of {@code members}
 * nodes each (node {@code s*members+m} is member m of shard s), slots split as create-cluster
 * does. Nodes can be killed with SIGKILL and restarted on their directory.
 */
final class ReplicatedCluster implements AutoCloseable {
    final Path dir;
    final Path topology;
    final int shards;
    final int members;
    final int[] ports;
    final int[] raftPorts;
    final ServerProcess[] nodes;
    private final String[] extraArgs;

    private ReplicatedCluster(Path dir, int shards, int members, String... extraArgs) throws IOException {
        this.dir = dir;
        this.topology = dir.resolve("topology.json");
        this.shards = shards;
        this.members = members;
        int n = shards * members;
        this.ports = new int[n];
        this.raftPorts = new int[n];
        this.nodes = new ServerProcess[n];
        this.extraArgs = extraArgs;
        for (int i = 0; i < n; i++) {
            ports[i] = ServerProcess.freePort();
            raftPorts[i] = ServerProcess.freePort();
        }
        Files.writeString(topology, topologyJson());
    }

    /** Starts every node and waits until each says cluster_state:ok. */
    static ReplicatedCluster start(Path dir, int shards, int members, String... extraArgs) throws IOException, InterruptedException {
        ReplicatedCluster c = new ReplicatedCluster(dir, shards, members, extraArgs);
        try {
            for (int i = 0; i < c.nodes.length; i++) c.startNode(i);
            for (int i = 0; i < c.nodes.length; i++) c.awaitOk(i, 90_000);
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private String topologyJson() {
        StringBuilder sb = new StringBuilder("{\"version\":1,\"shards\":[");
        for (int s = 0; s < shards; s++) {
            if (s > 0) sb.append(',');
            sb.append("{\"raft_group_id\":\"").append(new UUID(0x7a17, s)).append("\",\"slots\":[[")
                    .append(LocalCluster.firstSlot(s, shards)).append(',').append(LocalCluster.firstSlot(s + 1, shards) - 1)
                    .append("]],\"members\":[");
            for (int m = 0; m < members; m++) {
                int i = s * members + m;
                if (m > 0) sb.append(',');
                sb.append("{\"node_id\":\"n").append(i).append("\",\"host\":\"127.0.0.1\",\"port\":").append(ports[i])
                        .append(",\"raft_port\":").append(raftPorts[i]).append('}');
            }
            sb.append("]}");
        }
        return sb.append("]}").toString();
    }

    void startNode(int i) throws IOException, InterruptedException {
        Path data = dir.resolve("n" + i);
        Files.createDirectories(data);
        List<String> args = new ArrayList<>(List.of("--cluster-topology", topology.toString(), "--node-id", "n" + i));
        args.addAll(List.of(extraArgs));
        try {
            nodes[i] = ServerProcess.start(ports[i], LocalCluster.JVM, data, log(i), args.toArray(String[]::new));
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; log of n" + i + ":\n" + tail(log(i)), e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<String> interesting = lines.stream().filter(l -> l.contains("ERROR") || l.contains("WARN") || l.contains("Exception")
                || l.startsWith("\tat ") || l.contains("raft")).toList();
        return String.join("\n", interesting.subList(Math.max(0, interesting.size() - 60), interesting.size()));
    }

    Path log(int i) {
        return dir.resolve("n" + i + ".log");
    }

    void kill9(int i) throws InterruptedException {
        nodes[i].kill9();
        nodes[i] = null;
    }

    void awaitOk(int i, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try (RawClient c = new RawClient(ports[i])) {
            while (!c.call("CLUSTER", "INFO").contains("cluster_state:ok")) {
                if (System.currentTimeMillis() > deadline) throw new IOException("node n" + i + " never reached cluster_state:ok");
                Thread.sleep(100);
            }
        }
    }

    /** The node that says it leads shard {@code shard} ("myself,master" in its CLUSTER NODES), waiting for one. */
    int leaderOf(int shard, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            for (int m = 0; m < members; m++) {
                int i = shard * members + m;
                if (nodes[i] == null) continue;
                try (RawClient c = new RawClient(ports[i])) {
                    if (c.call("CLUSTER", "NODES").contains("myself,master")) return i;
                } catch (IOException e) {
                    // starting or dying: ask the others
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("shard " + shard + " has no leader");
    }

    /**
     * Waits until node {@code i} applied everything its shard's leader had committed when called:
     * a restarted member must hold the log before the next leader is killed (Ratis ignores the
     * vote of a member whose log is empty, so two live members of which one has no log elect nobody).
     */
    void awaitCaughtUp(int i, long timeoutMs) throws IOException, InterruptedException {
        int shard = i / members;
        long target = shardIndex(leaderOf(shard, timeoutMs), shard, "commit_index");
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (shardIndex(i, shard, "applied_index") < target) {
            if (System.currentTimeMillis() > deadline) throw new IOException("node n" + i + " did not catch up to index " + target);
            Thread.sleep(100);
        }
    }

    private long shardIndex(int i, int shard, String field) throws IOException {
        try (RawClient c = new RawClient(ports[i])) {
            for (String line : c.call("CLUSTER_INFO").split("\r\n")) {
                if (!line.startsWith("shard" + shard + ":")) continue;
                for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
                    if (kv.startsWith(field + "=")) return Long.parseLong(kv.substring(field.length() + 1));
                }
            }
        } catch (IOException e) {
            return -1; // still starting
        }
        return -1;
    }

    int port(int i) { return ports[i]; }

    int nodeCount() { return nodes.length; }

    @Override
    public void close() {
        for (ServerProcess p : nodes) {
            if (p == null) continue;
            try {
                p.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
