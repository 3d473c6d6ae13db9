package io.stocktsdb.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.server.cluster.ClusterRefusal;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one error table: each text once, and a text for every engine outcome. */
class ErrorsTest {
    @Test
    void everyTextIsDefinedOnce() throws IllegalAccessException {
        Map<String, String> byText = new HashMap<>();
        for (Field f : Errors.class.getFields()) {
            if (f.getType() != String.class || !Modifier.isStatic(f.getModifiers())) continue;
            String previous = byText.put((String) f.get(null), f.getName());
            assertThat(previous).as("%s repeats the text of another constant", f.getName()).isNull();
        }
        assertThat(byText).hasSizeGreaterThan(50);
    }

    @Test
    void engineOutcomesMapToExactTexts() {
        for (TsdbError e : TsdbError.values()) {
            Object[] args = e == TsdbError.RULE_SERIES_NOT_NUMERIC ? new Object[] {"source", "string"}
                    : e.name().startsWith("KLINE_") ? new Object[] {"PRICE", "stock:x", "f"} : new Object[0];
            assertThat(Errors.of(new TsdbException(e, args))).matches("(ERR |WRONGTYPE |TSDB: ).+");
        }
        assertThat(Errors.of(TsdbError.NOT_A_SERIES)).isEqualTo("ERR WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThat(Errors.of(TsdbError.WRONGTYPE)).isEqualTo("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThat(Errors.of(TsdbError.RULE_SERIES_NOT_NUMERIC, "destination", "hash"))
                .isEqualTo("ERR TSDB: the destination key holds hash values; compaction rules need numeric series");
        assertThat(Errors.of(TsdbError.KLINE_KEY_MISSING, "PRICE", "stock:x")).isEqualTo("ERR KLINE: PRICE key 'stock:x' does not exist");
    }

    @Test
    void clusterRefusalsMapToRedisTexts() {
        assertThat(Errors.of(new ClusterRefusal(ClusterRefusal.Reason.CROSSSLOT, -1, null, 0)))
                .isEqualTo("CROSSSLOT Keys in request don't hash to the same slot");
        assertThat(Errors.of(new ClusterRefusal(ClusterRefusal.Reason.MOVED, 3999, "127.0.0.1", 6381)))
                .isEqualTo("MOVED 3999 127.0.0.1:6381");
    }
}
