package io.stocktsdb.server.cli;

import io.stocktsdb.engine.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stocktsdb check --data-dir DIR [--fix NEW_DIR]}: the offline check of a stopped server's data (as redis-check-aof). */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Verifies every file of a data directory offline: WAL records and SST block checksums.",
            "Reports each damaged range and the keys it holds; never changes the directory.",
            "Exit status: 0 intact, 1 damage found, 2 the check could not run."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = {"-d", "--data-dir", "--dir"}, required = true, paramLabel = "DIR", description = "the data directory (stop the server first)")
    Path dir;

    @Option(names = "--fix", paramLabel = "NEW_DIR",
            description = "copy what can be read into this new (or empty) directory; the WAL is cut at its first damage")
    Path fix;

    private final PrintWriter out;
    private final PrintWriter err;

    public CheckCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        try {
            return Engine.checkData(dir, fix, out);
        } catch (IOException e) {
            err.println("stocktsdb check: " + e.getMessage());
            return 2;
        } finally {
            out.flush();
        }
    }
}
