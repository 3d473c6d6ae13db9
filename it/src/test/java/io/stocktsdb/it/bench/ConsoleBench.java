package io.stocktsdb.it.bench;

import io.stocktsdb.it.TestServer;
import io.stocktsdb.it.ops.ConsoleIT;
import io.stocktsdb.server.config.ConfigFields;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * The console's targets, measured in headless Chromium (a benchmark, not part of CI: its name
 * does not end in IT). With 100,000 series in the keyspace: time from opening the page to the
 * series list shown; with one series of 1,000,000 samples: time from clicking it to its chart
 * drawn (aggregated by the server to about 800 buckets). Medians of 5. Run:
 * {@code mvn -pl it -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ConsoleBench}
 */
class ConsoleBench {
    private static final int SERIES = 100_000;
    private static final int BIG_SAMPLES = 1_000_000;
    private static final int ROUNDS = 5;

    @Test
    void pageReadyAndChartOfAMillionSamples() throws Exception {
        int metrics;
        try (ServerSocket s = new ServerSocket(0)) {
            metrics = s.getLocalPort();
        }
        try (TestServer s = TestServer.start(ConfigFields.METRICS_PORT, metrics)) {
            fill(s.port());
            Path profile = Files.createTempDirectory("console-bench");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(new File("/usr/bin/chromium"));
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--user-data-dir=" + profile);
            WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                    .usingAnyFreePort().build(), options);
            List<Long> ready = new ArrayList<>();
            List<Long> chart = new ArrayList<>();
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                wait.pollingEvery(Duration.ofMillis(5));
                for (int round = 0; round <= ROUNDS; round++) {
                    long t0 = System.nanoTime();
                    driver.get("http://127.0.0.1:" + metrics + "/console/");
                    wait.until(d -> d.findElements(By.cssSelector("#series-table tbody tr")).size() >= 50);
                    long t1 = System.nanoTime();
                    driver.findElement(By.id("filter")).sendKeys("big=1", Keys.ENTER);
                    wait.until(d -> d.findElements(By.cssSelector("#series-table tbody tr[data-key='bench:big']")).size() == 1);
                    long t2 = System.nanoTime();
                    driver.findElement(By.cssSelector("#series-table tbody tr[data-key='bench:big']")).click();
                    wait.until(ConsoleIT::nonBlankCanvas);
                    long t3 = System.nanoTime();
                    if (round > 0) { // the first round warms both JVMs and the browser
                        ready.add((t1 - t0) / 1_000_000);
                        chart.add((t3 - t2) / 1_000_000);
                    }
                }
            } finally {
                driver.quit();
                TestServer.deleteTree(profile);
            }
            Collections.sort(ready);
            Collections.sort(chart);
            System.out.printf("console with %d series: page ready (series list shown) median %d ms %s%n", SERIES + 1, ready.get(ROUNDS / 2), ready);
            System.out.printf("chart of %d samples drawn after the click: median %d ms %s%n", BIG_SAMPLES, chart.get(ROUNDS / 2), chart);
        }
    }

    /** 100,000 labelled series of one sample each, and one series of a million 1 s ticks. */
    private static void fill(int port) {
        try (Jedis j = new Jedis("127.0.0.1", port, 60_000)) {
            Pipeline p = j.pipelined();
            for (int i = 0; i < SERIES; i++) {
                String key = "bench:s" + i;
                p.sendCommand(() -> "TS.ADD".getBytes(), key, "1796002200000", String.valueOf(i % 100),
                        "LABELS", "market", i % 2 == 0 ? "SH" : "SZ", "sector", "s" + (i % 30));
                if (i % 10_000 == 9_999) p.sync();
            }
            p.sync();
            j.sendCommand(() -> "TS.CREATE".getBytes(), "bench:big", "LABELS", "big", "1");
            for (int b = 0; b < BIG_SAMPLES / 5_000; b++) {
                String[] args = new String[5_000 * 3];
                for (int k = 0; k < 5_000; k++) {
                    long i = (long) b * 5_000 + k;
                    args[3 * k] = "bench:big";
                    args[3 * k + 1] = String.valueOf(1796002200000L + i * 1000);
                    args[3 * k + 2] = String.valueOf(100 + Math.sin(i / 600.0) * 5 + (i % 17) * 0.01);
                }
                p.sendCommand(() -> "TS.MADD".getBytes(), args);
                if (b % 20 == 19) p.sync();
            }
            p.sync();
        }
    }
}
