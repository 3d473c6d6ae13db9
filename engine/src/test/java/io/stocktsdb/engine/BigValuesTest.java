package io.stocktsdb.engine;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.ExpireCondition;
import io.stocktsdb.engine.keyspace.SetMode;
import io.stocktsdb.engine.storage.BigValueStore;
import io.stocktsdb.engine.storage.RocksStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * String values of {@link BigValueStore#MIN_BYTES} or more are stored once, in parts, and named by
 * small records: they read back after a clean reopen and after a crash (op-log replay), every way
 * a key loses its value (overwrite, DEL, expiry, FLUSHALL, a failed SET NX) frees the parts at the
 * next checkpoint and never earlier than a restart could still need them, and parts that no
 * record names (a crash between writing them and logging the SET) are deleted at start-up.
 */
class BigValuesTest {
    private static final int SIZE = BigValueStore.MIN_BYTES + 1_000_003; // three parts, the last one short

    @TempDir
    Path dir;

    private static byte[] value(int seed) {
        byte[] v = new byte[SIZE];
        for (int i = 0; i < v.length; i++) v[i] = (byte) (i * 31 + seed + (i >>> 20));
        return v;
    }

    private static Key k(String s) {
        return Key.of(s);
    }

    private void set(Engine e, String key, byte[] v) {
        e.keyspace().setString(k(key), v, -1, SetMode.ALWAYS, false, false);
        e.commitAll();
    }

    private List<Long> storedIds() {
        EngineConfig c = EngineTestSupport.config(dir);
        try (RocksStore rocks = RocksStore.open(dir, c.businessTypes(), 8 << 20, 1 << 20)) {
            return rocks.bigValues().storedIds();
        }
    }

    @Test
    void aBigValueReadsBackAfterACrashAndAfterACleanReopen() {
        byte[] v = value(1);
        try (Engine e = EngineTestSupport.open(dir)) {
            set(e, "big", v);
            set(e, "small", "x".getBytes());
            EngineTestSupport.crash(e);
        }
        assertThat(storedIds()).hasSize(1);
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(e.keyspace().getString(k("big"))).isEqualTo(v);
            assertThat(e.keyspace().getString(k("small"))).isEqualTo("x".getBytes());
        }
        try (Engine e = EngineTestSupport.open(dir)) { // from the checkpoint's small record this time
            assertThat(e.keyspace().getString(k("big"))).isEqualTo(v);
        }
        assertThat(storedIds()).hasSize(1);
    }

    @Test
    void aValueReceivedInPartsStaysInPartsAndReadsBackWhole() {
        byte[] v = value(9);
        int cut1 = 4 << 20;
        int cut2 = 8 << 20;
        byte[][] parts = {Arrays.copyOfRange(v, 0, cut1), Arrays.copyOfRange(v, cut1, cut2), Arrays.copyOfRange(v, cut2, v.length)};
        try (Engine e = EngineTestSupport.open(dir)) {
            e.keyspace().setString(k("p"), parts, -1, SetMode.ALWAYS, false, false);
            e.commitAll();
            assertThat(e.keyspace().getStringParts(k("p"))).isEqualTo(parts); // the very arrays, not joined
            assertThat(e.keyspace().strlen(k("p"))).isEqualTo(v.length);
            assertThat(e.keyspace().getString(k("p"))).isEqualTo(v);
            EngineTestSupport.crash(e);
        }
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(e.keyspace().getString(k("p"))).isEqualTo(v);
            assertThat(e.keyspace().getStringParts(k("p")).length).isGreaterThan(1);
        }
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(e.keyspace().strlen(k("p"))).isEqualTo(v.length);
            assertThat(e.keyspace().getString(k("p"))).isEqualTo(v);
        }
    }

    @Test
    void overwriteDeleteAndFlushallFreeThePartsAtTheNextCheckpointOnly() {
        byte[] v1 = value(1);
        byte[] v2 = value(2);
        try (Engine e = EngineTestSupport.open(dir)) {
            set(e, "a", v1);
            set(e, "b", v1);
            e.checkpoint();
            set(e, "a", v2); // a's first value is garbage
            e.keyspace().delete(k("b"));
            e.commitAll();
            EngineTestSupport.crash(e); // before any checkpoint: a restart replays records naming both old values
        }
        assertThat(storedIds()).hasSize(3);
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(e.keyspace().getString(k("a"))).isEqualTo(v2);
            assertThat(e.keyspace().getString(k("b"))).isNull();
            e.checkpoint();
        }
        assertThat(storedIds()).hasSize(1);
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(e.keyspace().getString(k("a"))).isEqualTo(v2);
            e.keyspace().flushAll();
            e.commitAll();
        }
        assertThat(storedIds()).isEmpty();
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(e.keyspace().getString(k("a"))).isNull();
        }
    }

    @Test
    void renameMovesTheValueWithoutCopyingAndAppendStoresTheNewValue() {
        byte[] v = value(3);
        byte[] appended = Arrays.copyOf(v, v.length + 3);
        appended[v.length] = 'x';
        appended[v.length + 1] = 'y';
        appended[v.length + 2] = 'z';
        try (Engine e = EngineTestSupport.open(dir)) {
            set(e, "src", v);
            e.checkpoint();
            e.keyspace().rename(k("src"), k("dst"));
            e.checkpoint();
            assertThat(e.keyspace().getString(k("dst"))).isEqualTo(v);
            e.keyspace().append(k("dst"), "xyz".getBytes());
            e.commitAll();
            EngineTestSupport.crash(e);
        }
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(e.keyspace().getString(k("src"))).isNull();
            assertThat(e.keyspace().getString(k("dst"))).isEqualTo(appended);
            e.checkpoint();
        }
        assertThat(storedIds()).hasSize(1);
    }

    @Test
    void expiryAndAFailedSetNxFreeTheirParts() throws Exception {
        try (Engine e = EngineTestSupport.open(dir)) {
            set(e, "kept", value(4));
            assertThat(e.keyspace().setString(k("kept"), value(5), -1, SetMode.NX, false, false).written()).isFalse();
            set(e, "short", value(6));
            e.keyspace().expire(k("short"), System.currentTimeMillis() + 20, ExpireCondition.ALWAYS);
            Thread.sleep(50);
            assertThat(e.keyspace().getString(k("short"))).isNull();
            e.commitAll();
            e.checkpoint();
        }
        assertThat(storedIds()).hasSize(1);
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(e.keyspace().getString(k("kept"))).isEqualTo(value(4));
        }
    }

    @Test
    void partsNoRecordNamesAreDeletedAtStartUp() {
        EngineConfig c = EngineTestSupport.config(dir);
        try (RocksStore rocks = RocksStore.open(dir, c.businessTypes(), 8 << 20, 1 << 20)) {
            rocks.bigValues().write(new byte[][] {value(7)}); // a SET whose record never made it to the op log
        }
        assertThat(storedIds()).hasSize(1);
        try (Engine e = EngineTestSupport.open(dir)) {
            set(e, "after", value(8));
            assertThat(e.keyspace().getString(k("after"))).isEqualTo(value(8));
        }
        assertThat(storedIds()).hasSize(1);
    }
}
