package io.stocktsdb.it.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.it.WithServer;
import org.junit.jupiter.api.Test;

/** MONITOR, CLIENT REPLY, CLIENT KILL USER, and the channel rules of ACL users. */
@WithServer
class IntrospectionIT {
    static TestServer server;

    private RawClient connect() throws Exception { return new RawClient(server.port()); }

    /** A monitor line without its timestamp: "[0 addr] args". */
    private static String body(String line) {
        assertThat(line).matches("\\+\\d{10}\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+] .*\r\n");
        return line.substring(line.indexOf(" [0 ") + 1, line.length() - 2).replaceFirst("\\[0 127\\.0\\.0\\.1:\\d+]", "[0 addr]");
    }

    @Test
    @Covers({"monitor", "auth", "multi", "exec"})
    void monitorShowsCommandsWithSecretsRedacted() throws Exception {
        try (RawClient mon = connect(); RawClient c = connect()) {
            assertThat(mon.call("MONITOR")).isEqualTo("+OK\r\n");
            c.call("SET", "k", "a \"quoted\"\nline\u0001");
            assertThat(body(mon.readReply())).isEqualTo("[0 addr] \"SET\" \"k\" \"a \\\"quoted\\\"\\nline\\x01\"");
            c.call("AUTH", "secret");
            assertThat(body(mon.readReply())).isEqualTo("[0 addr] \"AUTH\" \"(redacted)\"");
            c.call("HELLO", "2", "AUTH", "default", "pw", "SETNAME", "app");
            assertThat(body(mon.readReply())).isEqualTo("[0 addr] \"HELLO\" \"2\" \"AUTH\" \"(redacted)\" \"(redacted)\" \"SETNAME\" \"app\"");
            c.call("ACL", "SETUSER", "mon-user", ">pw"); // administrative commands are not shown, as in Redis
            c.call("CONFIG", "SET", "timeout", "0");
            c.call("ACL", "DELUSER", "mon-user");
            c.call("MULTI");
            c.call("INCR", "n");
            c.call("EXEC");
            assertThat(body(mon.readReply())).isEqualTo("[0 addr] \"MULTI\"");
            assertThat(body(mon.readReply())).isEqualTo("[0 addr] \"INCR\" \"n\"");
            assertThat(body(mon.readReply())).isEqualTo("[0 addr] \"EXEC\"");
            assertThat(c.call("CLIENT", "LIST")).contains(" flags=O ");
            mon.send(RawClient.command("MONITOR")); // ignored without a reply; its own PING is shown next
            mon.send(RawClient.command("PING"));
            assertThat(mon.readReply()).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    @Covers({"client|reply", "client|kill"})
    void clientReplyOffSkipOn() throws Exception {
        try (RawClient c = connect()) {
            c.send(RawClient.command("CLIENT", "REPLY", "OFF") + RawClient.command("SET", "r", "1") + RawClient.command("INCR", "r")
                    + RawClient.command("CLIENT", "REPLY", "ON"));
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "r")).isEqualTo("$1\r\n2\r\n");
            c.send(RawClient.command("CLIENT", "REPLY", "SKIP") + RawClient.command("INCR", "r") + RawClient.command("INCR", "r"));
            assertThat(c.readReply()).isEqualTo(":4\r\n");
            assertThat(c.call("CLIENT", "REPLY", "MAYBE")).isEqualTo("-ERR syntax error\r\n");
            assertThat(c.call("CLIENT", "KILL", "USER", "nosuch")).isEqualTo("-ERR No such user 'nosuch'\r\n");
            assertThat(c.call("CLIENT", "KILL", "USER", "default", "SKIPME", "yes")).isEqualTo(":0\r\n");
        }
    }

    @Test
    @Covers({"client|list", "client|info", "watch"})
    void clientListHasEveryFieldOfRedis82() throws Exception {
        try (RawClient c = connect(); RawClient other = connect()) {
            String line = c.call("CLIENT", "LIST", "ID", c.call("CLIENT", "ID").substring(1).trim());
            assertThat(line).matches("(?s)\\$\\d+\r\nid=\\d+ addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:\\d+ fd=\\d+ name= age=0 idle=0 flags=N db=0"
                    + " sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=4\\d qbuf-free=\\d+ argv-mem=\\d+ multi-mem=0 rbs=\\d+ rbp=\\d+ obl=0 oll=0 omem=0"
                    + " tot-mem=\\d+ events=r cmd=client\\|list user=default redir=-1 resp=2 lib-name= lib-ver= io-thread=\\d+"
                    + " tot-net-in=\\d+ tot-net-out=\\d+ tot-cmds=2\n\r\n");
            assertThat(c.call("CLIENT", "INFO")).contains(" qbuf=26 ").contains(" argv-mem=10 ").contains(" tot-cmds=3\n");
            String id = c.call("CLIENT", "ID").substring(1).trim();
            c.call("WATCH", "a", "b");
            c.call("MULTI");
            assertThat(c.call("SET", "a", "12345")).isEqualTo("+QUEUED\r\n");
            assertThat(other.call("CLIENT", "LIST", "ID", id)).contains(" flags=x ").contains(" multi=1 watch=2 qbuf=0 ")
                    .contains(" argv-mem=0 multi-mem=9 ").contains(" cmd=set ");
            c.call("DISCARD");
        }
    }

