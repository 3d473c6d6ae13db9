package io.stocktsdb.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.ServerProcess;
import io.stocktsdb.it.TestServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real jar after kill -9 with its newest WAL cut short or corrupted, or an SST file
 * corrupted: never a silent start with less data, and the {@code check} subcommand reports and
 * salvages.
 */
class DamagedFilesIT {
    private static final List<String> JVM = List.of("-Xmx256m");
    private static final int ROUNDS = 12;
    private static final int STRINGS_PER_ROUND = 300;
    private static final int SERIES = 20;
    private static Path root;
    /** A data directory written by ROUNDS pipelined rounds and left by kill -9 (its WAL holds everything). */
    private static Path crashed;

    @BeforeAll
    static void writeAndKill() throws Exception {
        root = Files.createTempDirectory("stocktsdb-damaged");
        crashed = root.resolve("crashed");
        try (ServerProcess server = ServerProcess.start(ServerProcess.freePort(), JVM, crashed, root.resolve("write.log"));
             RawClient c = new RawClient(server.port())) {
            for (int round = 0; round < ROUNDS; round++) {
                StringBuilder pipe = new StringBuilder();
                for (int i = 0; i < STRINGS_PER_ROUND; i++) {
                    int n = round * STRINGS_PER_ROUND + i;
                    pipe.append(RawClient.command("SET", "k" + n, "value-" + n));
                }
                for (int s = 0; s < SERIES; s++) pipe.append(RawClient.command("TS.ADD", "ts:" + s, String.valueOf(1000 + round), String.valueOf(round)));
                c.send(pipe.toString());
                for (int i = 0; i < STRINGS_PER_ROUND + SERIES; i++) assertThat(c.readReply()).isIn("+OK\r\n", ":" + (1000 + round) + "\r\n");
            }
            server.kill9();
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        TestServer.deleteTree(root);
    }

    @Test
    void anIntactDirectoryChecksClean() throws Exception {
        Path dir = copy(crashed, "intact");
        Run check = run("check", "--data-dir", dir.toString());
        assertThat(check.exit).isZero();
        assertThat(check.output).contains("no damage found: 1 WAL file(s), 0 SST file(s)");
    }

    @Test
    void aTornWalTailIsCutWithAWarningAndShownInInfo() throws Exception {
        Path dir = copy(crashed, "torn");
        Path wal = StoreFiles.onlyWal(dir);
        long size = Files.size(wal);
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
            f.setLength(size / 2 + 5);
        }
        Run check = run("check", "--data-dir", dir.toString());
        assertThat(check.exit).isEqualTo(1);
        assertThat(check.output).contains("(a torn tail, as a crash while writing leaves)", "a start cuts the log there");

        Path log = root.resolve("torn.log");
        try (ServerProcess server = ServerProcess.start(ServerProcess.freePort(), JVM, dir, log); RawClient c = new RawClient(server.port())) {
            String info = c.call("INFO", "persistence");
            assertThat(info).contains("wal_recovery:tail_cut\r\n", "wal_recovery_dropped_batches:0\r\n", "wal_recovery_damage:" + wal.getFileName() + ":");
            long dropped = field(info, "wal_recovery_dropped_bytes");
            assertThat(dropped).isPositive().isLessThan(size);
            long keys = Long.parseLong(c.call("DBSIZE").trim().substring(1));
            assertThat(keys).isPositive().isLessThan(ROUNDS * STRINGS_PER_ROUND + SERIES);
            assertThat(c.call("GET", "k0")).isEqualTo("$7\r\nvalue-0\r\n");
        }
        assertThat(Files.readString(log)).contains("WAL DAMAGED: " + wal + " ends in", "cutting it there and dropping");
    }

