package io.stocktsdb.engine;

import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.ExpireCondition;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.kline.Bar;
import io.stocktsdb.engine.kline.BarField;
import io.stocktsdb.engine.kline.CandleReader;
import io.stocktsdb.engine.kline.KlineFamily;
import io.stocktsdb.engine.kline.KlineSpec;
import io.stocktsdb.engine.kline.OutsidePolicy;
import io.stocktsdb.engine.kline.Timeframe;
import io.stocktsdb.engine.kline.TradingCalendar;
import io.stocktsdb.engine.series.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A K-line family's bar series always equal the bars computed from scratch from the ticks:
 * through appends, late and corrected ticks, deletes, volumes written after their prices, a
 * crash (kill -9) and a restart.
 */
class KlineFamilyTest {
    @TempDir
    Path dir;

    private static final long MON_0930 = ZonedDateTime.parse("2026-11-30T09:30:00+08:00").toInstant().toEpochMilli();
    private static final List<Timeframe> TFS = List.of(Timeframe.parse("1m"), Timeframe.parse("5m"), Timeframe.parse("1h"), Timeframe.parse("1d"));

    private static KlineSpec spec(OutsidePolicy outside) {
        return new KlineSpec("stock:X:k", Key.of("stock:X:px"), Key.of("stock:X:vol"), TFS, TradingCalendar.of("SSE", null, null),
                outside, Map.of("sym", "X"));
    }

    private static void createTicks(Engine e) {
        e.keyspace().createSeries(Key.of("stock:X:px"), EngineTestSupport.doubles(e, "stock:X:px"));
        e.keyspace().createSeries(Key.of("stock:X:vol"), EngineTestSupport.doubles(e, "stock:X:vol"));
    }

    private static void tick(Engine e, long ts, double px, double vol, boolean volumeFirst) {
        Series p = e.keyspace().getSeries(Key.of("stock:X:px"));
        Series v = e.keyspace().getSeries(Key.of("stock:X:vol"));
        if (volumeFirst) v.add(ts, bits(vol), null, 100, null);
        p.add(ts, bits(px), null, 100, null);
        if (!volumeFirst) v.add(ts, bits(vol), null, 100, null);
    }

    /** Three trading days of ticks every 7 s with late ticks, corrections, deletes and late volumes. */
    private static void workload(Engine e, long seed, int n, Runnable midway) {
        Random r = new Random(seed);
        Series p = e.keyspace().getSeries(Key.of("stock:X:px"));
        long ts = MON_0930;
        for (int i = 0; i < n; i++) {
            if (i == n / 2) midway.run();
            ts += 7000;
            int kind = r.nextInt(40);
            if (kind == 0 && ts > MON_0930 + 600_000) {
                long late = ts - 1000 * (1 + r.nextInt(500));
                tick(e, late, 100 + r.nextInt(100) / 10.0, 1 + r.nextInt(9), r.nextBoolean());
            } else if (kind == 1) {
                long from = ts - 1000 * r.nextInt(900);
                p.deleteRange(from, from + 1000 * r.nextInt(200));
            } else if (kind == 2) {
                e.keyspace().getSeries(Key.of("stock:X:vol")).add(ts - 1000 * r.nextInt(400), bits(r.nextInt(50)), null, 100, null);
            } else {
                tick(e, ts, 100 + r.nextInt(100) / 10.0, 1 + r.nextInt(9), r.nextBoolean());
            }
            if (i % 2000 == 1999) ts += 16 * 3_600_000L; // next morning (a gap outside the sessions)
        }
    }

    @Test
    void barsMatchARecomputationThroughLateTicksDeletesAndACrash() {
        Engine e = EngineTestSupport.open(dir);
        createTicks(e);
        workload(e, 1, 300, () -> {});          // history before the family: backfilled
        e.klines().create(spec(OutsidePolicy.KEEP));
        workload(e, 2, 3000, e::checkpoint);
        assertBarsMatchTicks(e);
        EngineTestSupport.crash(e);

        e = EngineTestSupport.open(dir);
        assertThat(e.klines().get("stock:X:k")).isNotNull();
        assertBarsMatchTicks(e);
        workload(e, 3, 2000, () -> {});
        assertBarsMatchTicks(e);
        e.close();
    }