    @Test
    @Covers({"command|list", "command|getkeys"})
    void commandListAndGetKeys() throws Exception {
        try (RawClient c = connect()) {
            assertThat(c.call("COMMAND", "LIST")).contains("$11\r\nclient|list\r\n").contains("$10\r\nconfig|get\r\n").contains("$9\r\nsubscribe\r\n");
            assertThat(c.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch")).isEqualTo("*0\r\n");
            assertThat(c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "pubsub|*num*"))
                    .isEqualTo("*3\r\n$13\r\npubsub|numsub\r\n$18\r\npubsub|shardnumsub\r\n$13\r\npubsub|numpat\r\n");
            assertThat(c.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "pubsub")).contains("$7\r\npublish\r\n").doesNotContain("$3\r\nget\r\n");
            assertThat(c.call("COMMAND", "GETKEYS", "MSET", "a", "1", "b", "2")).isEqualTo("*2\r\n$1\r\na\r\n$1\r\nb\r\n");
            assertThat(c.call("COMMAND", "GETKEYS", "TS.MADD", "s1", "1", "2", "s2", "1", "2")).isEqualTo("*2\r\n$2\r\ns1\r\n$2\r\ns2\r\n");
            assertThat(c.call("COMMAND", "GETKEYS", "RENAME", "x", "y")).isEqualTo("*2\r\n$1\r\nx\r\n$1\r\ny\r\n");
            assertThat(c.call("COMMAND", "GETKEYS", "NOSUCH", "x")).isEqualTo("-ERR Invalid command specified\r\n");
            assertThat(c.call("COMMAND", "GETKEYS", "PING", "x")).isEqualTo("-ERR The command has no key arguments\r\n");
            assertThat(c.call("COMMAND", "GETKEYS", "GET")).isEqualTo("-ERR Invalid number of arguments specified for command\r\n");
        }
    }

    @Test
    @Covers({"acl|log", "acl|deluser"})
    void channelRulesAreEnforced() throws Exception {
        try (RawClient admin = connect()) {
            admin.call("ACL", "DELUSER", "feed");
            assertThat(admin.call("ACL", "SETUSER", "feed", "on", ">pw", "~*", "+@all", "resetchannels", "&ticks:*", "&news")).isEqualTo("+OK\r\n");
            admin.call("ACL", "LOG", "RESET");
            try (RawClient u = connect()) {
                assertThat(u.call("AUTH", "feed", "pw")).isEqualTo("+OK\r\n");
                assertThat(u.call("PUBLISH", "ticks:AAPL", "1")).isEqualTo(":0\r\n");
                assertThat(u.call("PUBLISH", "orders", "1")).isEqualTo("-NOPERM No permissions to access a channel\r\n");
                assertThat(u.call("SPUBLISH", "orders", "1")).isEqualTo("-NOPERM No permissions to access a channel\r\n");
                assertThat(u.call("SUBSCRIBE", "news", "orders")).isEqualTo("-NOPERM No permissions to access a channel\r\n");
                assertThat(u.call("PSUBSCRIBE", "ticks:A*")).isEqualTo("-NOPERM No permissions to access a channel\r\n");
                assertThat(u.call("PSUBSCRIBE", "ticks:*")).isEqualTo(PubSubIT.confirm('*', "psubscribe", "ticks:*", 1));
                assertThat(u.call("SUBSCRIBE", "news")).isEqualTo(PubSubIT.confirm('*', "subscribe", "news", 2));
                assertThat(admin.call("ACL", "LOG", "1")).contains("$6\r\nreason\r\n$7\r\nchannel\r\n").contains("$6\r\nobject\r\n$8\r\nticks:A*\r\n");
                // revoking a subscribed channel closes the subscriber, as Redis 7 does
                assertThat(admin.call("ACL", "SETUSER", "feed", "resetchannels", "&ticks:*")).isEqualTo("+OK\r\n");
                assertThat(u.isClosedByServer()).isTrue();
            }
            assertThat(admin.call("ACL", "DELUSER", "feed")).isEqualTo(":1\r\n");
        }
    }
}
