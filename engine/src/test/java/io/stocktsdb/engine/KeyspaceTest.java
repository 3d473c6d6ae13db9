package io.stocktsdb.engine;

import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyType;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.keyspace.ScanResult;
import io.stocktsdb.engine.keyspace.SetMode;
import io.stocktsdb.engine.keyspace.SetOutcome;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.engine.chunk.ValueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyspaceTest {
    @TempDir
    Path dir;
    Engine engine;
    Keyspace ks;

    @BeforeEach
    void open() {
        engine = EngineTestSupport.open(dir);
        ks = engine.keyspace();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Key k(String s) {
        return Key.of(s);
    }

    @Test
    void setGetWithNxXxGetAndKeepTtl() {
        assertThat(ks.getString(k("a"))).isNull();
        assertThat(ks.setString(k("a"), b("1"), -1, SetMode.XX, false, false)).isEqualTo(SetOutcome.NOT_WRITTEN);
        assertThat(ks.setString(k("a"), b("1"), -1, SetMode.NX, false, false)).isEqualTo(SetOutcome.WRITTEN);
        assertThat(ks.setString(k("a"), b("2"), -1, SetMode.NX, false, false)).isEqualTo(SetOutcome.NOT_WRITTEN);
        SetOutcome got = ks.setString(k("a"), b("3"), -1, SetMode.XX, false, true);
        assertThat(got.written()).isTrue();
        assertThat(got.previous()).isEqualTo(b("1"));
        long future = System.currentTimeMillis() + 100_000;
        ks.setString(k("a"), b("4"), future, SetMode.ALWAYS, false, false);
        ks.setString(k("a"), b("5"), -1, SetMode.ALWAYS, true, false);
        assertThat(ks.expireAtMs(k("a"))).isEqualTo(future);
        ks.setString(k("a"), b("6"), -1, SetMode.ALWAYS, false, false);
        assertThat(ks.expireAtMs(k("a"))).isEqualTo(-1);
        assertThat(ks.expireAtMs(k("missing"))).isEqualTo(-2);
        assertThat(ks.getString(k("a"))).isEqualTo(b("6"));
        assertThat(ks.type(k("a"))).isEqualTo(KeyType.STRING);
    }

    @Test
    void expiredStringsVanish() {
        ks.setString(k("old"), b("x"), System.currentTimeMillis() - 1, SetMode.ALWAYS, false, false);
        ks.setString(k("old2"), b("x"), System.currentTimeMillis() - 1, SetMode.ALWAYS, false, false);
        assertThat(ks.exists(k("old"))).isFalse();
        assertThat(ks.getString(k("old"))).isNull();
        assertThat(ks.keys(b("*"))).isEmpty();
        assertThat(ks.sweepExpired(100)).isEqualTo(1); // old2; old was already removed on access
        assertThat(ks.size()).isZero();
    }

    @Test
    void incrAppendStrlenAndTheirErrors() {
        assertThat(ks.incrBy(k("n"), 5)).isEqualTo(5);
        assertThat(ks.incrBy(k("n"), -7)).isEqualTo(-2);
        assertThat(ks.getString(k("n"))).isEqualTo(b("-2"));
        ks.setString(k("big"), b(Long.toString(Long.MAX_VALUE)), -1, SetMode.ALWAYS, false, false);
        assertThatThrownBy(() -> ks.incrBy(k("big"), 1)).isInstanceOf(TsdbException.class)
                .hasMessage(TsdbError.OVERFLOW.name());
        ks.setString(k("min"), b(Long.toString(Long.MIN_VALUE)), -1, SetMode.ALWAYS, false, false);
        assertThat(ks.incrBy(k("min"), 1)).isEqualTo(Long.MIN_VALUE + 1);
        for (String bad : new String[] {"abc", "01", "+1", " 1", "-0", "", "1.5", "99999999999999999999"}) {
            ks.setString(k("bad"), b(bad), -1, SetMode.ALWAYS, false, false);
            assertThatThrownBy(() -> ks.incrBy(k("bad"), 1)).as(bad).hasMessage(TsdbError.NOT_INTEGER.name());
        }
        assertThat(ks.append(k("s"), b("ab"))).isEqualTo(2);
        assertThat(ks.append(k("s"), b("cd"))).isEqualTo(4);
        assertThat(ks.strlen(k("s"))).isEqualTo(4);
        assertThat(ks.strlen(k("nope"))).isZero();
    }

    @Test
    void wrongTypeBothWays() {
        ks.createSeries(k("ts"), engine.defaultSeriesOptions(k("ts"), ValueType.DOUBLE));
        ks.setString(k("str"), b("v"), -1, SetMode.ALWAYS, false, false);
        assertThat(ks.type(k("ts"))).isEqualTo(KeyType.TIMESERIES);
        assertThat(KeyType.TIMESERIES.typeName()).isEqualTo("TSDB-TYPE");
        assertThatThrownBy(() -> ks.getString(k("ts"))).isSameAs(WrongTypeException.INSTANCE);
        assertThatThrownBy(() -> ks.incrBy(k("ts"), 1)).isSameAs(WrongTypeException.INSTANCE);
        assertThatThrownBy(() -> ks.append(k("ts"), b("x"))).isSameAs(WrongTypeException.INSTANCE);
        assertThatThrownBy(() -> ks.setString(k("ts"), b("x"), -1, SetMode.ALWAYS, false, true)).isSameAs(WrongTypeException.INSTANCE);
        assertThatThrownBy(() -> ks.getSeries(k("str"))).isSameAs(WrongTypeException.INSTANCE);
        assertThatThrownBy(() -> ks.getOrCreateSeries(k("str"), engine.defaultSeriesOptions(k("str"), ValueType.DOUBLE)))
                .isSameAs(WrongTypeException.INSTANCE);
        assertThat(ks.createSeries(k("str"), engine.defaultSeriesOptions(k("str"), ValueType.DOUBLE))).isNull();
        // Plain SET replaces a series, as in Redis.
        assertThat(ks.setString(k("ts"), b("now a string"), -1, SetMode.ALWAYS, false, false)).isEqualTo(SetOutcome.WRITTEN);
        assertThat(ks.type(k("ts"))).isEqualTo(KeyType.STRING);
    }

    @Test
    void keysAndDeleteAndRename() {
        for (String s : List.of("stock:a", "stock:b", "iot:c", "x")) ks.setString(k(s), b(s), -1, SetMode.ALWAYS, false, false);
        assertThat(ks.keys(b("stock:*"))).containsExactlyInAnyOrder(k("stock:a"), k("stock:b"));
        assertThat(ks.keys(b("?"))).containsExactly(k("x"));
        assertThat(ks.delete(k("x"))).isTrue();
        assertThat(ks.delete(k("x"))).isFalse();
        assertThat(ks.rename(k("nope"), k("y"))).isFalse();
        assertThat(ks.rename(k("stock:a"), k("stock:b"))).isTrue();
        assertThat(ks.getString(k("stock:b"))).isEqualTo(b("stock:a"));
        assertThat(ks.size()).isEqualTo(2);
        assertThat(ks.rename(k("iot:c"), k("iot:c"))).isTrue();
        assertThat(ks.exists(k("iot:c"))).isTrue();
    }

    @Test
    void scanReturnsEveryKeyExactlyOnceWithStableCursor() {
        Set<Key> all = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Key key = k("key:" + i);
            all.add(key);
            if (i % 10 == 0) ks.createSeries(key, engine.defaultSeriesOptions(key, ValueType.DOUBLE));
            else ks.setString(key, b("v"), -1, SetMode.ALWAYS, false, false);
        }
        Map<Key, Integer> seen = new HashMap<>();
        long cursor = 0;
        int calls = 0;
        int churn = 0;
        do {
            ScanResult r = ks.scan(cursor, 37, null, null);
            for (Key key : r.keys()) seen.merge(key, 1, Integer::sum);
            cursor = r.nextCursor();
            calls++;
            // Churn: keys added and removed during the scan must not disturb the others.
            ks.setString(k("tmp:" + churn), b("t"), -1, SetMode.ALWAYS, false, false);
            ks.delete(k("tmp:" + (churn - 1)));
            churn++;
        } while (cursor != 0);
        for (Key key : all) assertThat(seen.get(key)).as(key.toString()).isEqualTo(1);
        assertThat(calls).isBetween(2000 / 37, 2000 / 37 + 2 + churn / 37 + 1);

        long series = 0;
        cursor = 0;
        do {
            ScanResult r = ks.scan(cursor, 100, b("key:1*"), KeyType.TIMESERIES);
            series += r.keys().size();
            for (Key key : r.keys()) assertThat(key.toString()).startsWith("key:1").endsWith("0");
            cursor = r.nextCursor();
        } while (cursor != 0);
        assertThat(series).isEqualTo(111); // key:10, key:100..190, key:1000..1990 step 10
    }
}
