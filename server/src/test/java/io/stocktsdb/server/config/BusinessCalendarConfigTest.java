package io.stocktsdb.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A business type's K-line calendar defaults: read from the config, refused at start when wrong. */
class BusinessCalendarConfigTest {
    private static List<BusinessTypeConfig> parse(String json) throws Exception {
        return BusinessTypeDefaults.parse(ConfigFields.BUSINESS_TYPES, new ObjectMapper().readTree(json));
    }

    @Test
    void calendarTimezoneAndSessionsAreRead() throws Exception {
        BusinessTypeConfig b = parse("[{\"name\":\"hk\",\"prefix\":\"hk:\",\"calendar\":\"HKEX\",\"sessions\":\"09:30-12:00,13:00-16:00\"}]").get(0);
        assertThat(b.calendar()).isEqualTo("HKEX");
        assertThat(b.timezone()).isNull();
        assertThat(b.sessions()).isEqualTo("09:30-12:00,13:00-16:00");
        assertThat(b.hasCalendar()).isTrue();
        assertThat(parse("[{\"name\":\"iot\",\"prefix\":\"iot:\"}]").get(0).hasCalendar()).isFalse();
    }

    @Test
    void wrongCalendarSettingsAreRefusedNamingTheBusiness() {
        assertThatThrownBy(() -> parse("[{\"name\":\"x\",\"prefix\":\"x:\",\"calendar\":\"LSE\"}]"))
                .hasMessage("invalid value '{\"name\":\"x\",\"prefix\":\"x:\",\"calendar\":\"LSE\"}' for config field 'business_types': "
                        + "business 'x': unknown calendar 'LSE' (built in: SSE, SZSE, HKEX, NYSE, NASDAQ, 24X7)");
        assertThatThrownBy(() -> parse("[{\"name\":\"x\",\"prefix\":\"x:\",\"timezone\":\"Mars/Base\"}]"))
                .hasMessageEndingWith("business 'x': unknown timezone 'Mars/Base' (expected an IANA zone such as Asia/Shanghai)");
        assertThatThrownBy(() -> parse("[{\"name\":\"x\",\"prefix\":\"x:\",\"sessions\":\"09:30-11:30,11:00-15:00\"}]"))
                .hasMessageEndingWith("business 'x': sessions '09:30-11:30,11:00-15:00' overlap");
        assertThatThrownBy(() -> parse("[{\"name\":\"x\",\"prefix\":\"x:\",\"sessions\":\"9h-noon\"}]"))
                .hasMessageEndingWith("business 'x': invalid sessions '9h-noon' (expected HH:MM-HH:MM[,HH:MM-HH:MM...], each ending after it starts)");
    }
}
