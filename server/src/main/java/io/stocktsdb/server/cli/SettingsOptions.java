package io.stocktsdb.server.cli;

import io.stocktsdb.server.config.ConfigException;
import io.stocktsdb.server.config.ConfigField;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code --config FILE} plus one kebab-case flag per {@link ConfigFields} setting, resolved as
 * the server does: defaults, then the JSON file, then the flags. Used by the server itself and
 * by the subcommands that must reach it ({@code shutdown}, {@code backup}).
 */
public final class SettingsOptions {
    private final Map<OptionSpec, ConfigField> fieldOptions = new LinkedHashMap<>();

    /** Adds the options to {@code spec}. */
    public SettingsOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(Path.class)
                .description("JSON configuration file (fields in snake_case); flags override it").build());
        for (ConfigField f : ConfigFields.all()) {
            String def = f.defaultValue() == null ? "the seven seed business types" : String.valueOf(f.defaultValue());
            if (f.secret()) def = "none";
            OptionSpec o = OptionSpec.builder(f.flag()).paramLabel(f.kind().name()).type(String.class)
                    .description(f.description() + " (default: " + def + ")").build();
            spec.addOption(o);
            fieldOptions.put(o, f);
        }
    }

    /** The settings the parsed flags describe; throws ConfigException naming a bad field. */
    public Settings resolve(ParseResult parsed) throws ConfigException {
        Settings settings = Settings.defaults();
        Path config = parsed.matchedOptionValue("--config", null);
        if (config != null) settings = settings.withJsonFile(config);
        for (Map.Entry<OptionSpec, ConfigField> e : fieldOptions.entrySet()) {
            if (parsed.hasMatchedOption(e.getKey())) {
                settings = settings.with(e.getValue(), parsed.matchedOptionValue(e.getKey().longestName(), ""));
            }
        }
        return settings;
    }
}
