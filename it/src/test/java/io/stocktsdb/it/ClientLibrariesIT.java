package io.stocktsdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.ClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** Real clients: Jedis (RESP2), Lettuce (RESP3, pipelining), redis-cli (inline and -3). */
@WithServer
class ClientLibrariesIT {
    static TestServer server;

    @Test
    void jedisResp2() {
        try (Jedis j = new Jedis("127.0.0.1", server.port())) {
            assertThat(j.ping()).isEqualTo("PONG");
            assertThat(j.set("jedis:k", "v")).isEqualTo("OK");
            assertThat(j.get("jedis:k")).isEqualTo("v");
            assertThat(j.incrBy("jedis:n", 5)).isEqualTo(5L);
            assertThat(j.exists("jedis:k", "jedis:n", "nope")).isEqualTo(2L);
            assertThat(j.type("jedis:k")).isEqualTo("string");
            assertThat(j.clientSetname("jedis-test")).isEqualTo("OK");
            assertThat(j.clientGetname()).isEqualTo("jedis-test");
            assertThat(j.info("server")).contains("redis_version:8.2.5");
            assertThat(j.time()).hasSize(2);
            Pipeline p = j.pipelined();
            List<Response<String>> rs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                p.set("jedis:p" + i, "v" + i);
                rs.add(p.get("jedis:p" + i));
            }
            p.sync();
            for (int i = 0; i < 500; i++) assertThat(rs.get(i).get()).isEqualTo("v" + i);
            assertThat(j.del("jedis:k", "jedis:n")).isEqualTo(2L);
        }
    }

    @Test
    void lettuceResp3WithPipelining() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> sync = conn.sync();
            assertThat(sync.ping()).isEqualTo("PONG");
            assertThat(sync.set("lettuce:k", "v")).isEqualTo("OK");
            assertThat(sync.get("lettuce:k")).isEqualTo("v");
            assertThat(sync.clientId()).isPositive();
            assertThat(sync.info("clients")).contains("connected_clients:");
            assertThat(sync.configGet("maxclients")).containsEntry("maxclients", "10000");
            RedisAsyncCommands<String, String> async = conn.async();
            conn.setAutoFlushCommands(false);
            List<RedisFuture<?>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) futures.add(async.incr("lettuce:counter"));
            conn.flushCommands();
            for (int i = 0; i < 1000; i++) {
                assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((long) i + 1);
            }
            conn.setAutoFlushCommands(true);
            assertThat(sync.get("lettuce:counter")).isEqualTo("1000");
        } finally {
            client.shutdown();
        }
    }

    private static String redisCli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(server.port())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void redisCliInlineAndResp3() throws Exception {
        assertThat(redisCli("PING")).isEqualTo("PONG\n");
        assertThat(redisCli("SET", "cli:k", "hello world")).isEqualTo("OK\n");
        assertThat(redisCli("GET", "cli:k")).isEqualTo("hello world\n");
        assertThat(redisCli("-3", "HELLO", "3")).contains("proto").contains("3");
        assertThat(redisCli("-3", "GET", "cli:k")).isEqualTo("hello world\n");
        assertThat(redisCli("-3", "CONFIG", "GET", "maxclients")).isEqualTo("maxclients 10000\n");
        assertThat(redisCli("NOSUCH")).startsWith("ERR unknown command 'NOSUCH', with args beginning with: ");
        // inline: commands typed into a pipe, as a telnet user would
        Process p = new ProcessBuilder("redis-cli", "-p", String.valueOf(server.port())).redirectErrorStream(true).start();
        p.getOutputStream().write("ECHO \"two words\"\nINCR cli:n\nINCR cli:n\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("two words\n1\n2\n");
    }
}
