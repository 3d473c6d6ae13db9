package io.stocktsdb.server.boot;

import io.stocktsdb.server.ServerInfo;
import io.stocktsdb.server.cli.BackupCli;
import io.stocktsdb.server.cli.CheckCommand;
import io.stocktsdb.server.cli.ExportCommand;
import io.stocktsdb.server.cli.ImportCommand;
import io.stocktsdb.server.cli.MigrateCommand;
import io.stocktsdb.server.cli.SettingsOptions;
import io.stocktsdb.server.cli.ShutdownCommand;
import io.stocktsdb.server.config.ConfigException;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * {@code java -jar stocktsdb.jar [--config FILE] [--port N] ...} runs the server: every setting
 * of {@link ConfigFields} is a flag (kebab-case) that overrides the JSON file. Subcommands:
 * {@code import}, {@code export} (CSV over RESP), {@code backup} and {@code shutdown} (the same flags as the
 * server, to find it), {@code check} (offline verification and salvage of a data directory).
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        // The decoder reads request bytes one by one; Netty's per-access bounds and reference-count
        // checks cost more than the parsing itself. Set before any Netty buffer class loads.
        setDefault("io.netty.buffer.checkBounds", "false");
        setDefault("io.netty.buffer.checkAccessible", "false");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) System.setProperty(property, value);
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandSpec spec = CommandSpec.create().name("stocktsdb")
                .version("StockTSDB " + ServerInfo.PRODUCT_VERSION + " (Redis " + ServerInfo.REDIS_VERSION + " protocol)");
        spec.usageMessage().description("A time-series database that speaks the Redis protocol.",
                "Without a subcommand, runs the server.");
        spec.mixinStandardHelpOptions(true);
        SettingsOptions serverOptions = new SettingsOptions(spec);

        CommandSpec shutdown = CommandSpec.create().name("shutdown");
        shutdown.usageMessage().description("Asks the server that these flags describe to shut down gracefully (SHUTDOWN).");
        shutdown.mixinStandardHelpOptions(true);
        SettingsOptions shutdownOptions = new SettingsOptions(shutdown);
        shutdown.addOption(OptionSpec.builder("--shutdown-timeout").paramLabel("SECONDS").type(int.class).defaultValue("10")
                .description("how long to wait for the server's answer (default: 10)").build());

        CommandLine cl = new CommandLine(spec);
        cl.addSubcommand("import", new CommandLine(new ImportCommand(out, err)));
        cl.addSubcommand("export", new CommandLine(new ExportCommand(out, err)));
        cl.addSubcommand("migrate", new CommandLine(new MigrateCommand(out, err)));
        cl.addSubcommand("backup", new CommandLine(new BackupCli(out, err)));
        cl.addSubcommand("shutdown", new CommandLine(shutdown));
        cl.addSubcommand("check", new CommandLine(new CheckCommand(out, err)));
        cl.setOut(out);
        cl.setErr(err);
        ParseResult parsed;
        try {
            parsed = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return 2;
        }
        if (CommandLine.printHelpIfRequested(parsed)) return 0;
        if (parsed.hasSubcommand()) {
            ParseResult sub = parsed.subcommand();
            if (sub.commandSpec() == shutdown) {
                try {
                    Settings s = shutdownOptions.resolve(sub);
                    return ShutdownCommand.run(s, (int) sub.matchedOptionValue("--shutdown-timeout", 10) * 1000, err);
                } catch (ConfigException e) {
                    err.println("stocktsdb: " + e.getMessage());
                    return 1;
                }
            }
            try {
                return ((Callable<Integer>) sub.commandSpec().userObject()).call();
            } catch (Exception e) {
                err.println("stocktsdb " + sub.commandSpec().name() + ": " + e);
                return 2;
            }
        }
        Settings settings;
        try {
            settings = serverOptions.resolve(parsed);
        } catch (ConfigException e) {
            err.println("stocktsdb: " + e.getMessage());
            return 1;
        }
        return serve(settings, err);
    }

    private static int serve(Settings settings, PrintWriter err) {
        StockTsdbServer server;
        try {
            server = StockTsdbServer.start(settings);
        } catch (Exception e) {
            log.error("start-up failed", e);
            err.println("stocktsdb: start-up failed: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(server::close, "stocktsdb-sigterm");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return server.context().storageLost() ? 1 : 0; // a supervisor restarts a server whose store could not be reopened
    }
}
