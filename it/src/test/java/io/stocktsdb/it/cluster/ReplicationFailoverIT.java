package io.stocktsdb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One shard of three real server processes replicating through Raft (default snapshot
 * settings), writers on several threads throughout: the leader killed with SIGKILL mid-write,
 * a new leader serving within the election timeouts, the old one restarted on its directory and
 * catching up from the log. Afterwards every acknowledged sample is on every member, the
 * per-slot digests are identical and nothing is present that was never written.
 */
class ReplicationFailoverIT {
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
    void leaderKilledMidWriteLosesNoAcknowledgedWrite() throws Exception {
        int leader = cluster.leaderOf(0, 30_000);
        AckedWriters writers = new AckedWriters("a", cluster.ports, 3, 4);
        try {
            Convergence.awaitAcks(writers, 200);
            cluster.kill9(leader);
            long before = writers.acknowledged.size();
            Convergence.awaitAcks(writers, before + 200);
            int newLeader = cluster.leaderOf(0, 30_000);
            assertThat(newLeader).isNotEqualTo(leader);
            cluster.startNode(leader);
            Convergence.awaitAcks(writers, writers.acknowledged.size() + 100);
        } finally {
            writers.close();
        }
        new Convergence().assertConverged(cluster, writers);
    }
}
