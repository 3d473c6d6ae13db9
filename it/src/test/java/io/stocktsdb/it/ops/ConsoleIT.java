package io.stocktsdb.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.it.RawClient;
import io.stocktsdb.it.TestServer;
import io.stocktsdb.server.config.ConfigFields;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console at /console on the HTTP port: behind RESP's authentication, read-only, and
 * working in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): the series list fills, a K-line family draws candles (canvas not blank), the
 * server page refreshes. Screenshots go to target/console-*.png.
 */
public class ConsoleIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long T0 = 1796002200000L; // 2026-11-30 09:30 Shanghai

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> http(int port, String method, String path, String body, String basic) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (basic != null) b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void consoleAsksForTheRespPasswordAndRunsReadsOnly() throws Exception {
        try (TestServer s = TestServer.start(ConfigFields.METRICS_PORT, freePort(), ConfigFields.REQUIREPASS, "s3cret")) {
            int port = s.server().metricsPort();
            HttpResponse<String> page = http(port, "GET", "/console/", null, null);
            assertThat(page.statusCode()).isEqualTo(401);
            assertThat(page.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"StockTSDB console\", charset=\"UTF-8\"");
            assertThat(http(port, "GET", "/console/", null, "default:wrong").statusCode()).isEqualTo(401);
            page = http(port, "GET", "/console/", null, "default:s3cret");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>StockTSDB console</title>");
            assertThat(http(port, "POST", "/console/api", "[\"PING\"]", null).statusCode()).isEqualTo(401);
            assertThat(http(port, "POST", "/console/api", "[\"PING\"]", ":s3cret").body()).isEqualTo("\"PONG\"");
            assertThat(http(port, "POST", "/console/api", "[\"TS.RANGE\",\"nokey\",\"-\",\"+\"]", "default:s3cret").body())
                    .isEqualTo("{\"error\":\"ERR TSDB: the key does not exist\"}");
            assertThat(http(port, "POST", "/console/api", "[\"FLUSHALL\"]", "default:s3cret").body()).isEqualTo(
                    "{\"error\":\"ERR the console runs read-only commands only; 'FLUSHALL' is not one of them\"}");
            assertThat(http(port, "POST", "/console/api", "{}", "default:s3cret").statusCode()).isEqualTo(400);
            // Several commands in one request, pipelined; a refusal or an error in its command's place.
            String batch = "[[\"PING\"],[\"FLUSHALL\"],[\"TS.RANGE\",\"nokey\",\"-\",\"+\"],[\"DBSIZE\"]]";
            assertThat(http(port, "POST", "/console/api/batch", batch, null).statusCode()).isEqualTo(401);
            assertThat(http(port, "POST", "/console/api/batch", batch, "default:s3cret").body()).isEqualTo("[\"PONG\","
                    + "{\"error\":\"ERR the console runs read-only commands only; 'FLUSHALL' is not one of them\"},"
                    + "{\"error\":\"ERR TSDB: the key does not exist\"},0]");
            assertThat(http(port, "POST", "/console/api/batch", "[\"PING\"]", "default:s3cret").statusCode()).isEqualTo(400);
            assertThat(http(port, "GET", "/console/nothing.js", null, "default:s3cret").statusCode()).isEqualTo(404);
            assertThat(http(port, "GET", "/console/lightweight-charts.standalone.production.js", null, "default:s3cret").body())
                    .contains("TradingView Lightweight Charts");
        }
    }

    @Test
    void pageLoadsListsSeriesDrawsCandlesAndRefreshesStats() throws Exception {
        File chromium = new File("/usr/bin/chromium");
        File driverBinary = new File("/usr/bin/chromedriver");
        assertThat(chromium.canExecute() && driverBinary.canExecute())
                .as("the console test needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver").isTrue();
        try (TestServer s = TestServer.start(ConfigFields.METRICS_PORT, freePort())) {
            fill(s.port());
            Path profile = Files.createTempDirectory("console-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,900",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary).usingAnyFreePort().build();
            WebDriver driver = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                driver.get("http://127.0.0.1:" + s.server().metricsPort() + "/console/");
                wait.until(d -> d.findElements(By.cssSelector("#series-table tbody tr")).size() >= 3
                        && d.findElements(By.cssSelector("#family-table tbody tr")).size() == 1);
                assertThat(driver.findElement(By.cssSelector("#family-table tbody tr")).getText()).contains("stock:SH600519:k", "SSE");
                screenshot(driver, "console-series.png");

                driver.findElement(By.cssSelector("#family-table tbody tr")).click();
                wait.until(d -> nonBlankCanvas(d));
                assertThat(driver.findElement(By.id("chart-title")).getText()).isEqualTo("stock:SH600519:k 1m candles");
                screenshot(driver, "console-candles.png");

                driver.findElement(By.cssSelector("#series-table tbody tr[data-key='stock:SH600519:price']")).getAttribute("data-key");
                driver.findElement(By.cssSelector("nav button[data-tab='series']")).click();
                driver.findElement(By.cssSelector("#series-table tbody tr[data-key='stock:SH600519:price']")).click();
                wait.until(d -> d.findElement(By.id("chart-title")).getText().startsWith("stock:SH600519:price (buckets of"));
                wait.until(d -> nonBlankCanvas(d));
                screenshot(driver, "console-series-chart.png");

                driver.findElement(By.cssSelector("nav button[data-tab='server']")).click();
                wait.until(d -> Integer.parseInt(d.findElement(By.id("stats-refreshes")).getText()) >= 2);
                assertThat(driver.findElement(By.id("stats")).getText()).contains("ops/s", "clients", "memory");
                assertThat(driver.findElements(By.cssSelector("#business-table tbody tr")).size()).isGreaterThanOrEqualTo(7);
                screenshot(driver, "console-server.png");

                driver.findElement(By.cssSelector("nav button[data-tab='command']")).click();
                driver.findElement(By.id("command")).sendKeys("TS.GET stock:SH600519:price");
                driver.findElement(By.cssSelector("#command-form button")).click();
                wait.until(d -> d.findElement(By.id("command-reply")).getText().contains("1796002379000"));
            } finally {
                driver.quit();
                TestServer.deleteTree(profile);
            }
        }
    }

    /** Some canvas of the chart has a pixel that is neither transparent nor white (ConsoleBench waits on it too). */
    public static boolean nonBlankCanvas(WebDriver d) {
        Object r = ((JavascriptExecutor) d).executeScript(
                "for (const c of document.querySelectorAll('#chart canvas')) {"
                        + " if (!c.width || !c.height) continue;"
                        + " const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + " let colored = 0;"
                        + " for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200)) colored++;"
                        + " if (colored > 500) return true; }"
                        + " return false;");
        return Boolean.TRUE.equals(r);
    }

    private static void screenshot(WebDriver d, String name) throws IOException {
        byte[] png = ((ChromeDriver) d).getScreenshotAs(OutputType.BYTES);
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        Files.write(out, png);
    }

    /** Three instruments of 1 s ticks (3 minutes from 09:30 Shanghai), a K-line family on one of them. */
    private static void fill(int port) throws Exception {
        try (RawClient c = new RawClient(port)) {
            for (String sym : List.of("SH600519", "SH600000", "SZ000001")) {
                String p = "stock:" + sym + ":price";
                String v = "stock:" + sym + ":volume";
                c.call("TS.CREATE", p, "LABELS", "sym", sym, "market", sym.substring(0, 2), "field", "price");
                c.call("TS.CREATE", v, "LABELS", "sym", sym, "market", sym.substring(0, 2), "field", "volume");
                double px = 100;
                for (int i = 0; i < 180; i++) {
                    px += Math.sin(i / 7.0) * 0.4 + (i % 5 - 2) * 0.1;
                    long ts = T0 + i * 1000L;
                    c.call("TS.MADD", v, "" + ts, "" + (100 + i % 37), p, "" + ts, String.format("%.2f", px));
                }
            }
            assertThat(c.call("KLINE.CREATE", "stock:SH600519:k", "PRICE", "stock:SH600519:price", "VOLUME", "stock:SH600519:volume",
                    "TIMEFRAMES", "1m", "5m", "CALENDAR", "SSE", "LABELS", "sym", "SH600519")).isEqualTo("+OK\r\n");
        }
    }
}
