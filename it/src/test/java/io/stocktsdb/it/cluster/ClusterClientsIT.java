package io.stocktsdb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.stocktsdb.engine.key.HashSlot;
import io.stocktsdb.it.RawClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.timeseries.TSElement;

/**
 * Real cluster clients against two real server processes (one shard each): JedisCluster and
 * Lettuce's RedisClusterClient discover the slots and follow them, redis-cli follows MOVED
 * with -c, and {@code redis-cli --cluster check} accepts the cluster.
 */
class ClusterClientsIT {
    @TempDir
    static Path dir;
    static LocalCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.start(dir, 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
    }

    static int owner(String key) {
        return HashSlot.of(key.getBytes(StandardCharsets.UTF_8)) >= LocalCluster.firstSlot(1, 2) ? 1 : 0;
    }

    /** Keys on this node: DBSIZE of each node. */
    static long dbsize(int node) throws Exception {
        try (RawClient c = new RawClient(cluster.port(node))) {
            String r = c.call("DBSIZE");
            return Long.parseLong(r.substring(1).trim());
        }
    }

    @Test
    void jedisClusterWritesAcrossShardsFromSeveralThreads() throws Exception {
        int threads = 4, keysPerThread = 6, samples = 10;
        try (JedisCluster jc = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", cluster.port(0))), 5000, 5000, 3,
                new redis.clients.jedis.ConnectionPoolConfig())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < keysPerThread; k++) {
                        String key = "jc:" + thread + ":" + k;
                        for (int s = 1; s <= samples; s++) assertThat(jc.tsAdd(key, s, s * 1.5)).isEqualTo(s);
                        // TS.MADD over two series that share a hash tag, hence a slot
                        String tag = "{jm" + thread + "-" + k + "}";
                        jc.tsAdd(tag + "a", 0, 0);
                        jc.tsAdd(tag + "b", 0, 0);
                        assertThat(jc.tsMAdd(Map.entry(tag + "a", new TSElement(1, 1)), Map.entry(tag + "b", new TSElement(1, 2))))
                                .containsExactly(1L, 1L);
                        assertThat(jc.sendCommand(("jt:" + thread + ":" + k).getBytes(StandardCharsets.UTF_8), TSDB_SET,
                                ("jt:" + thread + ":" + k).getBytes(StandardCharsets.UTF_8), "1760319177".getBytes(), "100.5".getBytes()))
                                .isEqualTo("OK".getBytes());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
            pool.shutdown();
            long expected = 0;
            int[] perNode = new int[2];
            for (int t = 0; t < threads; t++) {
                for (int k = 0; k < keysPerThread; k++) {
                    String key = "jc:" + t + ":" + k;
                    assertThat(jc.tsRange(key, 0, 100)).hasSize(samples);
                    String tag = "{jm" + t + "-" + k + "}";
                    perNode[owner(key)]++;
                    perNode[owner(tag + "a")] += 2;
                    perNode[owner("jt:" + t + ":" + k)]++;
                    expected += 4;
                }
            }
            // each key lives on its slot's node only
            assertThat(perNode[0]).isPositive();
            assertThat(perNode[1]).isPositive();
            assertThat(dbsize(0) + dbsize(1)).isGreaterThanOrEqualTo(expected);
            assertThat(countPrefixed(0, "j")).isEqualTo(perNode[0]);
            assertThat(countPrefixed(1, "j")).isEqualTo(perNode[1]);
        }
    }

    private static final ProtocolCommand TSDB_SET = () -> "TSDB_SET".getBytes(StandardCharsets.US_ASCII);

    /** This node's keys starting with {@code {j} or {@code j}. */
    private static long countPrefixed(int node, String prefix) throws Exception {
        try (RawClient c = new RawClient(cluster.port(node))) {
            String plain = c.call("KEYS", prefix + "*");
            String tagged = c.call("KEYS", "{" + prefix + "*");
            return Long.parseLong(plain.substring(1, plain.indexOf('\r'))) + Long.parseLong(tagged.substring(1, tagged.indexOf('\r')));
        }
    }

    private enum Ts implements ProtocolKeyword {
        TS_ADD("TS.ADD");

        private final byte[] bytes;

        Ts(String name) { this.bytes = name.getBytes(StandardCharsets.US_ASCII); }

        @Override
        public byte[] getBytes() { return bytes; }

        @Override
        public String toString() { return new String(bytes, StandardCharsets.US_ASCII); }
    }

    @Test
    void lettuceClusterClientSeesThePartitionsAndFollowsSlots() {
        RedisClusterClient client = RedisClusterClient.create(RedisURI.create("127.0.0.1", cluster.port(1)));
        try (StatefulRedisClusterConnection<String, String> conn = client.connect()) {
            RedisAdvancedClusterCommands<String, String> sync = conn.sync();
            assertThat(client.getPartitions().size()).isEqualTo(2);
            for (RedisClusterNode n : client.getPartitions()) {
                assertThat(n.is(RedisClusterNode.NodeFlag.UPSTREAM)).isTrue();
                assertThat(n.getSlots()).hasSize(8192);
            }
            for (int i = 0; i < 50; i++) assertThat(sync.set("lt:" + i, "v" + i)).isEqualTo("OK");
            for (int i = 0; i < 50; i++) assertThat(sync.get("lt:" + i)).isEqualTo("v" + i);
            for (int i = 0; i < 20; i++) {
                String key = "lts:" + i;
                Long ts = sync.dispatch(Ts.TS_ADD, new IntegerOutput<>(StringCodec.UTF8),
                        new CommandArgs<>(StringCodec.UTF8).addKey(key).add(1000).add(i));
                assertThat(ts).isEqualTo(1000L);
            }
            assertThat(sync.clusterKeyslot("foo")).isEqualTo(12182L);
            assertThat(sync.clusterMyId()).isIn("n0", "n1");
        } finally {
            client.shutdown(java.time.Duration.ZERO, java.time.Duration.ofSeconds(2));
        }
    }

    @Test
    void redisCliFollowsMovedAndClusterCheckPasses() throws Exception {
        assumeTrue(new File("/usr/bin/redis-cli").canExecute() || onPath("redis-cli"), "redis-cli is not installed");
        String key = "cli:" + 0;
        int other = 1 - owner(key);
        assertThat(run("redis-cli", "-p", String.valueOf(cluster.port(other)), "SET", key, "v")).startsWith("MOVED ");
        assertThat(run("redis-cli", "-c", "-p", String.valueOf(cluster.port(other)), "SET", key, "v")).isEqualTo("OK\n");
        assertThat(run("redis-cli", "-c", "-p", String.valueOf(cluster.port(other)), "GET", key)).isEqualTo("v\n");
        String check = run("redis-cli", "--cluster", "check", "127.0.0.1:" + cluster.port(0));
        assertThat(check).contains("[OK] All nodes agree about slots configuration.").contains("[OK] All 16384 slots covered.")
                .doesNotContain("[ERR]").doesNotContain("[WARNING]");
        assertThat(lastExit).isZero();
    }

    private static int lastExit;

    private static boolean onPath(String exe) {
        for (String d : System.getenv("PATH").split(File.pathSeparator)) if (new File(d, exe).canExecute()) return true;
        return false;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        lastExit = p.exitValue();
        return out;
    }
}
