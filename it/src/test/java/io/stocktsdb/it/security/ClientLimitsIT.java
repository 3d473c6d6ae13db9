package io.stocktsdb.it.security;

import static io.stocktsdb.it.RawClient.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One client cannot hurt the others: output buffer limits, maxmemory, query buffer limit, CLIENT KILL. */
class ClientLimitsIT {
    private static final int VALUE_BYTES = 64 * 1024;

    private static String bigValue() { return "v".repeat(VALUE_BYTES); }

    /** Pipelines {@code count} GETs of the big key and never reads; returns the socket. */
    private static Socket floodWithoutReading(int port, int count) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(64 * 1024);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        s.setSoTimeout(10_000);
        byte[] one = command("GET", "big").getBytes(StandardCharsets.US_ASCII);
        byte[] batch = new byte[one.length * 100];
        for (int i = 0; i < 100; i++) System.arraycopy(one, 0, batch, i * one.length, one.length);
        OutputStream out = s.getOutputStream();
        try {
            for (int i = 0; i < count / 100; i++) out.write(batch);
            out.flush();
        } catch (IOException closedWhileSending) {
            // the server dropped us mid-flood, which is what the test wants
        }
        return s;
    }

    /** Reads until the server closes the connection; returns the bytes received. */
    private static long drain(Socket s) {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try {
            InputStream in = s.getInputStream();
            for (int n; (n = in.read(buf)) > 0; ) total += n;
        } catch (IOException reset) {
            // closed with unread input on the server: a reset ends the stream too
        }
        return total;
    }

    private static long stat(RawClient c, String field) throws IOException {
        for (String line : c.call("INFO", "stats").split("\r\n")) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.substring(field.length() + 1));
        }
        throw new AssertionError("no " + field);
    }

    private static void awaitStat(RawClient c, String field, long value) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (stat(c, field) < value && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertThat(stat(c, field)).isEqualTo(value);
    }

    @Test
    void aClientThatNeverReadsIsDroppedAtTheHardLimit() throws Exception {
        try (TestServer s = TestServer.start(ConfigFields.CLIENT_OUTPUT_BUFFER_LIMIT, "normal 1mb 0 0"); RawClient other = new RawClient(s.port())) {
            assertThat(other.call("CONFIG", "GET", "client-output-buffer-limit"))
                    .isEqualTo("*2\r\n$26\r\nclient-output-buffer-limit\r\n$75\r\nnormal 1048576 0 0 replica 268435456 67108864 60 pubsub 33554432 8388608 60\r\n");
            other.call("SET", "big", bigValue());
            // 4000 replies of 64 KB = 250 MB asked for, never read
            try (Socket slow = floodWithoutReading(s.port(), 4000)) {
                awaitStat(other, "client_output_buffer_limit_disconnections", 1);
                long received = drain(slow);
                assertThat(received).isLessThan(32L << 20); // the limit plus what sat in kernel buffers, not 250 MB
            }
            assertThat(other.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(other.call("GET", "big")).hasSize(VALUE_BYTES + 10);
        }
    }

    @Test
    void theSoftLimitAllowsABurstButNotAStall() throws Exception {
        try (TestServer s = TestServer.start(ConfigFields.CLIENT_OUTPUT_BUFFER_LIMIT, "normal 0 512kb 1"); RawClient other = new RawClient(s.port())) {
            other.call("SET", "big", bigValue());
            try (Socket burst = floodWithoutReading(s.port(), 100)) { // ~6.5 MB once, then read at once: stays
                assertThat(readUpTo(burst, 100L * (VALUE_BYTES + 10))).isEqualTo(100L * (VALUE_BYTES + 10));
            }
            assertThat(stat(other, "client_output_buffer_limit_disconnections")).isZero();
            try (Socket stalled = floodWithoutReading(s.port(), 500)) { // ~32 MB never read: dropped after > 1 s
                long start = System.currentTimeMillis();
                awaitStat(other, "client_output_buffer_limit_disconnections", 1);
                assertThat(System.currentTimeMillis() - start).isLessThan(10_000);
                assertThat(drain(stalled)).isLessThan(500L * (VALUE_BYTES + 10));
            }
        }
    }

    /** Reads up to {@code bytes} bytes (less if the server closes); returns how many arrived. */
    private static long readUpTo(Socket s, long bytes) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[1 << 16];
        long got = 0;
        while (got < bytes) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, bytes - got));
            if (n < 0) break;
            got += n;
        }
        return got;
    }

    @Test
    void maxmemoryRefusesDenyOomCommandsOnly() throws Exception {
        try (TestServer s = TestServer.start(); RawClient c = new RawClient(s.port())) {
            assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "SET", "maxmemory", "1mb")).isEqualTo("+OK\r\n");
            assertThat(c.call("INFO", "memory")).contains("\r\nmaxmemory:1048576\r\n");
            assertThat(c.call("SET", "k", "w")).isEqualTo("-OOM command not allowed when used memory > 'maxmemory'.\r\n");
            assertThat(c.call("INCR", "n")).isEqualTo("-OOM command not allowed when used memory > 'maxmemory'.\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
            assertThat(c.call("DEL", "k")).isEqualTo(":1\r\n"); // freeing memory stays possible
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("-OOM command not allowed when used memory > 'maxmemory'.\r\n");
            assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
            assertThat(c.call("CONFIG", "SET", "maxmemory", "0")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", "k", "w")).isEqualTo("+OK\r\n");
            assertThat(c.call("INFO", "errorstats")).contains("errorstat_OOM:count=3");
        }
    }

    @Test
    void queryBufferLimitDropsAHugeUnfinishedRequest() throws Exception {
        try (TestServer s = TestServer.start(ConfigFields.CLIENT_QUERY_BUFFER_LIMIT, "1mb"); RawClient other = new RawClient(s.port());
             RawClient big = new RawClient(s.port())) {
            big.send("*2\r\n$4\r\nECHO\r\n$" + (8 << 20) + "\r\n");
            big.send(new byte[2 << 20]);
            assertThat(big.isClosedByServer()).isTrue();
            assertThat(stat(other, "client_query_buffer_limit_disconnections")).isEqualTo(1);
            assertThat(other.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    @Covers({"client|id"})
    void clientKillByIdAddrAndUser() throws Exception {
        try (TestServer s = TestServer.start(); RawClient admin = new RawClient(s.port()); RawClient a = new RawClient(s.port());
             RawClient b = new RawClient(s.port()); RawClient u = new RawClient(s.port())) {
            admin.call("ACL", "SETUSER", "feed", "on", ">f", "+@all", "~*");
            u.call("AUTH", "feed", "f");
            String aId = a.call("CLIENT", "ID").substring(1).trim();
            String bInfo = b.call("CLIENT", "INFO");
            String bAddr = bInfo.substring(bInfo.indexOf("addr=") + 5, bInfo.indexOf(' ', bInfo.indexOf("addr=")));
            assertThat(bInfo).contains(" user=default ");
            assertThat(admin.call("CLIENT", "KILL", "ID", aId)).isEqualTo(":1\r\n");
            assertThat(a.isClosedByServer()).isTrue();
            assertThat(admin.call("CLIENT", "KILL", "ADDR", bAddr)).isEqualTo(":1\r\n");
            assertThat(b.isClosedByServer()).isTrue();
            assertThat(admin.call("CLIENT", "LIST")).contains(" user=feed ");
            assertThat(admin.call("CLIENT", "KILL", "USER", "feed")).isEqualTo(":1\r\n");
            assertThat(u.isClosedByServer()).isTrue();
            assertThat(admin.call("CLIENT", "KILL", "USER", "feed")).isEqualTo(":0\r\n");
            assertThat(admin.call("PING")).isEqualTo("+PONG\r\n");
        }
    }
}
