package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.TestServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The programs in examples/ (Python with redis-py, Java with Jedis, Node with node-redis) run
 * against a real server and print the same candles and groups. A language whose runtime or
 * client library is missing is skipped with a loud message (.ci/run installs them all).
 */
class ExamplesIT {
    private static final Path EXAMPLES = Path.of("..", "examples");
    /** What every example prints: 4 one-minute candles, one 5-minute candle per family, the GROUPBY rows. */
    private static final String EXPECTED = """
            candle 1796002200000 1700 1700.9 1700 1700.9 6174 10498577.399999999 60 1700.449854227405
            candle 1796002260000 1700 1700.9 1700 1700.9 6183 10513882.500000002 60 1700.4500242600682
            candle 1796002320000 1700 1700.9 1700 1700.9 6178 10505380.600000001 60 1700.4500809323408
            candle 1796002380000 1700 1700.9 1700 1700.9 6180 10508781.499999998 60 1700.4500809061485
            family stock:SH600000:k 1796002200000 10 10.9 10 10.9 24715 258272.00000000006 240 10.450010115314589
            family stock:SH600519:k 1796002200000 1700 1700.9 1700 1700.9 24715 42026622.000000015 240 1700.450010115315
            group field=price 1796002200000=1711.8000000000002 1796002260000=1711.8000000000002 1796002320000=1711.8000000000002 \
            1796002380000=1711.8000000000002
            """;

    private static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static String run(List<String> command) throws Exception {
        Path log = Files.createTempFile("example", ".err");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s failed: %s", command, Files.readString(log)).isZero();
        Files.delete(log);
        return out;
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static void require(boolean present, String what) {
        if (!present) System.err.println("\n*** ExamplesIT: SKIPPING " + what + " ***\n");
        Assumptions.assumeTrue(present, what);
    }

    @Test
    void pythonWithRedisPy() throws Exception {
        String python = new File("/usr/bin/python3").canExecute() ? "/usr/bin/python3" : "python3";
        require(works(python, "-c", "import redis"), "the Python example: no python3 with redis-py (apt-get install python3-redis)");
        assertThat(run(List.of(python, EXAMPLES.resolve("python/kline_example.py").toString(), "" + server.port()))).isEqualTo(EXPECTED);
    }

    @Test
    void nodeWithNodeRedis() throws Exception {
        require(works("node", "--version") && Files.isDirectory(EXAMPLES.resolve("node/node_modules/redis")),
                "the Node example: no node or no examples/node/node_modules (npm ci --prefix examples/node)");
        assertThat(run(List.of("node", EXAMPLES.resolve("node/kline_example.mjs").toString(), "" + server.port()))).isEqualTo(EXPECTED);
    }

    @Test
    void javaWithJedis() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                EXAMPLES.resolve("java/KlineExample.java").toString(), "" + server.port()));
        assertThat(run(cmd)).isEqualTo(EXPECTED);
    }
}