    @Test
    void damageBeforeIntactRecordsRefusesToStartUntilCheckFixesItOrTheLossIsAccepted() throws Exception {
        Path dir = copy(crashed, "corrupt");
        Path wal = StoreFiles.onlyWal(dir);
        StoreFiles.flipByte(wal, Files.size(wal) / 3);
        String before = fingerprint(dir);

        Run start = run("--port", String.valueOf(ServerProcess.freePort()), "--metrics-port", "0", "--data-dir", dir.toString());
        assertThat(start.exit).isEqualTo(1);
        assertThat(start.output).contains("stocktsdb: start-up failed: the write-ahead log " + wal + " is damaged at offset ",
                "(a checksum mismatch) and ", "intact write batches", "starting would drop them, so the server did not start and changed nothing",
                "check --data-dir " + dir, "--wal-accept-damage yes");

        Run check = run("check", "--data-dir", dir.toString());
        assertThat(check.exit).isEqualTo(1);
        assertThat(check.output).contains("WAL " + wal.getFileName() + ": ", "DAMAGED there (a checksum mismatch)",
                "intact write batches follow the damage", "a start refuses (unless wal_accept_damage)", "they hold ");

        Path fixed = root.resolve("corrupt-fixed");
        Run fix = run("check", "--data-dir", dir.toString(), "--fix", fixed.toString());
        assertThat(fix.exit).isEqualTo(1);
        assertThat(fix.output).contains("copied up to offset", "salvaged into " + fixed + ": every SST file intact; the WAL cut at " + wal.getFileName());
        assertThat(fingerprint(dir)).isEqualTo(before);

        long salvagedKeys;
        try (ServerProcess server = ServerProcess.start(ServerProcess.freePort(), JVM, fixed, root.resolve("fixed.log"));
             RawClient c = new RawClient(server.port())) {
            assertThat(c.call("INFO", "persistence")).contains("wal_recovery:ok\r\n");
            salvagedKeys = Long.parseLong(c.call("DBSIZE").trim().substring(1));
            assertThat(salvagedKeys).isPositive().isLessThan(ROUNDS * STRINGS_PER_ROUND + SERIES);
            assertThat(c.call("GET", "k0")).isEqualTo("$7\r\nvalue-0\r\n");
        }
        try (ServerProcess server = ServerProcess.start(ServerProcess.freePort(), JVM, dir, root.resolve("accepted.log"), "--wal-accept-damage", "yes");
             RawClient c = new RawClient(server.port())) {
            String info = c.call("INFO", "persistence");
            assertThat(info).contains("wal_recovery:damage_accepted\r\n");
            assertThat(field(info, "wal_recovery_dropped_batches")).isPositive();
            // both cut the log at the same place
            assertThat(Long.parseLong(c.call("DBSIZE").trim().substring(1))).isEqualTo(salvagedKeys);
        }
    }

    @Test
    void aCorruptedSstNamesTheFileAndCheckSalvagesAroundIt() throws Exception {
        Path dir = copy(crashed, "sst");
        try (ServerProcess server = ServerProcess.start(ServerProcess.freePort(), JVM, dir, root.resolve("sst-flush.log"));
             RawClient c = new RawClient(server.port())) {
            c.send(RawClient.command("SHUTDOWN"));
            assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        Path sst;
        try (Stream<Path> s = Files.list(dir)) {
            sst = s.filter(p -> p.toString().endsWith(".sst")).max(Comparator.comparingLong(DamagedFilesIT::size)).orElseThrow();
        }
        StoreFiles.flipByte(sst, Files.size(sst) / 2);

        Run start = run("--port", String.valueOf(ServerProcess.freePort()), "--metrics-port", "0", "--data-dir", dir.toString());
        assertThat(start.exit).isEqualTo(1);
        assertThat(start.output).contains("stocktsdb: start-up failed: cannot load " + dir + ": the data file " + sst
                + " is damaged (block checksum mismatch: stored = ", "; the server did not start and changed nothing", "check --data-dir " + dir);

        Run check = run("check", "--data-dir", dir.toString());
        assertThat(check.exit).isEqualTo(1);
        assertThat(check.output).contains("SST " + sst.getFileName() + " (column family default, level ", "): DAMAGED: block checksum mismatch",
                "unreadable range(s)", "damage found: 0 damaged WAL file(s), 1 damaged SST file(s)");

        Path fixed = root.resolve("sst-fixed");
        Run fix = run("check", "--data-dir", dir.toString(), "--fix", fixed.toString());
        assertThat(fix.exit).isEqualTo(1);
        assertThat(fix.output).contains("column family default: ", "(merged file by file around the damage)", "salvaged into " + fixed);
        try (ServerProcess server = ServerProcess.start(ServerProcess.freePort(), JVM, fixed, root.resolve("sst-fixed.log"));
             RawClient c = new RawClient(server.port())) {
            long keys = Long.parseLong(c.call("DBSIZE").trim().substring(1));
            // one 16 KB block of metadata records is lost, the rest is back
            assertThat(keys).isGreaterThan((ROUNDS * STRINGS_PER_ROUND + SERIES) / 2).isLessThan(ROUNDS * STRINGS_PER_ROUND + SERIES);
        }
    }

    private record Run(int exit, String output) {}

    private static Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(ServerProcess.command(JVM));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r\n")) if (line.startsWith(name + ":")) return Long.parseLong(line.substring(name.length() + 1));
        throw new AssertionError(name + " not in " + info);
    }

    /** Names, sizes and modification times of every file: equal before and after means untouched. */
    private static String fingerprint(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) sb.append(p.getFileName()).append(' ').append(Files.size(p)).append(' ')
                    .append(Files.getLastModifiedTime(p)).append('\n');
        }
        return sb.toString();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path copy(Path from, String name) throws IOException {
        Path to = root.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) if (!p.getFileName().toString().equals("LOCK")) Files.copy(p, to.resolve(p.getFileName()));
        }
        return to;
    }
}
