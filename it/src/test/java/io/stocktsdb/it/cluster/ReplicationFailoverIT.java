package io.stocktsdb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One shard of three real server processes replicating through Raft (default timeouts and
 * snapshot settings), writers on several threads throughout. Five rounds of: the leader killed
 * with SIGKILL mid-write, a new leader serving, the old one restarted on its directory. Afterwards
 * every acknowledged sample is on every member, the per-slot digests are identical and nothing
 * is present that was never written. Then the minority side: a member whose two peers are dead
 * refuses writes (never acknowledges one) and still answers reads on a READONLY connection.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationFailoverIT {
    private static final int ROUNDS = 5;
    /** Under target/ rather than a temporary directory: the nodes' logs stay for a failure's diagnosis. */
    static Path dir;
    static ReplicatedCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "replication-failover-it-" + System.currentTimeMillis()));
        cluster = ReplicatedCluster.start(dir, 1, 3);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void leaderKilledMidWriteFiveTimesLosesNoAcknowledgedWrite() throws Exception {
        AckedWriters writers = new AckedWriters("a", cluster.ports, 3, 4);
        List<Integer> killed = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int leader = cluster.leaderOf(0, 30_000);
                Convergence.awaitAcks(writers, writers.acknowledged.size() + 30);
                cluster.kill9(leader);
                killed.add(leader);
                // a new leader among the two others acknowledges writes
                Convergence.awaitAcks(writers, writers.acknowledged.size() + 30);
                assertThat(cluster.leaderOf(0, 30_000)).isNotEqualTo(leader);
                cluster.startNode(leader);
                cluster.awaitCaughtUp(leader, 60_000);
            }
            Convergence.awaitAcks(writers, writers.acknowledged.size() + 30);
        } finally {
            writers.close();
        }
        assertThat(killed).hasSize(ROUNDS);
        new Convergence().assertConverged(cluster, writers);
    }

    @Test
    @Order(2)
    void minorityRefusesWritesAndStillServesReadonlyReads() throws Exception {
        int survivor = cluster.leaderOf(0, 30_000);
        try (RawClient c = new RawClient(cluster.port(survivor))) {
            assertThat(c.call("TS.ADD", "minority:k", "1", "1")).isEqualTo(":1\r\n");
        }
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < cluster.nodeCount(); i++) if (i != survivor) others.add(i);
        for (int i : others) cluster.kill9(i);
        try (RawClient c = new RawClient(cluster.port(survivor))) {
            // whether it still believes it leads (no majority to commit) or stepped down (no leader): refused
            assertThat(c.call("TS.ADD", "minority:k", "2", "2")).isEqualTo("-CLUSTERDOWN The cluster is down\r\n");
            assertThat(c.call("READONLY")).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.GET", "minority:k")).startsWith("*2\r\n:");
        }
        for (int i : others) cluster.startNode(i);
        int leader = cluster.leaderOf(0, 60_000);
        try (RawClient c = new RawClient(cluster.port(leader))) {
            assertThat(c.call("TS.ADD", "minority:k", "3", "3")).isEqualTo(":3\r\n");
        }
    }
}
