package io.stocktsdb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.stocktsdb.it.RawClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.timeseries.TSCreateParams;
import redis.clients.jedis.timeseries.TSElement;

/**
 * Two shards of three real server processes (Raft): JedisCluster and Lettuce's cluster client
 * write TS.ADD, TS.MADD and TSDB_SET across both shards from several threads while TS.MRANGE runs
 * through every node. Every MRANGE answered during the writes is whole (all series) or a
 * CLUSTERDOWN/TRYAGAIN error, never a partial answer; afterwards every node answers the same
 * cross-shard MRANGE (READONLY connections too, once the followers caught up), and every series
 * holds exactly the acknowledged samples. Then BATCH_SET/BATCH_FLUSH through the cluster, and a
 * shard's leader killed: queries fail with CLUSTERDOWN/TRYAGAIN until the new leader answers whole.
 */
class ReplicatedCrossShardIT {
    static Path dir;
    static ReplicatedCluster cluster;
    static final int SERIES = 12;
    static final long WRITE_MS = 8_000;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "replicated-cross-shard-it-" + System.currentTimeMillis()));
        cluster = ReplicatedCluster.start(dir, 2, 3);
        cluster.leaderOf(0, 60_000);
        cluster.leaderOf(1, 60_000);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static final ProtocolCommand TSDB_SET = () -> "TSDB_SET".getBytes(StandardCharsets.US_ASCII);
    private static final ProtocolCommand BATCH_SET = () -> "BATCH_SET".getBytes(StandardCharsets.US_ASCII);

    private enum Ts implements ProtocolKeyword {
        TS_ADD;

        @Override
        public byte[] getBytes() { return "TS.ADD".getBytes(StandardCharsets.US_ASCII); }
    }

    @Test
    void clusterClientsWriteAcrossShardsWhileMrangeRunsThroughEveryNode() throws Exception {
        Set<HostAndPort> seeds = Set.of(new HostAndPort("127.0.0.1", cluster.port(0)), new HostAndPort("127.0.0.1", cluster.port(3)));
        Map<String, Set<Long>> acked = new ConcurrentHashMap<>();
        Map<String, Set<Long>> tried = new ConcurrentHashMap<>();
        RedisClusterClient lettuce = RedisClusterClient.create(RedisURI.create("127.0.0.1", cluster.port(4)));
        try (JedisCluster jc = new JedisCluster(seeds, 10_000, 10_000, 5, new redis.clients.jedis.ConnectionPoolConfig());
             StatefulRedisClusterConnection<String, String> lc = lettuce.connect()) {
            for (int i = 0; i < SERIES; i++) {
                jc.tsCreate(key(i), TSCreateParams.createParams().labels(Map.of("grp", String.valueOf(i % 3), "it", "rq")));
            }
            long end = System.currentTimeMillis() + WRITE_MS;
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (long ts = 1; System.currentTimeMillis() < end; ts++) {
                        String k = key((int) ((ts * 2 + thread) % SERIES));
                        String tagged = "{rq" + thread + "}m";
                        record(tried, k, ts * 10 + thread);
                        jc.tsAdd(k, ts * 10 + thread, ts);
                        record(acked, k, ts * 10 + thread);
                        if (ts % 3 == 0) {
                            jc.tsMAdd(Map.entry(tagged + "a", new TSElement(ts, ts)), Map.entry(tagged + "b", new TSElement(ts, ts)));
                            String seed = "rt:" + thread + ":" + ts % 5;
                            byte[] k2 = seed.getBytes(StandardCharsets.UTF_8);
                            assertThat(jc.sendCommand(k2, TSDB_SET, k2, String.valueOf(1_760_000_000 + ts).getBytes(), "1.5".getBytes()))
                                    .isEqualTo("OK".getBytes());
                        }
                    }
                    return null;
                }));
            }
            writers.add(pool.submit(() -> {
                for (long ts = 1; System.currentTimeMillis() < end; ts++) {
                    String k = key((int) (ts % SERIES));
                    long stamp = ts * 10 + 5;
                    record(tried, k, stamp);
                    Long r = lc.sync().dispatch(Ts.TS_ADD, new IntegerOutput<>(StringCodec.UTF8),
                            new CommandArgs<>(StringCodec.UTF8).addKey(k).add(stamp).add(ts));
                    assertThat(r).isEqualTo(stamp);
                    record(acked, k, stamp);
                }
                return null;
            }));
            AtomicInteger whole = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            Future<?> reader = pool.submit(() -> {
                RawClient[] nodes = new RawClient[cluster.nodeCount()];
                try {
                    for (int i = 0; i < nodes.length; i++) nodes[i] = new RawClient(cluster.port(i));
                    while (System.currentTimeMillis() < end) {
                        for (RawClient n : nodes) {
                            String reply = n.call("TS.MRANGE", "-", "+", "FILTER", "it=rq");
                            if (reply.startsWith("-")) {
                                assertThat(reply).matches("-(CLUSTERDOWN|TRYAGAIN) [^\\r]*\\r\\n");
                                refused.incrementAndGet();
                            } else {
                                assertThat(reply).startsWith("*" + SERIES + "\r\n");
                                whole.incrementAndGet();
                            }
                        }
                    }
                } finally {
                    for (RawClient n : nodes) if (n != null) n.close();
                }
                return null;
            });
            for (Future<?> w : writers) w.get(120, TimeUnit.SECONDS);
            reader.get(120, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(whole.get()).as("whole MRANGE answers during the writes (refused: %s)", refused.get())
                    .isGreaterThanOrEqualTo(cluster.nodeCount());

            // every node answers the same cross-shard MRANGE, and it holds exactly the acknowledged samples
            String expected;
            try (RawClient n0 = new RawClient(cluster.port(0))) {
                expected = n0.call("TS.MRANGE", "-", "+", "FILTER", "it=rq");
            }
            assertThat(expected).startsWith("*" + SERIES + "\r\n");
            for (int i = 0; i < cluster.nodeCount(); i++) {
                try (RawClient n = new RawClient(cluster.port(i))) {
                    assertThat(n.call("TS.MRANGE", "-", "+", "FILTER", "it=rq")).as("through n%d", i).isEqualTo(expected);
                }
            }
            for (int i = 0; i < cluster.nodeCount(); i++) awaitReadonlyAnswer(i, expected);
            for (int i = 0; i < SERIES; i++) {
                Set<Long> present = new HashSet<>();
                jc.tsRange(key(i), 0, Long.MAX_VALUE).forEach(e -> present.add(e.getTimestamp()));
                Set<Long> ack = acked.getOrDefault(key(i), Set.of());
                assertThat(present).as("%s holds every acknowledged sample", key(i)).containsAll(ack);
                assertThat(tried.getOrDefault(key(i), Set.of())).as("%s holds nothing never written", key(i)).containsAll(present);
            }

            // BATCH_SET is routed by its key and written through; BATCH_FLUSH answers on any node, a follower too
            for (int i = 0; i < 4; i++) {
                byte[] k = ("rb:" + i).getBytes(StandardCharsets.UTF_8);
                assertThat(jc.sendCommand(k, BATCH_SET, k, "2.5".getBytes(), "1760000000".getBytes())).isEqualTo("OK".getBytes());
            }
            int follower = cluster.leaderOf(0, 30_000) == 0 ? 1 : 0;
            try (RawClient f = new RawClient(cluster.port(follower))) {
                assertThat(f.call("BATCH_FLUSH")).isEqualTo("+OK\r\n");
            }
            for (int i = 0; i < 4; i++) assertThat(jc.tsRange("rb:" + i, 0, Long.MAX_VALUE)).hasSize(1);

            // the leader of shard 1 killed: a query through shard 0 asks again until the new leader answers whole
            int leader1 = cluster.leaderOf(1, 30_000);
            try (RawClient n = new RawClient(cluster.port(cluster.leaderOf(0, 30_000)))) {
                assertThat(n.call("CONFIG", "SET", "cluster-query-timeout-ms", "3000")).isEqualTo("+OK\r\n");
                cluster.kill9(leader1);
                long deadline = System.currentTimeMillis() + 60_000;
                String reply;
                do {
                    reply = n.call("TS.MRANGE", "-", "+", "FILTER", "it=rq");
                    if (reply.startsWith("-")) assertThat(reply).matches("-(CLUSTERDOWN|TRYAGAIN) [^\\r]*\\r\\n");
                } while (!reply.equals(expected) && System.currentTimeMillis() < deadline);
                assertThat(reply).as("after the failover of shard 1").isEqualTo(expected);
            }
        } finally {
            lettuce.shutdown(java.time.Duration.ZERO, java.time.Duration.ofSeconds(2));
        }
    }

    /** A READONLY connection to node {@code i} answers from its own (possibly stale) copy of its shard: it converges. */
    private static void awaitReadonlyAnswer(int i, String expected) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        try (RawClient n = new RawClient(cluster.port(i))) {
            assertThat(n.call("READONLY")).isEqualTo("+OK\r\n");
            String last;
            do {
                last = n.call("TS.MRANGE", "-", "+", "FILTER", "it=rq");
                if (last.equals(expected)) return;
                Thread.sleep(200);
            } while (System.currentTimeMillis() < deadline);
            assertThat(last).as("READONLY through n%d", i).isEqualTo(expected);
        }
    }

    private static String key(int i) {
        return "rq:" + i;
    }

    private static void record(Map<String, Set<Long>> m, String key, long ts) {
        m.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(ts);
    }
}
