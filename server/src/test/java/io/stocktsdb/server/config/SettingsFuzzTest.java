package io.stocktsdb.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for config values (flags and CONFIG SET go through Settings.with; run with -Pfuzz):
 * a value is accepted or refused with a ConfigException, and an accepted value renders to text
 * that parses back to the same value (so CONFIG GET output can be fed to CONFIG SET).
 */
class SettingsFuzzTest {
    private static final List<ConfigField> FIELDS = new ArrayList<>();

    static {
        for (ConfigField f : ConfigFields.all()) FIELDS.add(f);
    }

    @FuzzTest(maxDuration = "5m")
    void valuesParseOrAreRefusedAndRoundTrip(FuzzedDataProvider data) {
        ConfigField field = FIELDS.get(data.consumeInt(0, FIELDS.size() - 1));
        String text = data.consumeRemainingAsString();
        Settings s;
        try {
            s = Settings.defaults().with(field, text);
        } catch (ConfigException refused) {
            assertThat(refused.getMessage()).contains(field.key());
            return;
        }
        String rendered = s.render(field);
        Settings again = Settings.defaults().with(field, rendered);
        assertThat(again.render(field)).isEqualTo(rendered);
    }
}