    @Test
    void rejectPolicyRefusesTicksOutsideTheSessions() {
        Engine e = EngineTestSupport.open(dir);
        createTicks(e);
        e.klines().create(spec(OutsidePolicy.REJECT));
        Series p = e.keyspace().getSeries(Key.of("stock:X:px"));
        long lunch = MON_0930 + 3 * 3_600_000L;
        assertThatThrownBy(() -> p.add(lunch, bits(1), null, 100, null)).isInstanceOfSatisfying(TsdbException.class, x -> {
            assertThat(x.error()).isEqualTo(TsdbError.KLINE_OUTSIDE_SESSION);
            assertThat(x.args()).containsExactly(lunch, "stock:X:k", "SSE, Asia/Shanghai 09:30-11:30,13:00-15:00");
        });
        assertThat(p.isEmpty()).isTrue();
        e.close();
    }

    @Test
    void barWritesAndCandleReadsFollowSeriesReplacedUnderTheirKeys() {
        Engine e = EngineTestSupport.open(dir);
        createTicks(e);
        KlineFamily f = e.klines().create(spec(OutsidePolicy.KEEP));
        Timeframe m1 = TFS.get(0);
        for (int k = 0; k < 30; k++) tick(e, MON_0930 + k * 10_000L, 100 + k, 1, k % 2 == 0); // minutes 0-4
        assertThat(candles(f, m1)).hasSize(5);
        // The family has found its series by now; a user replaces the 1m close series and the volume series.
        Key close = f.barKey(m1, BarField.CLOSE);
        e.keyspace().delete(close);
        e.keyspace().createSeries(close, EngineTestSupport.doubles(e, "stock:X:k:1m:close"));
        e.keyspace().rename(Key.of("stock:X:vol"), Key.of("stock:X:old-vol"));
        e.keyspace().createSeries(Key.of("stock:X:vol"), EngineTestSupport.doubles(e, "stock:X:vol"));
        for (int k = 30; k < 60; k++) tick(e, MON_0930 + k * 10_000L, 100 + k, 2, true); // minutes 5-9, 9 still open

        List<Long> closes = new ArrayList<>();
        SampleCursor c = e.keyspace().getSeries(close).range(Long.MIN_VALUE, Long.MAX_VALUE, true);
        while (c.next()) closes.add((long) c.doubleValue());
        // Minutes 0-3 lost their close with the old series; minute 4 (open then) closed into the new one.
        List<double[]> got = candles(f, m1);
        assertThat(got).hasSize(6);
        assertThat(got.get(0)).containsExactly(MON_0930 + 4 * 60_000L, 124, 129, 124, 129, 6, 759, 6);
        for (int m = 5; m <= 9; m++) { // volumes from the new volume series
            double[] bar = got.get(m - 4);
            assertThat(bar).as("minute " + m).containsExactly(MON_0930 + m * 60_000L, 100 + 6 * m, 100 + 6 * m + 5, 100 + 6 * m,
                    100 + 6 * m + 5, 12, 2 * (6 * (100 + 6 * m) + 15), 6);
        }
        assertThat(closes).containsExactly(129L, 135L, 141L, 147L, 153L); // minutes 4-8 (100 + 6m + 5)
        e.close();
    }

    @Test
    void barWritesAndCandleReadsCountAsUsesAndAnExpiredBarSeriesIsAbsent() {
        Engine e = EngineTestSupport.open(dir);
        createTicks(e);
        KlineFamily f = e.klines().create(spec(OutsidePolicy.KEEP));
        Keyspace ks = e.keyspace();
        Timeframe m1 = TFS.get(0);
        Timeframe d1 = TFS.get(3);
        Key close1m = f.barKey(m1, BarField.CLOSE);
        Key close1d = f.barKey(d1, BarField.CLOSE);
        long base = System.currentTimeMillis() + 1_000_000; // a clock ahead of every access so far
        CommandClock.runAt(base, () -> {
            for (int k = 0; k < 13; k++) tick(e, MON_0930 + k * 10_000L, 100 + k, 1, true); // minutes 0 and 1 close
        });
        CommandClock.runAt(base + 100_000, () -> {
            assertThat(ks.idleSeconds(close1m)).as("written by the family").isEqualTo(100);
            assertThat(ks.idleSeconds(close1d)).as("never written yet").isGreaterThanOrEqualTo(1100);
            assertThat(candles(f, d1)).hasSize(1);
            assertThat(ks.idleSeconds(close1d)).as("read by a candle query").isZero();
        });
        ks.expire(close1m, base + 200_000, ExpireCondition.ALWAYS);
        CommandClock.runAt(base + 300_000, () -> {
            // Past its deadline the close series is gone for the family: no stored 1m candle, only the open bar.
            assertThat(candles(f, m1)).extracting(c -> (long) c[0]).containsExactly(MON_0930 + 2 * 60_000L);
            for (int k = 13; k < 19; k++) tick(e, MON_0930 + k * 10_000L, 100 + k, 1, true); // minute 2 closes
            assertThat(ks.getSeries(f.barKey(m1, BarField.OPEN)).lastTimestamp()).isEqualTo(MON_0930 + 2 * 60_000L);
            assertThat(ks.getSeries(close1m)).as("deleted at its next lookup").isNull();
        });
        e.close();
    }

