package io.stocktsdb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One shard of three real server processes with frequent snapshots (every 300 entries) and
 * small Raft log segments (32 KB), so the log is purged behind a stopped member: a follower is
 * killed with SIGKILL, writers go on, and once restarted it must install the leader's snapshot
 * (a RocksDB checkpoint shipped by Ratis) before it catches up from the log. Then the same for
 * the leader, killed mid-write (its log may hold entries never committed, which the new leader's
 * log replaces) and restarted after the new leader purged its log past them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotInstallIT {
    static Path dir;
    static ReplicatedCluster cluster;
    /** Everything every test's writers tried: each check covers the samples of the tests before it too. */
    static final Convergence convergence = new Convergence();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "snapshot-install-it-" + System.currentTimeMillis()));
        cluster = ReplicatedCluster.start(dir, 1, 3, "--raft-snapshot-entries", "300", "--raft-log-segment-size", "32kb");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void followerBehindThePurgedLogInstallsASnapshot() throws Exception {
        int leader = cluster.leaderOf(0, 30_000);
        int follower = (leader + 1) % 3;
        AckedWriters warmUp = new AckedWriters("a", cluster.ports, 2, 4);
        try {
            Convergence.awaitAcks(warmUp, 100);
        } finally {
            warmUp.close();
        }
        convergence.assertConverged(cluster, warmUp);
        cluster.kill9(follower);
        AckedWriters writers = new AckedWriters("b", cluster.ports, 3, 4);
        try {
            // enough entries for several snapshots and closed segments to purge
            Convergence.awaitAcks(writers, 1500);
            cluster.startNode(follower);
            Convergence.awaitAcks(writers, writers.acknowledged.size() + 100);
        } finally {
            writers.close();
        }
        convergence.assertConverged(cluster, writers);
        assertThat(Files.readString(cluster.log(follower))).contains("raft snapshot loaded into the engine");
    }

    @Test
    @Order(2)
    void oldLeaderBehindThePurgedLogCatchesUp() throws Exception {
        int leader = cluster.leaderOf(0, 30_000);
        AckedWriters writers = new AckedWriters("c", cluster.ports, 3, 4);
        try {
            Convergence.awaitAcks(writers, 100);
            cluster.kill9(leader);
            Convergence.awaitAcks(writers, writers.acknowledged.size() + 1500);
            cluster.startNode(leader);
            Convergence.awaitAcks(writers, writers.acknowledged.size() + 100);
        } finally {
            writers.close();
        }
        convergence.assertConverged(cluster, writers);
    }
}
