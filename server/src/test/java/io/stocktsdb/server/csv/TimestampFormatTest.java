package io.stocktsdb.server.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampFormatTest {
    private final TimestampFormat auto = new TimestampFormat(TimestampFormat.Unit.AUTO, ZoneOffset.UTC);

    @Test
    void autoDetectsSecondsMillisecondsAndIso() {
        assertThat(auto.parse("1704187800")).isEqualTo(1_704_187_800_000L);
        assertThat(auto.parse("1704187800.25")).isEqualTo(1_704_187_800_250L);
        assertThat(auto.parse("1704187800123")).isEqualTo(1_704_187_800_123L);
        assertThat(auto.parse("2024-01-02T09:30:00Z")).isEqualTo(1_704_187_800_000L);
        assertThat(auto.parse("2024-01-02T17:30:00.5+08:00")).isEqualTo(1_704_187_800_500L);
        assertThat(auto.parse("2024-01-02 09:30:00")).isEqualTo(1_704_187_800_000L);
        assertThat(auto.parse("2024-01-02T09:30")).isEqualTo(1_704_187_800_000L);
        assertThat(auto.parse("2024-01-02")).isEqualTo(1_704_153_600_000L);
        assertThat(auto.parse(" 0 ")).isZero();
    }

    @Test
    void localTimesUseTheZone() {
        TimestampFormat shanghai = new TimestampFormat(TimestampFormat.Unit.AUTO, ZoneId.of("Asia/Shanghai"));
        assertThat(shanghai.parse("2024-01-02 17:30:00")).isEqualTo(1_704_187_800_000L);
    }

    @Test
    void fixedUnits() {
        assertThat(new TimestampFormat(TimestampFormat.Unit.MS, ZoneOffset.UTC).parse("1704187800")).isEqualTo(1_704_187_800L);
        assertThat(new TimestampFormat(TimestampFormat.Unit.S, ZoneOffset.UTC).parse("1704187800123")).isEqualTo(1_704_187_800_123_000L);
        assertThatThrownBy(() -> new TimestampFormat(TimestampFormat.Unit.ISO, ZoneOffset.UTC).parse("17"))
                .hasMessage("not an ISO-8601 timestamp: '17'");
    }

    @Test
    void rejectsWithReasons() {
        assertThatThrownBy(() -> auto.parse("")).hasMessage("empty timestamp");
        assertThatThrownBy(() -> auto.parse("yesterday")).hasMessage("unreadable timestamp: 'yesterday'");
        assertThatThrownBy(() -> auto.parse("2024-13-02T00:00:00Z")).hasMessage("unreadable timestamp: '2024-13-02T00:00:00Z'");
        assertThatThrownBy(() -> auto.parse("1704187800123.5")).hasMessage("fractional milliseconds: '1704187800123.5'");
    }

    @Test
    void formatsForExport() {
        assertThat(auto.format(1_704_187_800_250L)).isEqualTo("1704187800250");
        assertThat(new TimestampFormat(TimestampFormat.Unit.S, ZoneOffset.UTC).format(1_704_187_800_000L)).isEqualTo("1704187800");
        assertThat(new TimestampFormat(TimestampFormat.Unit.S, ZoneOffset.UTC).format(1_704_187_800_250L)).isEqualTo("1704187800.250");
        assertThat(new TimestampFormat(TimestampFormat.Unit.ISO, ZoneOffset.UTC).format(1_704_187_800_250L))
                .isEqualTo("2024-01-02T09:30:00.25Z");
    }
}
