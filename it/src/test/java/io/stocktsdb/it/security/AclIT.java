package io.stocktsdb.it.security;

import static io.stocktsdb.it.RawClient.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.it.WithServer;
import io.stocktsdb.server.acl.Passwords;
import io.stocktsdb.server.config.ConfigFields;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

/** ACL users end to end: exact replies and errors, per-business users, the ACL log, redaction. */
@WithServer(config = "slowlog_log_slower_than=0")
class AclIT {
    static TestServer server;

    private static RawClient admin() throws Exception { return new RawClient(server.port()); }

    @BeforeEach
    void businessUsers() throws Exception {
        try (RawClient a = admin()) {
            a.call("ACL", "DELUSER", "payments", "dashboard", "temp");
            assertThat(a.call("ACL", "SETUSER", "payments", "on", ">pay-secret", "~payment:*", "+@read", "+@write", "-@dangerous"))
                    .isEqualTo("+OK\r\n");
            assertThat(a.call("ACL", "SETUSER", "dashboard", "on", ">dash-secret", "allkeys", "+@read")).isEqualTo("+OK\r\n");
            a.call("ACL", "LOG", "RESET");
        }
    }

    @Test
    @Covers({"acl|whoami"})
    void defaultUserAsRedisShowsIt() throws Exception {
        try (RawClient c = admin()) {
            assertThat(c.call("ACL", "WHOAMI")).isEqualTo("$7\r\ndefault\r\n");
            assertThat(c.call("ACL", "USERS")).isEqualTo("*3\r\n$9\r\ndashboard\r\n$7\r\ndefault\r\n$8\r\npayments\r\n");
            String list = c.call("ACL", "LIST");
            assertThat(list).contains("$51\r\nuser default on nopass sanitize-payload ~* &* +@all\r\n")
                    .contains("user payments on sanitize-payload #" + hash("pay-secret") + " ~payment:* resetchannels -@all +@read +@write -@dangerous\r\n")
                    .doesNotContain("pay-secret");
        }
    }

