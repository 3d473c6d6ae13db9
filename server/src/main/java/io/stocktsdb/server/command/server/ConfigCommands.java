package io.stocktsdb.server.command.server;

import static io.stocktsdb.server.command.CommandFlag.ADMIN;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.common.GlobMatcher;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.config.ConfigField;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.net.Client;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** CONFIG GET, SET, REWRITE, RESETSTAT over the settings table, under Redis's names where Redis has them. */
public final class ConfigCommands {
    private final ServerContext server;
    private final ConfigSet set;
    private final ConfigRewrite rewrite;

    public ConfigCommands(ServerContext server) {
        this.server = server;
        this.set = new ConfigSet(server);
        this.rewrite = new ConfigRewrite(server);
    }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("config", -2).categories(AclCategory.SLOW)
                .docs("server", "2.0.0", "A container for server configuration commands.").build());
        r.registerSubcommand(CommandSpec.builder("config|get", -3).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                .docs("server", "2.0.0", "Returns the effective values of configuration parameters.").handler(this::get).build());
        r.registerSubcommand(CommandSpec.builder("config|set", -4).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                .docs("server", "2.0.0", "Sets configuration parameters in-flight.").handler(set::run).build());
        r.registerSubcommand(CommandSpec.builder("config|rewrite", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                .docs("server", "2.8.0", "Persists the effective configuration to file.").handler(rewrite::run).build());
        r.registerSubcommand(CommandSpec.builder("config|resetstat", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                .docs("server", "2.0.0", "Resets the server's statistics.").handler(this::resetStat).build());
    }

    private void get(Client c, RespRequest a) {
        Map<String, String> found = new LinkedHashMap<>();
        for (int i = 2; i < a.argc(); i++) {
            byte[] pattern = a.string(i).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            for (ConfigField f : ConfigFields.all()) {
                if (f.secret()) continue; // passwords are never shown
                if (GlobMatcher.matches(pattern, f.configName().getBytes(StandardCharsets.UTF_8))) {
                    found.putIfAbsent(f.configName(), server.settings().render(f));
                }
            }
            FixedParameters.all().forEach((name, value) -> {
                if (GlobMatcher.matches(pattern, name.getBytes(StandardCharsets.UTF_8))) found.putIfAbsent(name, value);
            });
        }
        c.out().mapHeader(found.size());
        found.forEach((k, v) -> {
            c.out().bulk(k);
            c.out().bulk(v);
        });
    }

    private void resetStat(Client c, RespRequest a) {
        server.stats().reset();
        server.engine().resetStatistics();
        server.slowLog().reset();
        server.acl().log().resetCounters();
        server.snapshots().resetStats();
        for (CommandSpec s : server.registry().allWithSubcommands()) s.stats().reset();
        c.out().ok();
    }
}
