package io.stocktsdb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Checks a replicated shard's members against everything writers tried and were acknowledged. */
final class Convergence {
    private final Set<String> attempted = new HashSet<>();
    private final Set<String> acknowledged = new HashSet<>();

    static void awaitAcks(AckedWriters w, long count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (w.acknowledged.size() < count) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("only " + w.acknowledged.size() + " acknowledged writes");
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the members hold the same data, then checks it: every acknowledged sample of
     * every writer so far on every member, nothing that was never tried, values as written.
     */
    void assertConverged(ReplicatedCluster cluster, AckedWriters writers) throws Exception {
        attempted.addAll(writers.attempted);
        acknowledged.addAll(writers.acknowledged);
        List<ReplicaDigest> digests = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            digests.clear();
            for (int i = 0; i < cluster.nodeCount(); i++) digests.add(ReplicaDigest.read(cluster.port(i)));
            boolean same = digests.stream().allMatch(d -> Objects.equals(d.perSlot, digests.get(0).perSlot));
            if (same || System.currentTimeMillis() > deadline) break;
            Thread.sleep(250);
        }
        for (ReplicaDigest d : digests) {
            assertThat(d.perSlot).isEqualTo(digests.get(0).perSlot);
            assertThat(d.badValues).isEmpty();
            assertThat(d.samples).containsAll(acknowledged);
            assertThat(attempted).containsAll(d.samples);
        }
        assertThat(acknowledged).isNotEmpty();
    }
}
