package io.stocktsdb.server.cli;

import io.stocktsdb.server.client.RespConnection;
import io.stocktsdb.server.client.RespError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stocktsdb backup --dir /backups/2024-01-02}: asks a running server for a checkpoint copy (BACKUP). */
@Command(name = "backup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Makes a running server write a consistent copy of its database to a new directory on its machine.",
            "Restore: stop the server, start it with --data-dir pointing at the copy (or copy it into place)."})
public final class BackupCli implements Callable<Integer> {
    @Option(names = {"-d", "--dir"}, required = true, paramLabel = "DIR",
            description = "new directory, on the server's machine (relative paths are taken from this directory)")
    Path dir;

    @Mixin
    ClientOptions client = new ClientOptions();

    private final PrintWriter out;
    private final PrintWriter err;

    public BackupCli(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        String target = dir.toAbsolutePath().normalize().toString();
        try (RespConnection c = RespConnection.open(client.host, client.port, client.password, 600_000)) {
            Object r = c.call("BACKUP", target);
            if (r instanceof RespError e) {
                err.println("stocktsdb backup: " + e.message());
                return 1;
            }
            out.println("backup written to " + target);
            return 0;
        } catch (IOException e) {
            err.println("stocktsdb backup: " + e.getMessage());
            return 2;
        }
    }
}
