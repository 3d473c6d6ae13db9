package io.stocktsdb.it;

import static io.stocktsdb.it.RawClient.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.server.config.ConfigFields;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact bytes on the wire: framing, pipelining, protocol errors, limits. */
@WithServer
class NetworkIT {
    static TestServer server;

    @Test
    @Covers({"echo", "ping"})
    void pingEchoAndInline() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(c.call("ping", "hello")).isEqualTo("$5\r\nhello\r\n");
            assertThat(c.call("ECHO", "")).isEqualTo("$0\r\n\r\n");
            c.send("PING\r\n");
            assertThat(c.readReply()).isEqualTo("+PONG\r\n");
            c.send("echo \"a b\"\n");
            assertThat(c.readReply()).isEqualTo("$3\r\na b\r\n");
            c.send("\r\n\r\nPING\r\n"); // empty inline lines are skipped
            assertThat(c.readReply()).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void pipelineIsAnsweredInOrder() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 100; i++) batch.append(command("ECHO", "m" + i));
            c.send(batch.toString());
            for (int i = 0; i < 100; i++) {
                String v = "m" + i;
                assertThat(c.readReply()).isEqualTo("$" + v.length() + "\r\n" + v + "\r\n");
            }
        }
    }

    @Test
    void frameSplitAcrossWrites() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            String cmd = command("ECHO", "split-me");
            for (int i = 0; i < cmd.length(); i++) {
                c.send(cmd.substring(i, i + 1));
                Thread.sleep(1);
            }
            assertThat(c.readReply()).isEqualTo("$8\r\nsplit-me\r\n");
        }
    }

    @Test
    @Covers({"client|setname", "select"})
    void genericErrorsUseRedisWording() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("NOSUCH", "a", "b")).isEqualTo("-ERR unknown command 'NOSUCH', with args beginning with: 'a' 'b' \r\n");
            assertThat(c.call("NOSUCH")).isEqualTo("-ERR unknown command 'NOSUCH', with args beginning with: \r\n");
            assertThat(c.call("ECHO")).isEqualTo("-ERR wrong number of arguments for 'echo' command\r\n");
            assertThat(c.call("PING", "a", "b")).isEqualTo("-ERR wrong number of arguments for 'ping' command\r\n");
            assertThat(c.call("CLIENT", "NOPE")).isEqualTo("-ERR unknown subcommand 'NOPE'. Try CLIENT HELP.\r\n");
            assertThat(c.call("CLIENT", "SETNAME")).isEqualTo("-ERR wrong number of arguments for 'client|setname' command\r\n");
            assertThat(c.call("SELECT", "1")).isEqualTo("-ERR DB index is out of range\r\n");
            assertThat(c.call("SELECT", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
            assertThat(c.call("SELECT", "0")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void protocolErrorClosesOnlyThatClient() throws Exception {
        try (RawClient bad = new RawClient(server.port()); RawClient good = new RawClient(server.port())) {
            bad.send("*1\r\n+PING\r\n");
            assertThat(bad.readReply()).isEqualTo("-ERR Protocol error: expected '$', got '+'\r\n");
            assertThat(bad.isClosedByServer()).isTrue();
            assertThat(good.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void oversizedHeadersAreRefusedWithoutAllocating() throws Exception {
        String[][] cases = {
                {"*2147483647\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
                {"*1\r\n$600000000\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
                {"*1\r\n$-7\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
                {"*x\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
                {"set \"abc\n", "-ERR Protocol error: unbalanced quotes in request\r\n"},
        };
        for (String[] cs : cases) {
            try (RawClient bad = new RawClient(server.port())) {
                bad.send(cs[0]);
                assertThat(bad.readReply()).as(cs[0]).isEqualTo(cs[1]);
                assertThat(bad.isClosedByServer()).isTrue();
            }
        }
        try (RawClient bad = new RawClient(server.port()); RawClient good = new RawClient(server.port())) {
            bad.send("*1\r\n$100000000\r\nabc"); // a 100 MB header with 3 bytes: the server waits, holding 3 bytes
            assertThat(good.call("PING")).isEqualTo("+PONG\r\n");
            bad.send("x".repeat(70 * 1024));
            assertThat(good.call("PING")).isEqualTo("+PONG\r\n");
        }
        try (RawClient bad = new RawClient(server.port())) {
            bad.send("x".repeat(70 * 1024)); // no newline: too big inline request
            assertThat(bad.readReply()).isEqualTo("-ERR Protocol error: too big inline request\r\n");
            assertThat(bad.isClosedByServer()).isTrue();
        }
    }

    @Test
    @Covers({"discard", "multi", "exec"})
    void transactionsQueueAndAbort() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
            assertThat(c.call("DISCARD")).isEqualTo("-ERR DISCARD without MULTI\r\n");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("MULTI")).isEqualTo("-ERR MULTI calls can not be nested\r\n");
            assertThat(c.call("PING")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("ECHO", "x")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*2\r\n+PONG\r\n$1\r\nx\r\n");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("ECHO")).isEqualTo("-ERR wrong number of arguments for 'echo' command\r\n");
            assertThat(c.call("PING")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("PING")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("DISCARD")).isEqualTo("+OK\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    @Covers({"client|getname", "hello", "reset"})
    void helloSwitchesToResp3() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("HELLO", "4")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
            String hello = c.call("HELLO", "3");
            assertThat(hello).startsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n8.2.5\r\n$5\r\nproto\r\n:3\r\n");
            assertThat(hello).contains("$7\r\nmodules\r\n*1\r\n%4\r\n$4\r\nname\r\n$10\r\ntimeseries\r\n$3\r\nver\r\n:80205\r\n");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("_\r\n");
            assertThat(c.call("CLIENT", "SETNAME", "a b")).isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
            assertThat(c.call("CLIENT", "SETNAME", "worker")).isEqualTo("+OK\r\n");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$6\r\nworker\r\n");
            assertThat(c.call("CLIENT", "INFO")).startsWith("=").contains("txt:id=").contains(" name=worker ").contains(" resp=3 ").contains(" cmd=client|info ");
            assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    @Covers({"client", "client|kill", "client|no-evict", "client|setinfo"})
    void clientSetInfoAndKill() throws Exception {
        try (RawClient a = new RawClient(server.port()); RawClient b = new RawClient(server.port())) {
            assertThat(a.call("CLIENT", "SETINFO", "LIB-NAME", "raw")).isEqualTo("+OK\r\n");
            assertThat(a.call("CLIENT", "SETINFO", "LIB-VER", "1.0")).isEqualTo("+OK\r\n");
            assertThat(a.call("CLIENT", "SETINFO", "BAD", "1")).isEqualTo("-ERR Unrecognized option 'BAD'\r\n");
            assertThat(a.call("CLIENT", "NO-EVICT", "on")).isEqualTo("+OK\r\n");
            String idReply = b.call("CLIENT", "ID");
            long bId = Long.parseLong(idReply.substring(1).trim());
            assertThat(a.call("CLIENT", "LIST")).contains("lib-name=raw lib-ver=1.0").contains("id=" + bId + " ");
            assertThat(a.call("CLIENT", "KILL", "ID", String.valueOf(bId))).isEqualTo(":1\r\n");
            assertThat(b.isClosedByServer()).isTrue();
            assertThat(a.call("CLIENT", "KILL", "1.2.3.4:5")).isEqualTo("-ERR No such client\r\n");
        }
    }

    @Test
    @Covers({"command", "command|count", "command|docs", "command|info", "command|list", "config", "config|get", "config|set", "module|list", "module"})
    void configGetSetAndCommandIntrospection() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("CONFIG", "GET", "maxclients")).isEqualTo("*2\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n");
            assertThat(c.call("CONFIG", "SET", "slowlog-max-len", "5")).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "GET", "slowlog-max-len")).isEqualTo("*2\r\n$15\r\nslowlog-max-len\r\n$1\r\n5\r\n");
            assertThat(c.call("CONFIG", "SET", "slowlog-max-len", "x"))
                    .startsWith("-ERR CONFIG SET failed (possibly related to argument 'slowlog-max-len') - ");
            assertThat(c.call("CONFIG", "SET", "daemonize", "yes")).isEqualTo(
                    "-ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config\r\n");
            assertThat(c.call("CONFIG", "SET", "nope", "1")).isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'nope'\r\n");
            assertThat(c.call("CONFIG", "GET", "requirepass")).isEqualTo("*0\r\n");
            assertThat(c.call("CONFIG", "GET", "appendonly")).isEqualTo("*2\r\n$10\r\nappendonly\r\n$3\r\nyes\r\n");
            assertThat(c.call("COMMAND", "INFO", "ping")).startsWith("*1\r\n*10\r\n$4\r\nping\r\n:-1\r\n");
            assertThat(c.call("COMMAND", "INFO", "nosuch")).isEqualTo("*1\r\n*-1\r\n");
            assertThat(c.call("COMMAND", "DOCS", "echo")).isEqualTo("*2\r\n$4\r\necho\r\n*10\r\n$7\r\nsummary\r\n$25\r\nReturns the given string.\r\n"
                    + "$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$10\r\nconnection\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n"
                    + "$9\r\narguments\r\n*1\r\n*6\r\n$4\r\nname\r\n$7\r\nmessage\r\n$4\r\ntype\r\n$6\r\nstring\r\n"
                    + "$12\r\ndisplay_text\r\n$7\r\nmessage\r\n");
            String count = c.call("COMMAND", "COUNT");
            String list = c.call("COMMAND", "LIST");
            assertThat(list).contains("$11\r\nclient|list\r\n"); // subcommands too: more names than COMMAND COUNT, as Redis
            assertThat(Integer.parseInt(list.substring(1, list.indexOf('\r')))).isGreaterThan(Integer.parseInt(count.substring(1).trim()));
            assertThat(c.call("MODULE", "LIST")).isEqualTo("*1\r\n*8\r\n$4\r\nname\r\n$10\r\ntimeseries\r\n$3\r\nver\r\n:80205\r\n"
                    + "$4\r\npath\r\n$8\r\nbuilt-in\r\n$4\r\nargs\r\n*0\r\n");
            assertThat(c.call("CONFIG", "SET", "slowlog-max-len", "128")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    @Covers({"slowlog", "slowlog|get", "slowlog|reset"})
    void slowlogRecordsSlowCommands() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("CONFIG", "SET", "slowlog-log-slower-than", "0")).isEqualTo("+OK\r\n");
            assertThat(c.call("SLOWLOG", "RESET")).isEqualTo("+OK\r\n");
            c.call("ECHO", "slow-one");
            String got = c.call("SLOWLOG", "GET", "1");
            assertThat(got).startsWith("*1\r\n*6\r\n:").contains("*2\r\n$4\r\nECHO\r\n$8\r\nslow-one\r\n");
            String[] mget = new String[40];
            mget[0] = "MGET";
            for (int i = 1; i < 40; i++) mget[i] = "k" + i;
            c.call(mget);
            String long40 = c.call("SLOWLOG", "GET", "1");
            assertThat(long40).contains("*32\r\n$4\r\nMGET\r\n$2\r\nk1\r\n").contains("$3\r\nk30\r\n$22\r\n... (9 more arguments)\r\n")
                    .doesNotContain("k31");
            // a long argument keeps its first 128 bytes and how many more it had (the rest is never copied)
            c.call("ECHO", "y".repeat(1000));
            assertThat(c.call("SLOWLOG", "GET", "1")).contains("*2\r\n$4\r\nECHO\r\n$148\r\n" + "y".repeat(128) + "... (872 more bytes)\r\n");
            assertThat(c.call("CONFIG", "SET", "slowlog-log-slower-than", "10000")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    @Covers({"info"})
    void infoHasRealValues() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            String info = c.call("INFO");
            assertThat(info).contains("# Server\r\nredis_version:8.2.5\r\n").contains("multiplexing_api:epoll\r\n")
                    .contains("tcp_port:" + server.port() + "\r\n").contains("# Modules\r\nmodule:name=timeseries,ver=80205,")
                    .doesNotContain("# Commandstats");
            assertThat(c.call("INFO", "commandstats")).contains("cmdstat_info:calls=1,");
            assertThat(c.call("INFO", "all")).contains("# Commandstats").contains("# CPU");
        }
    }

    @Test
    @Covers({"quit", "slowlog|len", "time"})
    void timeQuitAndSlowlogLen() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            long before = System.currentTimeMillis() / 1000;
            String[] time = c.call("TIME").split("\r\n");
            assertThat(time[0]).isEqualTo("*2");
            assertThat(Long.parseLong(time[2])).isBetween(before, before + 2);
            assertThat(Long.parseLong(time[4])).isBetween(0L, 999_999L);
            assertThat(c.call("SLOWLOG", "RESET")).isEqualTo("+OK\r\n");
            assertThat(c.call("SLOWLOG", "LEN")).isEqualTo(":0\r\n");
            assertThat(c.call("QUIT")).isEqualTo("+OK\r\n");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    @Covers({"shutdown", "flushdb"})
    void shutdownStopsTheServerAndKeepsData() throws Exception {
        TestServer s = TestServer.start();
        java.nio.file.Path dir = s.dataDir();
        try (RawClient c = new RawClient(s.port())) {
            assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("SHUTDOWN", "BOGUS")).isEqualTo("-ERR syntax error\r\n");
            c.send(RawClient.command("SHUTDOWN"));
            assertThat(c.isClosedByServer()).isTrue(); // no reply: the connection just closes
        }
        s.server().awaitStopped();
        try (TestServer again = TestServer.startIn(dir); RawClient c = new RawClient(again.port())) {
            assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
            assertThat(c.call("FLUSHDB")).isEqualTo("+OK\r\n");
            assertThat(c.call("DBSIZE")).isEqualTo(":0\r\n");
        } finally {
            s.close();
        }
    }

    @Test
    void maxConnectionsIsEnforced() throws Exception {
        try (TestServer small = TestServer.start(ConfigFields.MAX_CONNECTIONS, 2)) {
            List<RawClient> held = new ArrayList<>();
            try {
                held.add(new RawClient(small.port()));
                held.add(new RawClient(small.port()));
                for (RawClient h : held) assertThat(h.call("PING")).isEqualTo("+PONG\r\n");
                try (RawClient third = new RawClient(small.port())) {
                    assertThat(third.readReply()).isEqualTo("-ERR max number of clients reached\r\n");
                    assertThat(third.isClosedByServer()).isTrue();
                }
                assertThat(held.get(0).call("PING")).isEqualTo("+PONG\r\n");
                assertThat(held.get(0).call("INFO", "stats")).contains("rejected_connections:1\r\n");
            } finally {
                for (RawClient h : held) h.close();
            }
        }
    }

    @Test
    @Covers({"auth"})
    void requirepassGuardsCommands() throws Exception {
        try (TestServer secured = TestServer.start(ConfigFields.REQUIREPASS, "s3cret"); RawClient c = new RawClient(secured.port())) {
            assertThat(c.call("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.call("AUTH", "wrong")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.call("HELLO", "3")).startsWith("-NOAUTH HELLO must be called with the client already authenticated");
            assertThat(c.call("AUTH", "s3cret")).isEqualTo("+OK\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(c.call("CLIENT", "LIST")).doesNotContain("s3cret");
        }
        try (RawClient c = new RawClient(server.port())) {
            assertThat(c.call("AUTH", "x")).isEqualTo("-ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?\r\n");
        }
    }

    @Test
    void idleClientsAreClosedAfterTimeout() throws Exception {
        try (TestServer s = TestServer.start(ConfigFields.TIMEOUT, 1); RawClient c = new RawClient(s.port())) {
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            long deadline = System.currentTimeMillis() + 5000;
            boolean closed = false;
            while (!closed && System.currentTimeMillis() < deadline) closed = c.isClosedByServer();
            assertThat(closed).isTrue();
        }
    }
}
