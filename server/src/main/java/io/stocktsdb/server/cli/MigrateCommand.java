package io.stocktsdb.server.cli;

import io.stocktsdb.server.migrate.MigrateOptions;
import io.stocktsdb.server.migrate.MigrateProgress;
import io.stocktsdb.server.migrate.MigrateSummary;
import io.stocktsdb.server.migrate.Migrator;
import io.stocktsdb.server.progress.ProgressDisplay;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stocktsdb migrate --from-host redis1 --host stocktsdb1}: a live Redis + RedisTimeSeries into a running server. */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copies the time series (with labels, options, rules and TTLs) and strings of a live Redis +",
            "RedisTimeSeries server into a running StockTSDB: SCAN, DUMP -> RESTORE (or TS.INFO + TS.RANGE when",
            "RESTORE refuses), TS.CREATERULE, then a verify pass. Steps: docs/operations.md."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every key copied (and verified)", "1:some keys failed or differ", "2:the migration could not run"})
public final class MigrateCommand implements Callable<Integer> {
    @Option(names = "--from-host", paramLabel = "HOST", description = "source Redis address (default: ${DEFAULT-VALUE})")
    String fromHost = "127.0.0.1";

    @Option(names = "--from-port", paramLabel = "PORT", description = "source Redis port (default: ${DEFAULT-VALUE})")
    int fromPort = 6379;

    @Option(names = "--from-user", paramLabel = "USER", description = "source ACL user (default: the default user)")
    String fromUser;

    @Option(names = "--from-password", paramLabel = "PASSWORD", description = "source password (default: $REDIS_PASSWORD, else none)")
    String fromPassword = System.getenv("REDIS_PASSWORD");

    @Option(names = "--match", paramLabel = "PATTERN", description = "SCAN MATCH pattern of the keys to copy (default: ${DEFAULT-VALUE})")
    String match = "*";

    @Option(names = "--mode", paramLabel = "auto|dump|range",
            description = "auto: DUMP/RESTORE, TS.RANGE where RESTORE refuses; dump: DUMP/RESTORE only; range: TS.INFO + TS.RANGE (default: ${DEFAULT-VALUE})")
    String mode = "auto";

    @Option(names = "--replace", description = "overwrite keys that exist on the target (default: report and skip them)")
    boolean replace;

    @Option(names = "--verify", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "compare sample counts and first/last samples of every series afterwards (default: on; --no-verify skips it)")
    boolean verify;

    @Option(names = "--batch", paramLabel = "SAMPLES", description = "samples per TS.RANGE page / TS.MADD (default: ${DEFAULT-VALUE})")
    int batch = 5000;

    @Option(names = "--show-problems", paramLabel = "N", description = "failures and mismatches listed in the summary (default: ${DEFAULT-VALUE})")
    int showProblems = 20;

    @Mixin
    ProgressOptions progress = new ProgressOptions();

    @Mixin
    ClientOptions client = new ClientOptions();

    private final PrintWriter out;
    private final PrintWriter err;

    public MigrateCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        MigrateOptions.Mode m;
        ProgressDisplay.Mode p;
        try {
            m = MigrateOptions.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("stocktsdb migrate: unknown --mode value '" + mode + "' (auto, dump or range)");
            return 2;
        }
        try {
            p = progress.mode();
        } catch (IllegalArgumentException e) {
            err.println("stocktsdb migrate: " + e.getMessage());
            return 2;
        }
        MigrateOptions o = new MigrateOptions(new MigrateOptions.Endpoint(fromHost, fromPort, fromUser, fromPassword),
                new MigrateOptions.Endpoint(client.host, client.port, null, client.password), match, m, replace, verify,
                Math.max(1, batch));
        Migrator migrator = new Migrator(o);
        MigrateSummary summary;
        try (ProgressDisplay bar = progress.show(p, "migrate", "keys", new MigrateProgress(migrator.summary()))) {
            summary = migrator.run();
        } catch (RuntimeException e) {
            err.println("stocktsdb migrate: " + e.getMessage());
            err.flush();
            return 2;
        }
        summary.print(out, showProblems);
        return summary.clean() ? 0 : 1;
    }
}
