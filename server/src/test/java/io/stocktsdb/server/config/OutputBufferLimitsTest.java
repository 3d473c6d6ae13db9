package io.stocktsdb.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutputBufferLimitsTest {
    private final ConfigField field = ConfigFields.CLIENT_OUTPUT_BUFFER_LIMIT;

    @Test
    void defaultIsAProtectiveHardLimitForNormalClients() {
        assertThat(Settings.defaults().render(field))
                .isEqualTo("normal 0 0 0 replica 268435456 67108864 60 pubsub 33554432 8388608 60");
    }

    @Test
    void setsOnlyTheClassesGivenWithRedisUnits() {
        Settings s = Settings.defaults().with(field, "normal 10mb 5MB 10");
        assertThat(s.outputBufferLimits().normal()).isEqualTo(new OutputBufferLimits.Limit(10L << 20, 5L << 20, 10));
        assertThat(s.outputBufferLimits().pubsub()).isEqualTo(OutputBufferLimits.DEFAULT.pubsub());
        s = s.with(field, "slave 1k 0 0 pubsub 0 0 0");
        assertThat(s.render(field)).isEqualTo("normal 10485760 5242880 10 replica 1000 0 0 pubsub 0 0 0");
    }

    @Test
    void limitsApply() {
        OutputBufferLimits.Limit l = new OutputBufferLimits.Limit(100, 10, 1);
        assertThat(l.hardExceeded(100)).isFalse();
        assertThat(l.hardExceeded(101)).isTrue();
        assertThat(l.softExceeded(11)).isTrue();
        assertThat(new OutputBufferLimits.Limit(0, 0, 0).hardExceeded(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void refusesMalformedValues() {
        for (String bad : new String[] {"", "normal 1 2", "normal x 0 0", "normal 1 2 -3", "other 1 2 3", "normal -1 0 0",
                "normal 9223372036854775807gb 0 0"}) {
            assertThatThrownBy(() -> Settings.defaults().with(field, bad)).as(bad).isInstanceOf(ConfigException.class);
        }
    }
}
