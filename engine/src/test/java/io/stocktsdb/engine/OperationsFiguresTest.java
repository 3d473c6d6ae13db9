package io.stocktsdb.engine;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.SetMode;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.figures.RocksFigures;
import io.stocktsdb.engine.figures.RocksMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static org.assertj.core.api.Assertions.assertThat;

/** The figures INFO and /metrics read from the engine: RocksDB properties, expiry counts, counter reset. */
class OperationsFiguresTest {
    @TempDir
    Path dir;
    Engine engine;

    @BeforeEach
    void open() {
        engine = EngineTestSupport.open(dir);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void rocksFiguresListEveryColumnFamilyAndSeeWrittenBytes() {
        Series s = engine.keyspace().createSeries(Key.of("stock:A:close"), EngineTestSupport.doubles(engine, "stock:A:close"));
        for (int i = 0; i < 5000; i++) s.add(i, bits(i * 0.5), null, 100, null);
        engine.commitAll();
        RocksFigures f = engine.rocksFigures();
        List<String> names = f.columnFamilies().stream().map(RocksFigures.ColumnFamily::name).toList();
        assertThat(names).startsWith("default", "oplog").contains("biz.stock_quotes", "biz.iot_data", "biz.default");
        RocksFigures.ColumnFamily oplog = f.columnFamilies().get(1);
        assertThat(oplog.memtableBytes() + oplog.sstBytes()).isPositive();
        assertThat(f.walBytesWritten()).isPositive();
        assertThat(f.writeStopped()).isFalse();
        assertThat(f.backgroundErrors()).isZero();
        RocksMemory m = engine.rocksMemory();
        assertThat(m.memtableBytes()).isPositive();
        assertThat(m.total()).isEqualTo(m.memtableBytes() + m.blockCacheBytes() + m.tableReadersBytes());
    }

    @Test
    void compactionCountersMoveAfterAFlush() throws InterruptedException {
        Series s = engine.keyspace().createSeries(Key.of("stock:B:close"), EngineTestSupport.doubles(engine, "stock:B:close"));
        // 64 KB memtables (EngineTestSupport): this many op-log records force flushes of the oplog family
        for (int i = 0; i < 20_000; i++) s.add(i, bits(i), null, 100, null);
        engine.commitAll();
        engine.checkpoint();
        // flushes run on RocksDB's background threads: wait (bounded) for the first to finish
        RocksFigures.ColumnFamily oplog = engine.rocksFigures().columnFamilies().get(1);
        for (int i = 0; i < 200 && oplog.compactions() == 0; i++) {
            Thread.sleep(50);
            oplog = engine.rocksFigures().columnFamilies().get(1);
        }
        assertThat(oplog.compactions()).isPositive();
        assertThat(oplog.compactionWriteBytes()).isPositive();
    }

    @Test
    void expiringKeysAverageTtlAndExpiredCount() {
        var ks = engine.keyspace();
        long now = System.currentTimeMillis();
        ks.setString(Key.of("a"), "1".getBytes(StandardCharsets.UTF_8), -1, SetMode.ALWAYS, false, false);
        ks.setString(Key.of("b"), "1".getBytes(StandardCharsets.UTF_8), now + 100_000, SetMode.ALWAYS, false, false);
        ks.setString(Key.of("c"), "1".getBytes(StandardCharsets.UTF_8), now + 300_000, SetMode.ALWAYS, false, false);
        assertThat(ks.expiringCount()).isEqualTo(2);
        assertThat(ks.seriesCount()).isZero();
        ks.createSeries(Key.of("s1"), EngineTestSupport.doubles(engine, "s1"));
        assertThat(ks.seriesCount()).isEqualTo(1);
        assertThat(ks.size()).isEqualTo(4);
        // mean of ~100 s and ~300 s, minus the few ms this test takes
        assertThat(ks.averageTtlMs(100)).isBetween(195_000L, 200_000L);
        assertThat(ks.averageTtlMs(0)).isZero();
        ks.setString(Key.of("d"), "1".getBytes(StandardCharsets.UTF_8), now - 1, SetMode.ALWAYS, false, false);
        assertThat(ks.getString(Key.of("d"))).isNull();
        assertThat(ks.expiredKeys()).isEqualTo(1);
        engine.resetStatistics();
        assertThat(ks.expiredKeys()).isZero();
    }
}
