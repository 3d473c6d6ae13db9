package io.stocktsdb.it.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.it.WithServer;
import org.junit.jupiter.api.Test;

/** Pub/Sub on the wire: confirmations, messages, RESP2 subscribed-state rules, RESP3 pushes, PUBSUB introspection. */
@WithServer
class PubSubIT {
    static TestServer server;

    static String bulk(String s) { return "$" + s.length() + "\r\n" + s + "\r\n"; }

    static String confirm(char type, String verb, String channel, int count) {
        return type + "3\r\n" + bulk(verb) + (channel == null ? (type == '>' ? "_\r\n" : "$-1\r\n") : bulk(channel)) + ":" + count + "\r\n";
    }

    static String message(char type, String channel, String payload) {
        return type + "3\r\n" + bulk("message") + bulk(channel) + bulk(payload);
    }

    private RawClient connect() throws Exception { return new RawClient(server.port()); }

    @Test
    @Covers({"subscribe", "unsubscribe", "publish", "ping"})
    void subscribeReceiveUnsubscribeInResp2() throws Exception {
        try (RawClient sub = connect(); RawClient pub = connect()) {
            sub.send(RawClient.command("SUBSCRIBE", "ticks:AAPL", "ticks:MSFT"));
            assertThat(sub.readReply()).isEqualTo(confirm('*', "subscribe", "ticks:AAPL", 1));
            assertThat(sub.readReply()).isEqualTo(confirm('*', "subscribe", "ticks:MSFT", 2));
            assertThat(pub.call("PUBLISH", "ticks:AAPL", "189.5")).isEqualTo(":1\r\n");
            assertThat(pub.call("PUBLISH", "ticks:nobody", "x")).isEqualTo(":0\r\n");
            assertThat(sub.readReply()).isEqualTo(message('*', "ticks:AAPL", "189.5"));
            // RESP2 subscribed state: only the subscription commands, PING and QUIT/RESET
            assertThat(sub.call("GET", "k")).isEqualTo("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n");
            assertThat(sub.call("CLIENT", "ID")).startsWith("-ERR Can't execute 'client|id': only (P|S)SUBSCRIBE");
            assertThat(sub.call("PING")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
            assertThat(sub.call("PING", "hi")).isEqualTo("*2\r\n$4\r\npong\r\n$2\r\nhi\r\n");
            assertThat(sub.call("SUBSCRIBE", "ticks:AAPL")).isEqualTo(confirm('*', "subscribe", "ticks:AAPL", 2));
            assertThat(sub.call("UNSUBSCRIBE", "ticks:none")).isEqualTo(confirm('*', "unsubscribe", "ticks:none", 2));
            sub.send(RawClient.command("UNSUBSCRIBE"));
            assertThat(sub.readReply()).isEqualTo(confirm('*', "unsubscribe", "ticks:AAPL", 1));
            assertThat(sub.readReply()).isEqualTo(confirm('*', "unsubscribe", "ticks:MSFT", 0));
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(confirm('*', "unsubscribe", null, 0));
            // out of the Pub/Sub context: every command again
            assertThat(sub.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(sub.call("GET", "k")).isEqualTo("$-1\r\n");
            assertThat(pub.call("PUBLISH", "ticks:AAPL", "190")).isEqualTo(":0\r\n");
        }
    }

    @Test
    @Covers({"psubscribe", "punsubscribe"})
    void patternsMatchAsRedisGlobAndCountTwice() throws Exception {
        try (RawClient sub = connect(); RawClient pub = connect()) {
            assertThat(sub.call("PSUBSCRIBE", "ticks:[A-M]*")).isEqualTo(confirm('*', "psubscribe", "ticks:[A-M]*", 1));
            assertThat(sub.call("SUBSCRIBE", "ticks:AAPL")).isEqualTo(confirm('*', "subscribe", "ticks:AAPL", 2));
            assertThat(pub.call("PUBLISH", "ticks:AAPL", "1")).isEqualTo(":2\r\n");
            assertThat(sub.readReply()).isEqualTo(message('*', "ticks:AAPL", "1"));
            assertThat(sub.readReply()).isEqualTo("*4\r\n" + bulk("pmessage") + bulk("ticks:[A-M]*") + bulk("ticks:AAPL") + bulk("1"));
            assertThat(pub.call("PUBLISH", "ticks:TSLA", "2")).isEqualTo(":0\r\n");
            assertThat(pub.call("PUBLISH", "ticks:\\x", "2")).isEqualTo(":0\r\n");
            assertThat(pub.call("PUBSUB", "NUMPAT")).isEqualTo(":1\r\n");
            assertThat(sub.call("PUNSUBSCRIBE", "ticks:[A-M]*")).isEqualTo(confirm('*', "punsubscribe", "ticks:[A-M]*", 1));
            assertThat(sub.call("PUNSUBSCRIBE")).isEqualTo(confirm('*', "punsubscribe", null, 1));
            assertThat(pub.call("PUBSUB", "NUMPAT")).isEqualTo(":0\r\n");
        }
    }

    @Test
    @Covers({"hello"})
    void resp3SubscribersGetPushesAndMayRunAnyCommand() throws Exception {
        try (RawClient sub = connect(); RawClient pub = connect()) {
            assertThat(sub.call("HELLO", "3")).startsWith("%7\r\n");
            assertThat(sub.call("SUBSCRIBE", "news")).isEqualTo(confirm('>', "subscribe", "news", 1));
            assertThat(sub.call("GET", "k")).isEqualTo("_\r\n");
            assertThat(sub.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(pub.call("PUBLISH", "news", "hello")).isEqualTo(":1\r\n");
            assertThat(sub.readReply()).isEqualTo(message('>', "news", "hello"));
            // its own message arrives before the reply to its PUBLISH, as in Redis
            sub.send(RawClient.command("PUBLISH", "news", "self"));
            assertThat(sub.readReply()).isEqualTo(message('>', "news", "self"));
            assertThat(sub.readReply()).isEqualTo(":1\r\n");
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(confirm('>', "unsubscribe", "news", 0));
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(confirm('>', "unsubscribe", null, 0));
        }
    }

    @Test
    @Covers({"pubsub", "pubsub|channels", "pubsub|numsub", "pubsub|numpat", "pubsub|help", "client|list"})
    void introspection() throws Exception {
        try (RawClient sub = connect(); RawClient other = connect(); RawClient c = connect()) {
            sub.call("SUBSCRIBE", "q:1");
            sub.call("PSUBSCRIBE", "q:*");
            other.call("SUBSCRIBE", "q:1");
            other.call("SUBSCRIBE", "z");
            assertThat(c.call("PUBSUB", "CHANNELS", "q:*")).isEqualTo("*1\r\n" + bulk("q:1"));
            assertThat(c.call("PUBSUB", "CHANNELS", "none*")).isEqualTo("*0\r\n");
            assertThat(c.call("PUBSUB", "NUMSUB", "q:1", "z", "nope")).isEqualTo("*6\r\n" + bulk("q:1") + ":2\r\n" + bulk("z") + ":1\r\n" + bulk("nope") + ":0\r\n");
            assertThat(c.call("PUBSUB", "NUMSUB")).isEqualTo("*0\r\n");
            assertThat(c.call("PUBSUB", "NUMPAT")).isEqualTo(":1\r\n");
            assertThat(c.call("PUBSUB", "CHANNELS", "a", "b"))
                    .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.\r\n");
            assertThat(c.call("PUBSUB", "HELP")).startsWith("*14\r\n+PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n");
            String list = c.call("CLIENT", "LIST");
            assertThat(list).contains(" flags=P db=0 sub=1 psub=1 ssub=0 multi=-1 ").contains(" flags=P db=0 sub=2 psub=0 ssub=0 multi=-1 ");
            String pubsubOnly = c.call("CLIENT", "LIST", "TYPE", "pubsub");
            assertThat(pubsubOnly.split("id=", -1)).hasSize(3); // the two subscribers
            assertThat(c.call("CLIENT", "LIST", "TYPE", "normal")).contains("cmd=client|list").doesNotContain("flags=P");
        }
    }

    @Test
    @Covers({"ssubscribe", "sunsubscribe", "spublish", "pubsub|shardchannels", "pubsub|shardnumsub"})
    void shardChannelsAreSeparate() throws Exception {
        try (RawClient sub = connect(); RawClient pub = connect()) {
            sub.send(RawClient.command("SSUBSCRIBE", "{AAPL}:q", "{AAPL}:t"));
            assertThat(sub.readReply()).isEqualTo(confirm('*', "ssubscribe", "{AAPL}:q", 1));
            assertThat(sub.readReply()).isEqualTo(confirm('*', "ssubscribe", "{AAPL}:t", 2));
            assertThat(sub.call("SUBSCRIBE", "plain")).isEqualTo(confirm('*', "subscribe", "plain", 1));
            assertThat(pub.call("PUBLISH", "{AAPL}:q", "x")).isEqualTo(":0\r\n");
            assertThat(pub.call("SPUBLISH", "{AAPL}:q", "x")).isEqualTo(":1\r\n");
            assertThat(sub.readReply()).isEqualTo("*3\r\n" + bulk("smessage") + bulk("{AAPL}:q") + bulk("x"));
            assertThat(pub.call("PUBSUB", "SHARDCHANNELS")).contains(bulk("{AAPL}:q")).contains(bulk("{AAPL}:t")).startsWith("*2\r\n");
            assertThat(pub.call("PUBSUB", "SHARDNUMSUB", "{AAPL}:q", "plain")).isEqualTo("*4\r\n" + bulk("{AAPL}:q") + ":1\r\n" + bulk("plain") + ":0\r\n");
            assertThat(pub.call("PUBSUB", "CHANNELS")).isEqualTo("*1\r\n" + bulk("plain"));
            assertThat(sub.call("SUNSUBSCRIBE", "{AAPL}:q")).isEqualTo(confirm('*', "sunsubscribe", "{AAPL}:q", 1));
            assertThat(sub.call("SUNSUBSCRIBE")).isEqualTo(confirm('*', "sunsubscribe", "{AAPL}:t", 0));
            assertThat(sub.call("SUNSUBSCRIBE")).isEqualTo(confirm('*', "sunsubscribe", null, 0));
            assertThat(sub.call("PING")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n"); // still subscribed to "plain"
        }
    }

    @Test
    @Covers({"publish", "subscribe", "psubscribe"})
    void jedisAndLettuceSubscribers() throws Exception {
        java.util.concurrent.BlockingQueue<String> jedisGot = new java.util.concurrent.LinkedBlockingQueue<>();
        redis.clients.jedis.JedisPubSub listener = new redis.clients.jedis.JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) { jedisGot.add(channel + "=" + message); }

            @Override
            public void onPMessage(String pattern, String channel, String message) { jedisGot.add(pattern + ":" + channel + "=" + message); }
        };
        Thread t = new Thread(() -> {
            try (redis.clients.jedis.Jedis j = new redis.clients.jedis.Jedis("127.0.0.1", server.port())) {
                j.subscribe(listener, "quotes");
            }
        });
        t.start();
        io.lettuce.core.RedisClient lettuce = io.lettuce.core.RedisClient.create(io.lettuce.core.RedisURI.create("127.0.0.1", server.port()));
        try (var sub = lettuce.connectPubSub(); redis.clients.jedis.Jedis pub = new redis.clients.jedis.Jedis("127.0.0.1", server.port())) {
            java.util.concurrent.BlockingQueue<String> lettuceGot = new java.util.concurrent.LinkedBlockingQueue<>();
            sub.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<String, String>() {
                @Override
                public void message(String pattern, String channel, String message) { lettuceGot.add(pattern + ":" + channel + "=" + message); }
            });
            sub.sync().psubscribe("quo*");
            long deadline = System.currentTimeMillis() + 5000;
            while (pub.pubsubNumSub("quotes").get("quotes") < 1 && System.currentTimeMillis() < deadline) Thread.sleep(10);
            assertThat(pub.publish("quotes", "AAPL 189.5")).isEqualTo(2);
            assertThat(jedisGot.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("quotes=AAPL 189.5");
            assertThat(lettuceGot.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("quo*:quotes=AAPL 189.5");
            assertThat(sub.sync().ping()).isEqualTo("PONG"); // Lettuce speaks RESP3: any command while subscribed
            listener.unsubscribe();
            t.join(5000);
            assertThat(t.isAlive()).isFalse();
        } finally {
            lettuce.shutdown();
        }
    }

    @Test
    @Covers({"reset"})
    void resetAndDisconnectDropSubscriptions() throws Exception {
        try (RawClient pub = connect()) {
            try (RawClient sub = connect()) {
                sub.call("SUBSCRIBE", "a");
                assertThat(sub.call("RESET")).isEqualTo("+RESET\r\n");
                assertThat(pub.call("PUBLISH", "a", "x")).isEqualTo(":0\r\n");
                sub.call("SUBSCRIBE", "a");
                sub.call("PSUBSCRIBE", "*");
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (!pub.call("PUBLISH", "a", "x").equals(":0\r\n") && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertThat(pub.call("PUBLISH", "a", "x")).isEqualTo(":0\r\n");
            assertThat(pub.call("PUBSUB", "NUMPAT")).isEqualTo(":0\r\n");
        }
    }
}