    private static List<double[]> candles(KlineFamily f, Timeframe tf) {
        List<double[]> out = new ArrayList<>();
        new CandleReader().candles(f, tf, Long.MIN_VALUE, Long.MAX_VALUE, -1,
                (t, o, h, l, c, v, turnover, n) -> out.add(new double[] {t, o, h, l, c, v, turnover, n}));
        return out;
    }

    private static void assertBarsMatchTicks(Engine e) {
        KlineFamily f = e.klines().get("stock:X:k");
        Series p = e.keyspace().getSeries(Key.of("stock:X:px"));
        Series v = e.keyspace().getSeries(Key.of("stock:X:vol"));
        TreeMap<Long, Double> vol = new TreeMap<>();
        SampleCursor vc = v.range(Long.MIN_VALUE, Long.MAX_VALUE, true);
        while (vc.next()) vol.put(vc.timestamp(), vc.doubleValue());
        for (Timeframe tf : TFS) {
            TreeMap<Long, double[]> expected = new TreeMap<>();
            long[] b = new long[2];
            SampleCursor c = p.range(Long.MIN_VALUE, Long.MAX_VALUE, true);
            while (c.next()) {
                if (!f.spec().calendar().bar(c.timestamp(), tf, b)) continue;
                double px = c.doubleValue();
                double[] x = expected.computeIfAbsent(b[0], k -> new double[] {px, px, px, px, 0, 0, 0});
                x[1] = Math.max(x[1], px);
                x[2] = Math.min(x[2], px);
                x[3] = px;
                Double q = vol.get(c.timestamp());
                if (q != null) {
                    x[4] += q;
                    x[5] += px * q;
                }
                x[6]++;
            }
            Bar open = f.openBar(tf);
            long openStart = open == null ? Long.MIN_VALUE : open.timestamp();
            List<String> want = new ArrayList<>();
            List<String> got = new ArrayList<>();
            for (Map.Entry<Long, double[]> en : expected.entrySet()) {
                if (en.getKey() == openStart) continue;
                want.add(en.getKey() + " " + java.util.Arrays.toString(en.getValue()));
            }
            TreeMap<Long, double[]> stored = new TreeMap<>();
            for (BarField field : BarField.values()) {
                SampleCursor s = e.keyspace().getSeries(f.barKey(tf, field)).range(Long.MIN_VALUE, Long.MAX_VALUE, true);
                while (s.next()) stored.computeIfAbsent(s.timestamp(), k -> new double[7])[field.ordinal()] = s.doubleValue();
            }
            for (Map.Entry<Long, double[]> en : stored.entrySet()) {
                if (en.getKey() == openStart) continue;
                got.add(en.getKey() + " " + java.util.Arrays.toString(en.getValue()));
            }
            assertThat(got).as(tf.label()).isEqualTo(want);
            long[] lb = new long[2];
            boolean lastIn = !p.isEmpty() && f.spec().calendar().bar(p.lastTimestamp(), tf, lb);
            assertThat(openStart).as(tf.label() + " open bar").isEqualTo(lastIn ? lb[0] : Long.MIN_VALUE);
            if (open != null) {
                double[] x = expected.get(openStart);
                assertThat(new double[] {open.open(), open.high(), open.low(), open.close(), open.volume(), open.turnover(), open.count()})
                        .isEqualTo(x);
            }
        }
    }
}
