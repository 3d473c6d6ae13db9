package io.stocktsdb.it.ts;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.ProtocolVersion;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * One server shared by every TS integration test (started once, stopped at JVM exit) so the suite
 * stays fast; tests isolate themselves with {@link #unique} key and label prefixes.
 */
final class TsServer {
    private static TestServer server;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TsServer() {}

    static synchronized TestServer get() {
        if (server == null) {
            server = TestServer.start(ConfigFields.APPENDFSYNC, "no");
            TestServer s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        }
        return server;
    }

    static int port() {
        return get().port();
    }

    /** A fresh name: {@code prefix-N}. */
    static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    /** Jedis (UnifiedJedis, the TimeSeries API) speaking RESP2 or RESP3. */
    static UnifiedJedis jedis(RedisProtocol protocol) {
        return new UnifiedJedis(new HostAndPort("127.0.0.1", port()),
                DefaultJedisClientConfig.builder().protocol(protocol).timeoutMillis(10_000).build());
    }

    static RawClient raw() {
        try {
            return new RawClient(port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw connection switched to RESP3 (the HELLO reply is consumed). */
    static RawClient raw3() {
        RawClient c = raw();
        try {
            c.call("HELLO", "3");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    /** Lettuce has no TimeSeries API: commands go through {@code dispatch} with a generic output. */
    static final class Lettuce implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;

        Lettuce(ProtocolVersion protocol) {
            client = RedisClient.create(RedisURI.create("127.0.0.1", port()));
            client.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
            connection = client.connect();
        }

        /** The reply as Lettuce's generic objects: Long, Double, String, List, Map, null. */
        Object call(String command, Object... args) {
            CommandArgs<String, String> a = new CommandArgs<>(StringCodec.UTF8);
            for (Object arg : args) a.add(String.valueOf(arg));
            return connection.sync().dispatch(keyword(command), new GenericOutput(), a);
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }

        private static ProtocolKeyword keyword(String name) {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            return new ProtocolKeyword() {
                @Override
                public byte[] getBytes() {
                    return bytes;
                }

                @Override
                public String toString() {
                    return name;
                }
            };
        }
    }
}
