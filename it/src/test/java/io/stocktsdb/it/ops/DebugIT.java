package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** DEBUG behind enable-debug-command (no, local, yes) with Redis's refusal; timeseries.REFRESHCLUSTER. */
class DebugIT {
    private static final String REFUSED = "-ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can "
            + "run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.\r\n";

    @Test
    @Covers({"debug", "timeseries.refreshcluster"})
    void debugIsRefusedByDefaultAndSleepsWhenAllowed() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            assertThat(c.call("DEBUG", "SLEEP", "0")).isEqualTo(REFUSED);
            assertThat(c.call("DEBUG")).isEqualTo("-ERR wrong number of arguments for 'debug' command\r\n");
            assertThat(c.call("timeseries.REFRESHCLUSTER")).isEqualTo("+OK\r\n");
            assertThat(c.call("INFO", "errorstats")).contains("errorstat_ERR:count=2");
        }
        try (TestServer server = TestServer.start(ConfigFields.ENABLE_DEBUG_COMMAND, "yes"); RawClient c = new RawClient(server.port())) {
            long start = System.nanoTime();
            assertThat(c.call("DEBUG", "SLEEP", "0.3")).isEqualTo("+OK\r\n");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
            assertThat(c.call("DEBUG", "SLEEP", "abc")).isEqualTo("+OK\r\n");
            assertThat(c.call("debug", "help")).isEqualTo("*19\r\n+DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
                    + "+RELOAD [option ...]\r\n"
                    + "+    Checkpoint the storage, close it and open it again (recovery rebuilds the\r\n"
                    + "+    data set in memory from disk). Valid <option> values:\r\n"
                    + "+    * MERGE: accepted; every key comes from the storage, none can conflict.\r\n"
                    + "+    * NOSAVE: no checkpoint first: recovery replays the op log since the last one.\r\n"
                    + "+ERROR <string>\r\n"
                    + "+    Return a Redis protocol error with <string> as message. Useful for clients\r\n"
                    + "+    unit tests to simulate Redis errors.\r\n"
                    + "+LOG <message>\r\n"
                    + "+    Write <message> to the server log.\r\n"
                    + "+SET-ACTIVE-EXPIRE <0|1>\r\n"
                    + "+    Setting it to 0 disables expiring keys in background when they are not\r\n"
                    + "+    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the\r\n"
                    + "+    default.\r\n"
                    + "+SLEEP <seconds>\r\n+    Stop the server for <seconds>. Decimals allowed.\r\n+HELP\r\n+    Print this help.\r\n");
            assertThat(c.call("DEBUG", "ERROR", "WRONGPASS my\r\ntext")).isEqualTo("-WRONGPASS my  text\r\n");
            assertThat(c.call("INFO", "errorstats")).contains("errorstat_WRONGPASS:count=1");
            assertThat(c.call("DEBUG", "LOG", "hello from a test")).isEqualTo("+OK\r\n");
            // the active expiry cycle off: a key past its deadline stays until it is touched
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", "gone", "1", "PX", "1")).isEqualTo("+OK\r\n");
            Thread.sleep(500); // five cycles at hz 10
            assertThat(c.call("INFO", "stats")).contains("expired_keys:0\r\n");
            assertThat(c.call("DEBUG", "SET-ACTIVE-EXPIRE", "1")).isEqualTo("+OK\r\n");
            long deadline = System.currentTimeMillis() + 10_000;
            while (!c.call("INFO", "stats").contains("expired_keys:1\r\n") && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertThat(c.call("INFO", "stats")).contains("expired_keys:1\r\n");
            assertThat(c.call("DEBUG", "LOG")).isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'LOG'. Try DEBUG HELP.\r\n");
            assertThat(c.call("DEBUG", "nope")).isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'nope'. Try DEBUG HELP.\r\n");
            assertThat(c.call("DEBUG", "SLEEP")).isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP.\r\n");
            assertThat(c.call("COMMAND", "INFO", "debug")).contains("+protected\r\n");
        }
    }

    @Test
    void localAllowsLoopbackConnectionsOnly() throws Exception {
        try (TestServer server = TestServer.start(ConfigFields.ENABLE_DEBUG_COMMAND, "local", ConfigFields.BIND_ADDR, "0.0.0.0",
                ConfigFields.PROTECTED_MODE, "no");
             RawClient c = new RawClient(server.port())) {
            assertThat(c.call("DEBUG", "SLEEP", "0")).isEqualTo("+OK\r\n");
            InetAddress external = externalAddress();
            if (external == null) return; // a machine with loopback only
            try (Socket s = new Socket(external, server.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(RawClient.command("DEBUG", "SLEEP", "0").getBytes(StandardCharsets.UTF_8));
                byte[] reply = s.getInputStream().readNBytes(REFUSED.length());
                assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo(REFUSED);
            }
        }
    }

    private static InetAddress externalAddress() throws Exception {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) continue;
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) return a;
            }
        }
        return null;
    }
}
