package io.stocktsdb.server.command.server;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ListenerControl;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.config.ConfigException;
import io.stocktsdb.server.config.ConfigField;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CONFIG SET name value [name value ...] as Redis 8.2: every name is checked first (unknown,
 * immutable, protected, duplicate: the first problem is the answer), then every value; only when
 * all pass, and the listeners a new port or bind address needs are bound, are the new settings
 * published, in one step. So a failing pair changes nothing.
 */
final class ConfigSet {
    /** Redis marks these PROTECTED_CONFIG; enable-protected-configs is "no" here. */
    private static final List<ConfigField> PROTECTED = List.of(ConfigFields.DATA_DIR);

    private final ServerContext server;

    ConfigSet(ServerContext server) { this.server = server; }

    void run(io.stocktsdb.server.net.Client c, RespRequest a) {
        if (a.argc() % 2 != 0) throw new CommandException(Errors.SYNTAX);
        List<ConfigField> fields = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<String> fixedNames = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 2; i < a.argc(); i += 2) {
            String given = a.string(i);
            String name = given.toLowerCase(Locale.ROOT);
            ConfigField f = ConfigFields.byConfigName(name);
            boolean fixed = FixedParameters.IMMUTABLE.containsKey(name) || FixedParameters.SETTABLE_TO_CURRENT.containsKey(name);
            if (f == null && !fixed) throw new CommandException(Errors.configSetUnknown(given));
            if (FixedParameters.IMMUTABLE.containsKey(name) || (f != null && !f.runtimeMutable())) {
                boolean isProtected = f != null && PROTECTED.contains(f);
                throw new CommandException(Errors.configSetFailed(given, isProtected ? "can't set protected config" : "can't set immutable config"));
            }
            String canonical = f != null ? f.configName() : name;
            if (seen.contains(canonical)) throw new CommandException(Errors.configSetFailed(given, "duplicate parameter"));
            seen.add(canonical);
            if (f == null) {
                fixedNames.add(name);
                fixedNames.add(a.string(i + 1));
            } else {
                fields.add(f);
                values.add(a.string(i + 1));
            }
        }
        for (int i = 0; i < fixedNames.size(); i += 2) {
            String name = fixedNames.get(i);
            String current = FixedParameters.SETTABLE_TO_CURRENT.get(name);
            if (!fixedNames.get(i + 1).equalsIgnoreCase(current)) {
                throw new CommandException(Errors.configSetFailed(name, "argument must be '" + current + "' ("
                        + (name.equals("save") ? "snapshots are taken by SAVE and BGSAVE only" : "the op log is always on") + ")"));
            }
        }
        synchronized (server) {
            Settings current = server.settings();
            Settings next = current;
            for (int i = 0; i < fields.size(); i++) {
                ConfigField f = fields.get(i);
                String refusal = ConfigValueText.refusal(f, values.get(i));
                if (refusal != null) throw new CommandException(Errors.configSetFailed(f.configName(), refusal));
                try {
                    next = next.with(f, values.get(i));
                } catch (ConfigException e) {
                    throw new CommandException(Errors.configSetFailed(f.configName(), e.getMessage()));
                }
            }
            try {
                server.listeners().rebind(current, next);
            } catch (ListenerControl.RebindException e) {
                throw new CommandException(Errors.configSetFailed(e.field().configName(), e.getMessage()));
            }
            server.publishSettings(next, fields);
        }
        if (fields.contains(ConfigFields.SLOWLOG_MAX_LEN)) {
            server.slowLog().trim(server.settings().getInt(ConfigFields.SLOWLOG_MAX_LEN));
        }
        c.out().ok();
    }
}
