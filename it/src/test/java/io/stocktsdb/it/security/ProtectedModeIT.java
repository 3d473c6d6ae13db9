package io.stocktsdb.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.transport.ProtectedMode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Protected mode: no default-user password and a non-loopback bind refuses non-loopback clients. */
class ProtectedModeIT {

    /** A non-loopback IPv4 address of this machine, so that the server sees a non-loopback peer. */
    private static InetAddress externalAddress() throws Exception {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) continue;
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) return a;
            }
        }
        return null;
    }

    /**
     * Connects from {@code address}; a refused client is told at once (before it sends anything,
     * so the close cannot reset unread input), otherwise PING is sent. Returns what the server sent.
     */
    private static String pingFrom(InetAddress address, int port) throws Exception {
        try (Socket s = new Socket(address, port)) {
            InputStream in = s.getInputStream();
            s.setSoTimeout(300);
            try {
                int first = in.read();
                if (first < 0) return "";
                ByteArrayOutputStream greeting = new ByteArrayOutputStream();
                greeting.write(first);
                s.setSoTimeout(5000);
                byte[] buf = new byte[4096];
                for (int n; (n = in.read(buf)) > 0; ) greeting.write(buf, 0, n);
                return greeting.toString(StandardCharsets.US_ASCII);
            } catch (java.net.SocketTimeoutException quiet) {
                // not refused: the server waits for a command
            }
            s.setSoTimeout(5000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                got.write(buf, 0, n);
                if (got.toString(StandardCharsets.US_ASCII).endsWith("\r\n")) break; // one line is the whole reply
            }
            return got.toString(StandardCharsets.US_ASCII);
        }
    }

    @Test
    void externalClientsAreRefusedUntilAPasswordIsSet() throws Exception {
        InetAddress external = externalAddress();
        assumeTrue(external != null, "no non-loopback interface on this machine");
        try (TestServer s = TestServer.start(ConfigFields.BIND_ADDR, "0.0.0.0")) {
            String refused = pingFrom(external, s.port());
            assertThat(refused).isEqualTo(new String(ProtectedMode.DENIED, StandardCharsets.US_ASCII));
            assertThat(refused).startsWith("-DENIED Redis is running in protected mode because protected mode is enabled and no password "
                    + "is set for the default user.");
            assertThat(pingFrom(InetAddress.getLoopbackAddress(), s.port())).isEqualTo("+PONG\r\n");
            try (RawClient local = new RawClient(s.port())) {
                assertThat(local.call("CONFIG", "GET", "protected-mode")).isEqualTo("*2\r\n$14\r\nprotected-mode\r\n$3\r\nyes\r\n");
                assertThat(local.call("CONFIG", "SET", "requirepass", "pw")).isEqualTo("+OK\r\n");
                assertThat(pingFrom(external, s.port())).isEqualTo("-NOAUTH Authentication required.\r\n");
                local.call("AUTH", "pw");
                local.call("CONFIG", "SET", "requirepass", "");
                assertThat(pingFrom(external, s.port())).startsWith("-DENIED");
                assertThat(local.call("CONFIG", "SET", "protected-mode", "no")).isEqualTo("+OK\r\n");
                assertThat(pingFrom(external, s.port())).isEqualTo("+PONG\r\n");
            }
        }
    }
}
