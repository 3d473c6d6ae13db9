package io.stocktsdb.it;

import io.stocktsdb.server.boot.StockTsdbServer;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real server in this JVM on an ephemeral port with its own temporary data directory. */
public final class TestServer implements AutoCloseable {
    private final Path dataDir;
    private final boolean ownsDir;
    private StockTsdbServer server;

    private TestServer(Path dataDir, boolean ownsDir, Settings settings) throws InterruptedException {
        this.dataDir = dataDir;
        this.ownsDir = ownsDir;
        this.server = StockTsdbServer.start(settings.with(ConfigFields.DATA_DIR, dataDir.toString()));
    }

    /** Starts with defaults; {@code overrides} are (field, value) pairs. */
    public static TestServer start(Object... overrides) {
        try {
            return new TestServer(Files.createTempDirectory("stocktsdb-it"), true, settings(overrides));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts with these settings (e.g. read from a config file) on a new data directory and ephemeral ports. */
    public static TestServer startWith(Settings settings) {
        try {
            return new TestServer(Files.createTempDirectory("stocktsdb-it"), true,
                    settings.with(ConfigFields.PORT, "0").with(ConfigFields.METRICS_PORT, "0"));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts on an existing data directory (restart tests); the caller deletes it. */
    public static TestServer startIn(Path dataDir, Object... overrides) {
        try {
            return new TestServer(dataDir, false, settings(overrides));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Settings settings(Object... overrides) {
        Settings s = Settings.defaults().with(ConfigFields.PORT, "0").with(ConfigFields.METRICS_PORT, "0");
        for (int i = 0; i < overrides.length; i += 2) {
            s = s.with((io.stocktsdb.server.config.ConfigField) overrides[i], String.valueOf(overrides[i + 1]));
        }
        return s;
    }

    public int port() { return server.port(); }

    public Path dataDir() { return dataDir; }

    public StockTsdbServer server() { return server; }

    /** Stops the server but keeps its data directory. */
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
        if (ownsDir) deleteTree(dataDir);
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
