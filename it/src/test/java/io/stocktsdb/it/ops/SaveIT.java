package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.Covers;
import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SAVE, BGSAVE and LASTSAVE: a RocksDB checkpoint in data_dir/snapshot, and INFO persistence's rdb_* fields. */
class SaveIT {
    private static Map<String, String> persistence(RawClient c) throws Exception {
        return InfoText.parseReply(c.call("INFO", "persistence")).section("Persistence");
    }

    @Test
    @Covers({"save", "bgsave", "lastsave"})
    void saveAndBgsaveWriteASnapshotThatOpensAsADataDir() throws Exception {
        Path restoreDir;
        try (TestServer server = TestServer.start(); RawClient c = new RawClient(server.port())) {
            long started = Long.parseLong(c.call("LASTSAVE").substring(1).trim());
            assertThat(started).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
            Map<String, String> p = persistence(c);
            assertThat(p).containsEntry("rdb_changes_since_last_save", "0").containsEntry("rdb_bgsave_in_progress", "0")
                    .containsEntry("rdb_last_bgsave_status", "ok").containsEntry("rdb_last_bgsave_time_sec", "-1")
                    .containsEntry("rdb_current_bgsave_time_sec", "-1").containsEntry("rdb_saves", "0")
                    .containsEntry("rdb_last_save_time", Long.toString(started));
            assertThat(c.call("SET", "a", "1")).isEqualTo("+OK\r\n");
            assertThat(c.call("TS.ADD", "t", "1000", "2.5")).isEqualTo(":1000\r\n");
            // changes are op-log records: the TS.ADD that creates its series writes two (create, sample)
            assertThat(persistence(c)).containsEntry("rdb_changes_since_last_save", "3");
            Thread.sleep(1100); // LASTSAVE has a resolution of one second
            assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
            long saved = Long.parseLong(c.call("LASTSAVE").substring(1).trim());
            assertThat(saved).isGreaterThan(started);
            assertThat(persistence(c)).containsEntry("rdb_changes_since_last_save", "0").containsEntry("rdb_saves", "1")
                    .containsEntry("rdb_last_save_time", Long.toString(saved));
            Path snapshot = server.dataDir().resolve("snapshot");
            assertThat(Files.isDirectory(snapshot)).isTrue();

            assertThat(c.call("SET", "b", "2")).isEqualTo("+OK\r\n");
            assertThat(c.call("BGSAVE", "NOW")).isEqualTo("-ERR syntax error\r\n");
            assertThat(c.call("BGSAVE", "SCHEDULE")).isEqualTo("+Background saving started\r\n");
            long deadline = System.currentTimeMillis() + 10_000;
            while (persistence(c).get("rdb_bgsave_in_progress").equals("1") && System.currentTimeMillis() < deadline) Thread.sleep(20);
            Map<String, String> after = persistence(c);
            assertThat(after).containsEntry("rdb_bgsave_in_progress", "0").containsEntry("rdb_last_bgsave_status", "ok")
                    .containsEntry("rdb_changes_since_last_save", "0").containsEntry("rdb_saves", "2")
                    .containsEntry("rdb_last_bgsave_time_sec", "0");
            assertThat(c.call("BGSAVE")).isEqualTo("+Background saving started\r\n");
            // one snapshot is kept: no temporary or old copies are left behind
            deadline = System.currentTimeMillis() + 10_000;
            while (persistence(c).get("rdb_bgsave_in_progress").equals("1") && System.currentTimeMillis() < deadline) Thread.sleep(20);
            try (var list = Files.list(server.dataDir())) {
                assertThat(list.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("snapshot"))).containsExactly("snapshot");
            }
            restoreDir = Files.createTempDirectory("stocktsdb-restore");
            Files.delete(restoreDir);
            copyTree(snapshot, restoreDir);
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SAVE")).isEqualTo("-ERR Command not allowed inside a transaction\r\n");
            c.call("DISCARD");
        }
        try (TestServer restored = TestServer.startIn(restoreDir); RawClient c = new RawClient(restored.port())) {
            assertThat(c.call("GET", "a")).isEqualTo("$1\r\n1\r\n");
            assertThat(c.call("GET", "b")).isEqualTo("$1\r\n2\r\n");
            assertThat(c.call("TS.GET", "t")).isEqualTo("*2\r\n:1000\r\n+2.5\r\n");
        } finally {
            TestServer.deleteTree(restoreDir);
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
    }
}
