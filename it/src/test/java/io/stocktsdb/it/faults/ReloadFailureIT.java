package io.stocktsdb.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.ServerProcess;
import io.stocktsdb.it.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DEBUG RELOAD when the store cannot be opened again (its write-ahead log was damaged while the
 * server ran, which only a reopen reads): the client gets Redis's load error, the server does not
 * go on serving from a closed store but exits with status 1, and once the log is repaired a
 * restart recovers every acknowledged write.
 */
class ReloadFailureIT {
    @Test
    void aStoreThatCannotBeReopenedStopsTheServerAndLosesNothing() throws Exception {
        Path root = Files.createTempDirectory("stocktsdb-reloadfail");
        Path data = root.resolve("data");
        Path log = root.resolve("server.log");
        try {
            try (ServerProcess server = ServerProcess.start(data, log, "--enable-debug-command", "yes");
                 RawClient c = new RawClient(server.port())) {
                assertThat(c.call("TS.CREATE", "s", "LABELS", "a", "b")).isEqualTo("+OK\r\n");
                for (int i = 1; i <= 500; i++) {
                    assertThat(c.call("SET", "k" + i, "v" + i)).isEqualTo("+OK\r\n");
                    assertThat(c.call("TS.ADD", "s", String.valueOf(i), "1")).isEqualTo(":" + i + "\r\n");
                }
                Path wal = StoreFiles.onlyWal(data);
                long at = Files.size(wal) / 3;
                StoreFiles.flipByte(wal, at);
                // NOSAVE: closed without a checkpoint, so the reopen replays the log and meets the damage
                assertThat(c.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("-ERR Error trying to load the RDB dump, check server logs.\r\n");
                assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(server.process().exitValue()).isEqualTo(1);
                assertThat(Files.readString(log)).contains("DEBUG RELOAD could not reopen the store; shutting down", "is damaged at offset");
                StoreFiles.flipByte(wal, at); // repaired
            }
            try (ServerProcess again = ServerProcess.start(data, log); RawClient c = new RawClient(again.port())) {
                for (int i = 1; i <= 500; i += 37) assertThat(c.call("GET", "k" + i)).isEqualTo("$" + ("v" + i).length() + "\r\nv" + i + "\r\n");
                assertThat(c.call("DBSIZE")).isEqualTo(":501\r\n");
                assertThat(c.call("TS.RANGE", "s", "-", "+", "AGGREGATION", "count", "1000")).isEqualTo("*1\r\n*2\r\n:0\r\n+500\r\n");
                assertThat(c.call("TS.QUERYINDEX", "a=b")).isEqualTo("*1\r\n$1\r\ns\r\n");
            }
        } finally {
            TestServer.deleteTree(root);
        }
    }
}