    @Test
    void paymentsUserIsConfinedToItsKeysAndCategories() throws Exception {
        try (RawClient c = admin()) {
            assertThat(c.call("AUTH", "payments", "pay-secret")).isEqualTo("+OK\r\n");
            assertThat(c.call("ACL", "WHOAMI")).isEqualTo("-NOPERM User payments has no permissions to run the 'acl|whoami' command\r\n");
            assertThat(c.call("SET", "payment:1", "100")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "payment:1")).isEqualTo("$3\r\n100\r\n");
            assertThat(c.call("GET", "stock:AAPL")).isEqualTo("-NOPERM No permissions to access a key\r\n");
            assertThat(c.call("MSET", "payment:2", "a", "stock:1", "b")).isEqualTo("-NOPERM No permissions to access a key\r\n");
            assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo("-NOPERM User payments has no permissions to run the 'config|get' command\r\n");
            assertThat(c.call("FLUSHALL")).isEqualTo("-NOPERM User payments has no permissions to run the 'flushall' command\r\n");
            assertThat(c.call("PING")).isEqualTo("-NOPERM User payments has no permissions to run the 'ping' command\r\n");
        }
    }

    @Test
    void dashboardUserOnlyReads() throws Exception {
        try (RawClient a = admin(); RawClient c = admin()) {
            a.call("SET", "stock:AAPL", "189.5");
            assertThat(c.call("HELLO", "2", "AUTH", "dashboard", "dash-secret")).startsWith("*14\r\n$6\r\nserver\r\n");
            assertThat(c.call("GET", "stock:AAPL")).isEqualTo("$5\r\n189.5\r\n");
            assertThat(c.call("EXISTS", "payment:1")).startsWith(":");
            assertThat(c.call("SET", "stock:AAPL", "0")).isEqualTo("-NOPERM User dashboard has no permissions to run the 'set' command\r\n");
            assertThat(c.call("DEL", "stock:AAPL")).isEqualTo("-NOPERM User dashboard has no permissions to run the 'del' command\r\n");
        }
    }

    @Test
    @Covers({"acl|log"})
    void wrongPasswordsAreRefusedAndLogged() throws Exception {
        try (RawClient c = admin(); RawClient a = admin()) {
            assertThat(c.call("AUTH", "payments", "nope")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.call("AUTH", "nobody", "nope")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.call("auth", "payments", "nope")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.call("HELLO", "3", "AUTH", "payments", "nope")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            assertThat(c.call("ACL", "WHOAMI")).isEqualTo("$7\r\ndefault\r\n");
            String log = a.call("ACL", "LOG");
            // newest first; AUTH and auth are different objects, the repeated AUTH payments is grouped
            assertThat(log).startsWith("*4\r\n*20\r\n$5\r\ncount\r\n:1\r\n$6\r\nreason\r\n$4\r\nauth\r\n$7\r\ncontext\r\n$8\r\ntoplevel\r\n"
                    + "$6\r\nobject\r\n$5\r\nHELLO\r\n$8\r\nusername\r\n$8\r\npayments\r\n$11\r\nage-seconds\r\n");
            assertThat(log).contains("$6\r\nobject\r\n$4\r\nauth\r\n").contains("$8\r\nusername\r\n$6\r\nnobody\r\n")
                    .contains("$11\r\nclient-info\r\n$").contains(" user=default ").doesNotContain("nope");
            assertThat(a.call("ACL", "LOG", "1")).startsWith("*1\r\n*20\r\n");
            assertThat(a.call("ACL", "LOG", "RESET")).isEqualTo("+OK\r\n");
            assertThat(a.call("ACL", "LOG")).isEqualTo("*0\r\n");
            assertThat(a.call("ACL", "LOG", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        }
    }

    @Test
    void deniedCommandsAndKeysAreLoggedAndCounted() throws Exception {
        try (RawClient c = admin(); RawClient a = admin()) {
            c.call("AUTH", "payments", "pay-secret");
            c.call("GET", "stock:AAPL");
            c.call("GET", "stock:AAPL");
            c.call("CONFIG", "GET", "x");
            String log = a.call("ACL", "LOG");
            assertThat(log).startsWith("*2\r\n*20\r\n$5\r\ncount\r\n:1\r\n$6\r\nreason\r\n$7\r\ncommand\r\n$7\r\ncontext\r\n$8\r\ntoplevel\r\n"
                    + "$6\r\nobject\r\n$10\r\nconfig|get\r\n$8\r\nusername\r\n$8\r\npayments\r\n");
            assertThat(log).contains("$5\r\ncount\r\n:2\r\n$6\r\nreason\r\n$3\r\nkey\r\n$7\r\ncontext\r\n$8\r\ntoplevel\r\n"
                    + "$6\r\nobject\r\n$10\r\nstock:AAPL\r\n");
            String info = a.call("INFO", "stats");
            assertThat(info).contains("acl_access_denied_cmd:").contains("acl_access_denied_key:");
        }
    }

    @Test
    @Covers({"acl|getuser"})
    void getUserReplyShape() throws Exception {
        try (RawClient a = admin()) {
            a.call("ACL", "SETUSER", "temp", "on", "#" + hash("t"), "%R~fx:*", "+get", "(~cache:* +set)");
            assertThat(a.call("ACL", "GETUSER", "temp")).isEqualTo("*12\r\n"
                    + "$5\r\nflags\r\n*2\r\n$2\r\non\r\n$16\r\nsanitize-payload\r\n"
                    + "$9\r\npasswords\r\n*1\r\n$64\r\n" + hash("t") + "\r\n"
                    + "$8\r\ncommands\r\n$10\r\n-@all +get\r\n"
                    + "$4\r\nkeys\r\n$7\r\n%R~fx:*\r\n"
                    + "$8\r\nchannels\r\n$0\r\n\r\n"
                    + "$9\r\nselectors\r\n*1\r\n*6\r\n$8\r\ncommands\r\n$10\r\n-@all +set\r\n$4\r\nkeys\r\n$8\r\n~cache:*\r\n$8\r\nchannels\r\n$0\r\n\r\n");
            assertThat(a.call("ACL", "GETUSER", "nobody")).isEqualTo("$-1\r\n");
            a.call("HELLO", "3");
            assertThat(a.call("ACL", "GETUSER", "temp")).startsWith("%6\r\n$5\r\nflags\r\n~2\r\n");
            assertThat(a.call("ACL", "GETUSER", "nobody")).isEqualTo("_\r\n");
        }
    }

    @Test
    @Covers({"acl|setuser"})
    void setUserErrorsUseRedisWordingAndChangeNothing() throws Exception {
        try (RawClient a = admin()) {
            assertThat(a.call("ACL", "SETUSER", "payments", "-get", "+nosuch"))
                    .isEqualTo("-ERR Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL\r\n");
            assertThat(a.call("ACL", "GETUSER", "payments")).contains("$32\r\n-@all +@read +@write -@dangerous\r\n");
            assertThat(a.call("ACL", "SETUSER", "payments", "allkeys", "~x"))
                    .isEqualTo("-ERR Error in ACL SETUSER modifier '~x': Adding a pattern after the * pattern (or the 'allkeys' flag) is not "
                            + "valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns\r\n");
            assertThat(a.call("ACL", "SETUSER", "payments", "#abc"))
                    .isEqualTo("-ERR Error in ACL SETUSER modifier '#abc': The password hash must be exactly 64 characters and contain only "
                            + "lowercase hexadecimal characters\r\n");
            assertThat(a.call("ACL", "SETUSER", "payments", "<notthere"))
                    .isEqualTo("-ERR Error in ACL SETUSER modifier '<notthere': The password you are trying to remove from the user does not exist\r\n");
            assertThat(a.call("ACL", "SETUSER", "payments", "bogus")).isEqualTo("-ERR Error in ACL SETUSER modifier 'bogus': Syntax error\r\n");
            assertThat(a.call("ACL", "SETUSER", "payments", "(~a", "+get"))
                    .isEqualTo("-ERR Unmatched parenthesis in acl selector starting at '(~a'.\r\n");
            assertThat(a.call("ACL", "SETUSER", "bad name")).isEqualTo("-ERR Usernames can't contain spaces or null characters\r\n");
            assertThat(a.call("ACL", "SETUSER")).isEqualTo("-ERR wrong number of arguments for 'acl|setuser' command\r\n");
            assertThat(a.call("ACL", "NOPE")).isEqualTo("-ERR unknown subcommand 'NOPE'. Try ACL HELP.\r\n");
            assertThat(a.call("ACL", "CAT", "a", "b")).isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'CAT'. Try ACL HELP.\r\n");
        }
    }

    @Test
    @Covers({"acl|cat", "acl|dryrun", "acl|genpass"})
    void catDryRunGenPass() throws Exception {
        try (RawClient a = admin()) {
            String cats = a.call("ACL", "CAT");
            assertThat(cats).startsWith("*22\r\n$8\r\nkeyspace\r\n$4\r\nread\r\n$5\r\nwrite\r\n$3\r\nset\r\n").endsWith("$10\r\ntimeseries\r\n");
            assertThat(a.call("ACL", "CAT", "read")).contains("$3\r\nget\r\n").doesNotContain("$3\r\nset\r\n");
            assertThat(a.call("ACL", "CAT", "admin")).contains("$11\r\nacl|setuser\r\n");
            assertThat(a.call("ACL", "CAT", "nosuch")).isEqualTo("-ERR Unknown category 'nosuch'\r\n");
            assertThat(a.call("ACL", "DRYRUN", "payments", "GET", "payment:1")).isEqualTo("+OK\r\n");
            assertThat(a.call("ACL", "DRYRUN", "payments", "GET", "stock:1"))
                    .isEqualTo("$60\r\nUser payments has no permissions to access the 'stock:1' key\r\n");
            assertThat(a.call("ACL", "DRYRUN", "dashboard", "SET", "x", "1"))
                    .isEqualTo("$58\r\nUser dashboard has no permissions to run the 'set' command\r\n");
            assertThat(a.call("ACL", "DRYRUN", "nobody", "GET", "x")).isEqualTo("-ERR User 'nobody' not found\r\n");
            assertThat(a.call("ACL", "DRYRUN", "payments", "NOSUCH")).isEqualTo("-ERR Command 'NOSUCH' not found\r\n");
            assertThat(a.call("ACL", "DRYRUN", "payments", "GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
            assertThat(a.call("ACL", "GENPASS")).matches("\\$64\r\n[0-9a-f]{64}\r\n");
            assertThat(a.call("ACL", "GENPASS", "5")).matches("\\$2\r\n[0-9a-f]{2}\r\n");
            assertThat(a.call("ACL", "GENPASS", "0"))
                    .isEqualTo("-ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to 4096\r\n");
            assertThat(a.call("ACL", "SAVE")).startsWith("-ERR This Redis instance is not configured to use an ACL file.");
        }
    }

    @Test
    @Covers({"acl|deluser"})
    void deletingAUserClosesItsConnections() throws Exception {
        try (RawClient a = admin(); RawClient p = admin(); RawClient killed = admin()) {
            p.call("AUTH", "payments", "pay-secret");
            killed.call("AUTH", "dashboard", "dash-secret");
            assertThat(a.call("ACL", "DELUSER", "default")).isEqualTo("-ERR The 'default' user cannot be removed\r\n");
            assertThat(a.call("ACL", "DELUSER", "dashboard", "nobody")).isEqualTo(":1\r\n");
            assertThat(killed.isClosedByServer()).isTrue();
            assertThat(p.call("GET", "payment:1")).startsWith("$");
            assertThat(a.call("CLIENT", "KILL", "USER", "payments")).isEqualTo(":1\r\n");
            assertThat(p.isClosedByServer()).isTrue();
        }
    }

    @Test
    void rulesChangeLiveAndAtExec() throws Exception {
        try (RawClient a = admin(); RawClient c = admin()) {
            c.call("AUTH", "payments", "pay-secret");
            assertThat(c.call("MULTI")).isEqualTo("-NOPERM User payments has no permissions to run the 'multi' command\r\n");
            a.call("ACL", "SETUSER", "payments", "+@transaction");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "stock:1")).isEqualTo("-NOPERM No permissions to access a key\r\n");
            assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
            c.call("MULTI");
            assertThat(c.call("SET", "payment:9", "1")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("GET", "payment:9")).isEqualTo("+QUEUED\r\n");
            a.call("ACL", "SETUSER", "payments", "-set");
            assertThat(c.call("EXEC")).isEqualTo("*2\r\n-NOPERM ACLs rules changed between the moment the transaction was accumulated "
                    + "and the EXEC call. This command is no longer allowed for the following reason: no permission to execute the "
                    + "command or subcommand\r\n$-1\r\n");
            a.call("ACL", "SETUSER", "payments", "off");
            assertThat(c.call("GET", "payment:9")).isEqualTo("$-1\r\n"); // off only stops new logins
            assertThat(c.call("AUTH", "payments", "pay-secret")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        }
    }

    @Test
    @Covers({"client|info", "client|list", "acl|list"})
    void secretsStayOutOfSlowlogClientListInfoAndConfig() throws Exception {
        try (RawClient a = admin()) {
            a.call("SLOWLOG", "RESET");
            a.call("AUTH", "payments", "pay-secret");
            a.call("AUTH", "default", "whatever");
            a.call("ACL", "SETUSER", "temp", ">temp-secret");
            a.call("HELLO", "2", "AUTH", "default", "hello-secret");
            a.call("CONFIG", "SET", "requirepass", "");
            String slow = a.call("SLOWLOG", "GET", "100");
            assertThat(slow).doesNotContain("secret").contains("$10\r\n(redacted)\r\n").contains("$7\r\nSETUSER\r\n");
            assertThat(a.call("CLIENT", "LIST")).doesNotContain("secret");
            assertThat(a.call("INFO", "everything")).doesNotContain("secret");
            assertThat(a.call("CONFIG", "GET", "*")).doesNotContain("requirepass");
        }
    }

    @Test
    void requirepassIsTheDefaultUsersPassword() throws Exception {
        try (TestServer s = TestServer.start(ConfigFields.REQUIREPASS, "s3cret"); RawClient c = new RawClient(s.port())) {
            assertThat(c.call("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
            assertThat(c.call("AUTH", "default", "s3cret")).isEqualTo("+OK\r\n");
            assertThat(c.call("ACL", "LIST")).isEqualTo("*1\r\n$110\r\nuser default on sanitize-payload #" + hash("s3cret") + " ~* &* +@all\r\n");
            assertThat(c.call("CONFIG", "SET", "requirepass", "n3w")).isEqualTo("+OK\r\n");
            try (RawClient d = new RawClient(s.port())) {
                assertThat(d.call("AUTH", "s3cret")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
                assertThat(d.call("AUTH", "n3w")).isEqualTo("+OK\r\n");
            }
            assertThat(c.call("CONFIG", "SET", "requirepass", "")).isEqualTo("+OK\r\n");
            try (RawClient d = new RawClient(s.port())) {
                assertThat(d.call("PING")).isEqualTo("+PONG\r\n");
            }
        }
    }

    @Test
    void jedisWithNamedUsers() {
        try (Jedis pay = new Jedis("127.0.0.1", server.port()); Jedis dash = new Jedis("127.0.0.1", server.port())) {
            assertThat(pay.auth("payments", "pay-secret")).isEqualTo("OK");
            assertThat(pay.set("payment:42", "12.5")).isEqualTo("OK");
            assertThatThrownBy(() -> pay.get("stock:AAPL")).isInstanceOf(JedisAccessControlException.class)
                    .hasMessage("NOPERM No permissions to access a key");
            dash.auth("dashboard", "dash-secret");
            assertThat(dash.get("payment:42")).isEqualTo("12.5");
            assertThatThrownBy(dash::aclWhoAmI).isInstanceOf(JedisAccessControlException.class)
                    .hasMessage("NOPERM User dashboard has no permissions to run the 'acl|whoami' command");
            assertThatThrownBy(() -> dash.set("payment:42", "0")).isInstanceOf(JedisDataException.class)
                    .hasMessage("NOPERM User dashboard has no permissions to run the 'set' command");
            assertThatThrownBy(() -> new Jedis("127.0.0.1", server.port()).auth("dashboard", "wrong"))
                    .isInstanceOf(JedisAccessControlException.class);
        }
    }

    static String hash(String password) { return Passwords.hash(password.getBytes(StandardCharsets.UTF_8)); }

    static String cmd(String... args) { return command(args); }
}
