package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/stocktsdb.sh against the real jar: start, status, restart, stop, and nothing left running. */
class ServiceScriptIT {
    private static final Path SCRIPT = Path.of("..", "bin", "stocktsdb.sh").toAbsolutePath().normalize();
    @TempDir
    Path home;

    record Result(int exit, String output) {}

    private Result script(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("STOCKTSDB_HOME", home.toString());
        pb.environment().put("STOCKTSDB_JAR", new File(System.getProperty("stocktsdb.jar", "../server/target/stocktsdb.jar"))
                .getAbsolutePath());
        pb.environment().put("STOCKTSDB_HEAP_OPTS", "-Xmx256m");
        pb.environment().put("STOCKTSDB_STOP_TIMEOUT", "30");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static long pid(String output) {
        Matcher m = Pattern.compile("\\(pid (\\d+)\\)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void startStatusRestartStop() throws Exception {
        int port = freePort();
        String[] flags = {"--port", String.valueOf(port), "--metrics-port", "0", "--data-dir", home.resolve("data").toString()};
        assertThat(script("status")).isEqualTo(new Result(3, "StockTSDB not running\n"));

        List<String> start = new ArrayList<>(List.of("start"));
        start.addAll(List.of(flags));
        Result started = script(start.toArray(new String[0]));
        assertThat(started.exit()).as(started.output()).isZero();
        long first = pid(started.output());
        assertThat(Files.readString(home.resolve("run/stocktsdb.pid")).trim()).isEqualTo(String.valueOf(first));
        assertThat(script("status")).isEqualTo(new Result(0, "StockTSDB running (pid " + first + ")\n"));
        assertThat(script("start").output()).isEqualTo("StockTSDB already running (pid " + first + ")\n");
        try (RawClient c = new RawClient(port)) {
            assertThat(c.call("SET", "survives", "restart")).isEqualTo("+OK\r\n");
        }

        // restart reuses the flags of the last start
        Result restarted = script("restart");
        assertThat(restarted.exit()).as(restarted.output()).isZero();
        assertThat(restarted.output()).startsWith("StockTSDB stopped\nStockTSDB started (pid ");
        long second = pid(restarted.output());
        assertThat(alive(first)).isFalse();
        try (RawClient c = new RawClient(port)) {
            assertThat(c.call("GET", "survives")).isEqualTo("$7\r\nrestart\r\n");
        }

        Result stopped = script("stop");
        assertThat(stopped).isEqualTo(new Result(0, "StockTSDB stopped\n"));
        assertThat(alive(second)).isFalse();
        assertThat(home.resolve("run/stocktsdb.pid")).doesNotExist();
        assertThat(script("status").exit()).isEqualTo(3);
        assertThat(script("stop")).isEqualTo(new Result(0, "StockTSDB not running\n"));
        assertThat(Files.readString(home.resolve("logs/stocktsdb.out"))).contains("StockTSDB ready").contains("StockTSDB stopped");
    }

    @Test
    void stopFallsBackToSigtermWhenShutdownIsRefused() throws Exception {
        int port = freePort();
        Result started = script("start", "--port", String.valueOf(port), "--metrics-port", "0", "--requirepass", "right",
                "--data-dir", home.resolve("data").toString());
        assertThat(started.exit()).as(started.output()).isZero();
        long pid = pid(started.output());
        // the saved flags now carry a wrong password: AUTH fails, so the script must use SIGTERM
        byte[] args = String.join("\0", "--port", String.valueOf(port), "--requirepass", "wrong").concat("\0")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(home.resolve("run/stocktsdb.args"), args);
        Result stopped = script("stop");
        assertThat(stopped.exit()).as(stopped.output()).isZero();
        assertThat(stopped.output()).isEqualTo("SHUTDOWN was not accepted; sending SIGTERM\nStockTSDB stopped\n");
        assertThat(alive(pid)).isFalse();
        // SIGTERM ran the shutdown hook: a clean, checkpointed stop
        assertThat(Files.readString(home.resolve("logs/stocktsdb.out"))).contains("StockTSDB stopped");
    }

    @Test
    void aFailedStartReportsTheLog() throws Exception {
        Result r = script("start", "--port", "not-a-port");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).startsWith("StockTSDB failed to start; last lines of").contains("port");
        assertThat(home.resolve("run/stocktsdb.pid")).doesNotExist();
    }
}
