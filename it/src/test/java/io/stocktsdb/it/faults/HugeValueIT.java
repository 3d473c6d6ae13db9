package io.stocktsdb.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.ServerProcess;
import io.stocktsdb.it.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A big SET through the real jar (64 MB here so CI stays fast; bench/scripts/huge_value.py runs
 * the 500 MB case and measures memory and PING latency): other clients are served while the
 * argument streams into its own array, GET streams it back exactly, and it survives kill -9 (it
 * is stored in parts in the bigvalues column family, named by a small op-log record).
 */
class HugeValueIT {
    private static final int MB = 1 << 20;
    private static final int SIZE = 64 * MB;

    @Test
    void aBigSetStreamsInWhileOthersAreServedReadsBackAndSurvivesKill9() throws Exception {
        Path dir = Files.createTempDirectory("stocktsdb-huge");
        try {
            Path data = dir.resolve("data");
            try (ServerProcess server = ServerProcess.start(ServerProcess.freePort(), List.of("-Xmx768m"), data, dir.resolve("server.log"));
                 Socket big = new Socket("127.0.0.1", server.port());
                 RawClient other = new RawClient(server.port())) {
                OutputStream out = big.getOutputStream();
                out.write(("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + SIZE + "\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[MB];
                for (int i = 0; i < SIZE / MB; i++) {
                    Arrays.fill(chunk, (byte) ('a' + i % 26));
                    out.write(chunk);
                    if (i % 8 == 0) {
                        // the argument is half read: the server still answers everyone else
                        long t = System.nanoTime();
                        assertThat(other.call("PING")).isEqualTo("+PONG\r\n");
                        assertThat((System.nanoTime() - t) / 1_000_000).isLessThan(2_000);
                    }
                }
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = big.getInputStream();
                byte[] ok = in.readNBytes(5);
                assertThat(new String(ok, StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
                assertValue(other);
                assertWholeValue(big);
                server.kill9();
            }
            try (ServerProcess again = ServerProcess.start(ServerProcess.freePort(), List.of("-Xmx768m"), data, dir.resolve("server.log"));
                 RawClient c = new RawClient(again.port())) {
                assertValue(c);
                // kill -9 may land inside the checkpoint's 32 MB batch: that torn tail is cut, nothing acknowledged is lost
                assertThat(c.call("INFO", "persistence")).containsPattern("wal_recovery:(ok|tail_cut)\r\n").contains("wal_recovery_dropped_batches:0\r\n");
            }
        } finally {
            TestServer.deleteTree(dir);
        }
    }

    /** GET of the whole value (sent from the stored array in slices), byte for byte. */
    private static void assertWholeValue(Socket s) throws Exception {
        s.getOutputStream().write("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        String header = ("$" + SIZE + "\r\n");
        assertThat(new String(in.readNBytes(header.length()), StandardCharsets.US_ASCII)).isEqualTo(header);
        for (int i = 0; i < SIZE / MB; i++) {
            byte[] got = in.readNBytes(MB);
            byte[] want = new byte[MB];
            Arrays.fill(want, (byte) ('a' + i % 26));
            assertThat(got).as("MB %d of the GET reply", i).isEqualTo(want);
        }
        assertThat(new String(in.readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("\r\n");
    }

    private static void assertValue(RawClient c) throws Exception {
        assertThat(c.call("STRLEN", "big")).isEqualTo(":" + SIZE + "\r\n");
        assertThat(c.call("GETRANGE", "big", "0", "2")).isEqualTo("$3\r\naaa\r\n");
        int last = SIZE / MB - 1;
        char lastChar = (char) ('a' + last % 26);
        assertThat(c.call("GETRANGE", "big", String.valueOf(SIZE - 2), String.valueOf(SIZE - 1))).isEqualTo("$2\r\n" + lastChar + lastChar + "\r\n");
        char mid = (char) ('a' + (SIZE / 2 / MB) % 26);
        assertThat(c.call("GETRANGE", "big", String.valueOf(SIZE / 2), String.valueOf(SIZE / 2))).isEqualTo("$1\r\n" + mid + "\r\n");
    }
}
