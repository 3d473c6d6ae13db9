package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.boot.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BACKUP and `stocktsdb backup`: the copy holds what was written before it, and a server starts on it. */
class BackupIT {
    @TempDir
    Path dir;

    @Test
    @Covers({"backup"})
    void backupThenRestoreByStartingOnTheCopy() throws Exception {
        Path copy = dir.resolve("copy");
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            c.call("SET", "before", "1");
            assertThat(c.call("TS.ADD", "stock:A:close", "1000", "10.5", "LABELS", "business", "stock_quotes"))
                    .isEqualTo(":1000\r\n");
            assertThat(c.call("TS.ADD", "stock:A:close", "2000", "11.5")).isEqualTo(":2000\r\n");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"backup", "--dir", copy.toString(), "--port", String.valueOf(server.port())},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo("backup written to " + copy + "\n");
            c.call("SET", "after", "1");
            c.call("TS.ADD", "stock:A:close", "3000", "12.5");
            assertThat(c.call("BACKUP", copy.toString())).isEqualTo("-ERR BACKUP target already exists\r\n");
            assertThat(c.call("BACKUP", "relative/dir")).isEqualTo("-ERR BACKUP needs an absolute directory path\r\n");
        }
        assertThat(Files.exists(copy.resolve("CURRENT"))).isTrue();
        try (TestServer restored = TestServer.startIn(copy); RawClient c = new RawClient(restored.port())) {
            assertThat(c.call("GET", "before")).isEqualTo("$1\r\n1\r\n");
            assertThat(c.call("EXISTS", "after")).isEqualTo(":0\r\n");
            assertThat(c.call("TS.RANGE", "stock:A:close", "-", "+"))
                    .isEqualTo("*2\r\n*2\r\n:1000\r\n+10.5\r\n*2\r\n:2000\r\n+11.5\r\n");
            assertThat(c.call("TS.QUERYINDEX", "business=stock_quotes")).isEqualTo("*1\r\n$13\r\nstock:A:close\r\n");
        }
    }
}
