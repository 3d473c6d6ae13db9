package io.stocktsdb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.engine.key.HashSlot;
import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real server processes, one shard each (slots 0-5460, 5461-10921, 10922-16383): the
 * CLUSTER family answers the topology, keyed commands are served by their slot's node and
 * redirected elsewhere with Redis's exact texts, transactions are routed as a whole.
 */
class ClusterRoutingIT {
    @TempDir
    static Path dir;
    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(dir, 3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    static int slot(String key) { return HashSlot.of(key.getBytes(StandardCharsets.UTF_8)); }

    /** The node serving {@code key}. */
    static int owner(String key) {
        int s = slot(key);
        for (int i = 2; i >= 0; i--) if (s >= LocalCluster.firstSlot(i, 3)) return i;
        throw new AssertionError();
    }

    /** A key of {@code node} other than the excluded ones, found by counting. */
    static String keyOf(int node, String prefix) {
        for (int i = 0; ; i++) if (owner(prefix + i) == node) return prefix + i;
    }

    @Test
    void clusterCommandsDescribeTheTopology() throws Exception {
        int p0 = cluster.port(0), p1 = cluster.port(1), p2 = cluster.port(2);
        try (RawClient c = new RawClient(p1)) {
            assertThat(c.call("CLUSTER", "MYID")).isEqualTo("$2\r\nn1\r\n");
            assertThat(c.call("CLUSTER", "KEYSLOT", "foo")).isEqualTo(":12182\r\n");
            assertThat(c.call("CLUSTER", "KEYSLOT", "{user1000}.following")).isEqualTo(":" + slot("user1000") + "\r\n");
            assertThat(c.call("CLUSTER", "INFO")).isEqualTo(bulk("cluster_state:ok\r\ncluster_slots_assigned:16384\r\n"
                    + "cluster_slots_ok:16384\r\ncluster_slots_pfail:0\r\ncluster_slots_fail:0\r\ncluster_known_nodes:3\r\n"
                    + "cluster_size:3\r\ncluster_current_epoch:0\r\ncluster_my_epoch:0\r\n"));
            assertThat(c.call("CLUSTER", "SLOTS")).isEqualTo("*3\r\n"
                    + "*3\r\n:0\r\n:5460\r\n" + node(p0, "n0")
                    + "*3\r\n:5461\r\n:10921\r\n" + node(p1, "n1")
                    + "*3\r\n:10922\r\n:16383\r\n" + node(p2, "n2"));
            assertThat(c.call("CLUSTER", "NODES")).isEqualTo(bulk(
                    "n0 127.0.0.1:" + p0 + "@" + cluster.raftPorts[0] + " master - 0 0 0 connected 0-5460\n"
                    + "n1 127.0.0.1:" + p1 + "@" + cluster.raftPorts[1] + " myself,master - 0 0 0 connected 5461-10921\n"
                    + "n2 127.0.0.1:" + p2 + "@" + cluster.raftPorts[2] + " master - 0 0 0 connected 10922-16383\n"));
            String shards = c.call("CLUSTER", "SHARDS");
            assertThat(shards).startsWith("*3\r\n*4\r\n$5\r\nslots\r\n*2\r\n:0\r\n:5460\r\n$5\r\nnodes\r\n*1\r\n*14\r\n$2\r\nid\r\n$2\r\nn0\r\n"
                    + "$4\r\nport\r\n:" + p0 + "\r\n$2\r\nip\r\n$9\r\n127.0.0.1\r\n$8\r\nendpoint\r\n$9\r\n127.0.0.1\r\n"
                    + "$4\r\nrole\r\n$6\r\nmaster\r\n$18\r\nreplication-offset\r\n:0\r\n$6\r\nhealth\r\n$6\r\nonline\r\n");
            assertThat(c.call("CLUSTER", "MYSHARDID")).matches("\\$40\r\n[0-9a-f]{40}\r\n");
            assertThat(c.call("CLUSTER", "HELP")).startsWith("*23\r\n+CLUSTER <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n");
            assertThat(c.call("CLUSTER", "COUNTKEYSINSLOT", "16384")).isEqualTo("-ERR Invalid slot\r\n");
            assertThat(c.call("CLUSTER", "GETKEYSINSLOT", "1", "-1")).isEqualTo("-ERR Invalid slot or number of keys\r\n");
            assertThat(c.call("CLUSTER", "COUNTKEYSINSLOT", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
            String info = c.call("INFO", "cluster");
            assertThat(info).contains("cluster_enabled:1\r\ncluster_state:ok\r\ncluster_topology_version:1\r\ncluster_myself:n1\r\ncluster_my_shard:1\r\n"
                    + "cluster_peers_with_other_topology:-\r\n");
            assertThat(info).containsPattern("shard1:role=leader,term=0,leader=n1,commit_index=\\d+,applied_index=\\d+,follower_lag=-1,"
                    + "snapshot_index=-1,snapshot_age_ms=-1,slots=5461-10921,members=1\r\n");
            assertThat(info).contains("shard0:role=none,term=0,leader=n0,commit_index=-1,applied_index=-1,follower_lag=-1,"
                    + "snapshot_index=-1,snapshot_age_ms=-1,slots=0-5460,members=1\r\n");
            assertThat(c.call("INFO", "replication")).contains("role:master\r\nconnected_slaves:0\r\n");
            String seed = c.call("CLUSTER_INFO");
            assertThat(seed).contains("$10\r\nnode_id:n1\r\n$16\r\ncluster_state:ok\r\n$14\r\ncluster_size:3\r\n")
                    .contains("$17\r\ncluster_enabled:1\r\n$20\r\ncluster_mode:cluster\r\n$21\r\ncluster_known_nodes:3\r\n")
                    .contains("topology_version:1\r\n").contains("role:leader\r\n")
                    .contains("shard2:slots=10922-16383,raft_group=00000000-0000-5106-0000-000000000002,leader=n2,term=0,commit_index=-1,applied_index=-1\r\n")
                    .contains("member_n0:addr=127.0.0.1:" + p0 + ",raft_port=" + cluster.raftPorts[0] + ",shard=0,role=leader,match_index=-1,lag=-1,link=connected\r\n");
        }
    }

    @Test
    void keysAreServedByTheirSlotsNodeAndMovedElsewhere() throws Exception {
        String k0 = keyOf(0, "route:"), k2 = keyOf(2, "route:");
        try (RawClient n0 = new RawClient(cluster.port(0)); RawClient n2 = new RawClient(cluster.port(2))) {
            assertThat(n0.call("SET", k0, "v0")).isEqualTo("+OK\r\n");
            assertThat(n0.call("GET", k2)).isEqualTo("-MOVED " + slot(k2) + " 127.0.0.1:" + cluster.port(2) + "\r\n");
            assertThat(n0.call("TS.ADD", k2, "1", "1")).isEqualTo("-MOVED " + slot(k2) + " 127.0.0.1:" + cluster.port(2) + "\r\n");
            assertThat(n2.call("TS.ADD", k2, "1", "1.5")).isEqualTo(":1\r\n");
            assertThat(n2.call("GET", k0)).isEqualTo("-MOVED " + slot(k0) + " 127.0.0.1:" + cluster.port(0) + "\r\n");
            assertThat(n0.call("MSET", k0, "a", k2, "b")).isEqualTo("-CROSSSLOT Keys in request don't hash to the same slot\r\n");
            assertThat(n0.call("DEL", "{t}a", "{t}b")).isEqualTo("-MOVED " + slot("t") + " 127.0.0.1:" + cluster.port(owner("t")) + "\r\n");
            assertThat(n0.call("PING")).isEqualTo("+PONG\r\n");
            // label-filtered queries gather every shard's part (CrossShardQueryIT covers the replies)
            for (String cmd : new String[] {"TS.MRANGE", "TS.MREVRANGE"}) {
                assertThat(n0.call(cmd, "-", "+", "FILTER", "a=b")).isEqualTo("*0\r\n");
            }
            assertThat(n0.call("TS.MGET", "FILTER", "a=b")).isEqualTo("*0\r\n");
            assertThat(n2.call("TS.QUERYINDEX", "a=b")).isEqualTo("*0\r\n");
            assertThat(n0.call("CLUSTER", "COUNTKEYSINSLOT", String.valueOf(slot(k0)))).isEqualTo(":1\r\n");
            assertThat(n0.call("CLUSTER", "GETKEYSINSLOT", String.valueOf(slot(k0)), "10")).isEqualTo("*1\r\n$" + k0.length() + "\r\n" + k0 + "\r\n");
            assertThat(n0.call("CLUSTER", "GETKEYSINSLOT", String.valueOf(slot(k0)), "0")).isEqualTo("*0\r\n");
            assertThat(n0.call("CLUSTER", "COUNTKEYSINSLOT", String.valueOf(slot(k2)))).isEqualTo(":0\r\n");
            // a refused command counts as rejected, as Redis's rejected_calls
            assertThat(n0.call("INFO", "commandstats")).containsPattern("cmdstat_mset:calls=0,.*rejected_calls=1,");
        }
    }

    @Test

    @Covers({"readonly", "readwrite", "asking"})
    void readonlyReadwriteAndAskingAreConnectionState() throws Exception {
        String k2 = keyOf(2, "ro:");
        try (RawClient c = new RawClient(cluster.port(0))) {
            assertThat(c.call("READONLY")).isEqualTo("+OK\r\n");
            assertThat(c.call("CLIENT", "INFO")).contains(" flags=r ");
            // a one-member shard has no follower here: another shard's keys still move
            assertThat(c.call("GET", k2)).startsWith("-MOVED " + slot(k2) + " ");
            assertThat(c.call("READWRITE")).isEqualTo("+OK\r\n");
            assertThat(c.call("CLIENT", "INFO")).contains(" flags=N ");
            assertThat(c.call("ASKING")).isEqualTo("+OK\r\n");
            assertThat(c.call("READONLY", "x")).isEqualTo("-ERR wrong number of arguments for 'readonly' command\r\n");
        }
    }

    @Test
    void transactionsAreRoutedAsAWhole() throws Exception {
        String a = keyOf(0, "tx:"), b = keyOf(0, a + ":"), far = keyOf(1, "tx:");
        assertThat(slot(a)).isNotEqualTo(slot(b));
        try (RawClient c = new RawClient(cluster.port(0))) {
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", a, "1")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("GET", far)).isEqualTo("-MOVED " + slot(far) + " 127.0.0.1:" + cluster.port(1) + "\r\n");
            assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", a, "1")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("SET", b, "2")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("-CROSSSLOT Keys in request don't hash to the same slot\r\n");
            assertThat(c.call("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
            assertThat(c.call("EXISTS", a)).isEqualTo(":0\r\n");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", "{" + a + "}x", "1")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("PING")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("GET", a)).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*3\r\n+OK\r\n+PONG\r\n$-1\r\n");
        }
    }

    @Test
    void startUpRefusesABadTopologyNamingTheProblem() throws Exception {
        // the cluster's own file, for a node it does not list
        assertThat(refusal("--cluster-topology", cluster.topology.toString(), "--node-id", "n9", "--port", "1"))
                .contains("stocktsdb: start-up failed: cluster topology " + cluster.topology + ": node_id 'n9' is not a member of any shard");
        assertThat(refusal("--cluster-topology", cluster.topology.toString(), "--node-id", "n0", "--port", "1"))
                .contains("stocktsdb: start-up failed: port 1 differs from node 'n0''s port " + cluster.port(0));
        java.nio.file.Path holes = dir.resolve("holes.json");
        java.nio.file.Files.writeString(holes, cluster.topologyJson(1).replace("[[0,5460]]", "[[0,5000]]"));
        assertThat(refusal("--cluster-topology", holes.toString(), "--node-id", "n0", "--port", String.valueOf(cluster.port(0))))
                .contains("slots 5001-5460 are not assigned to any shard; the ranges must cover 0-16383 exactly once");
        // a node started on version 2 of the file while its peers run version 1
        int free = io.stocktsdb.it.ServerProcess.freePort();
        java.nio.file.Path v2 = dir.resolve("v2.json");
        java.nio.file.Files.writeString(v2, cluster.topologyJson(2).replace("\"port\":" + cluster.port(0) + ",", "\"port\":" + free + ","));
        assertThat(refusal("--cluster-topology", v2.toString(), "--node-id", "n0", "--port", String.valueOf(free)))
                .contains("stocktsdb: start-up failed: topology version 2 differs from peer n1 (127.0.0.1:" + cluster.port(1)
                        + "), which runs version 1; every node must load the same topology file");
    }

    @Test
    void debugReloadIsRefusedInClusterMode() throws Exception {
        try (RawClient c = new RawClient(cluster.port(0))) {
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("-ERR DEBUG RELOAD is not available in cluster mode: the shard's replicated "
                    + "state machine owns the store (restart the node instead)\r\n");
            assertThat(c.call("DEBUG", "SLEEP", "0")).isEqualTo("+OK\r\n");
        }
    }

    /** Runs the jar expecting it to refuse to start: exit status 1; returns its output. */
    private static String refusal(String... args) throws Exception {
        java.util.List<String> cmd = io.stocktsdb.it.ServerProcess.command(LocalCluster.JVM);
        cmd.addAll(java.util.List.of("--data-dir", dir.resolve("refused").toString(), "--metrics-port", "0"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        return out;
    }

    private static String bulk(String text) {
        return "$" + text.length() + "\r\n" + text + "\r\n";
    }

    private static String node(int port, String id) {
        return "*4\r\n$9\r\n127.0.0.1\r\n:" + port + "\r\n$" + id.length() + "\r\n" + id + "\r\n*0\r\n";
    }
}
