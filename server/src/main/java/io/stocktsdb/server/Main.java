package io.stocktsdb.server;

import io.stocktsdb.server.config.ConfigException;
import io.stocktsdb.server.config.ConfigField;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code java -jar stocktsdb.jar [--config FILE] [--port N] ...}: every setting of
 * {@link ConfigFields} is a flag (kebab-case) that overrides the JSON file.
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

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandSpec spec = CommandSpec.create().name("stocktsdb")
                .version("StockTSDB " + ServerInfo.PRODUCT_VERSION + " (Redis " + ServerInfo.REDIS_VERSION + " protocol)");
        spec.usageMessage().description("A time-series database that speaks the Redis protocol.");
        spec.mixinStandardHelpOptions(true);
        spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(Path.class)
                .description("JSON configuration file (fields in snake_case); flags override it").build());
        Map<OptionSpec, ConfigField> fieldOptions = new LinkedHashMap<>();
        for (ConfigField f : ConfigFields.all()) {
            String def = f.defaultValue() == null ? "the seven seed business types" : String.valueOf(f.defaultValue());
            if (f.secret()) def = "none";
            OptionSpec o = OptionSpec.builder(f.flag()).paramLabel(f.kind().name()).type(String.class)
                    .description(f.description() + " (default: " + def + ")").build();
            spec.addOption(o);
            fieldOptions.put(o, f);
        }
        CommandLine cl = new CommandLine(spec);
        cl.setOut(out);
        cl.setErr(err);
        ParseResult parsed;
        try {
            parsed = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            cl.usage(err);
            return 2;
        }
        if (CommandLine.printHelpIfRequested(parsed)) return 0;
        Settings settings;
        try {
            settings = Settings.defaults();
            Path config = parsed.matchedOptionValue("--config", null);
            if (config != null) settings = settings.withJsonFile(config);
            for (Map.Entry<OptionSpec, ConfigField> e : fieldOptions.entrySet()) {
                if (parsed.hasMatchedOption(e.getKey())) settings = settings.with(e.getValue(), parsed.matchedOptionValue(e.getKey().longestName(), ""));
            }
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
        return 0;
    }
}
