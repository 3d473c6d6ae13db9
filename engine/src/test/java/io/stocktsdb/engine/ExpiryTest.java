package io.stocktsdb.engine;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.keyspace.ExpireCondition;
import io.stocktsdb.engine.keyspace.ExpireOutcome;
import io.stocktsdb.engine.keyspace.GetExOutcome;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyType;
import io.stocktsdb.engine.keyspace.SetMode;
import io.stocktsdb.engine.series.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static org.assertj.core.api.Assertions.assertThat;

/** Deadlines on every key type: conditions, deletion as DEL, and survival across restarts and crashes. */
class ExpiryTest {
    @TempDir
    Path dir;

    private static Key k(String s) {
        return Key.of(s);
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    @Test
    void conditionsFollowRedis() {
        try (Engine e = EngineTestSupport.open(dir)) {
            var ks = e.keyspace();
            assertThat(ks.expire(k("nope"), now() + 1000, ExpireCondition.ALWAYS)).isEqualTo(ExpireOutcome.NO_KEY);
            ks.createSeries(k("s"), EngineTestSupport.doubles(e, "s"));
            long t1 = now() + 100_000;
            assertThat(ks.expire(k("s"), t1, ExpireCondition.XX)).isEqualTo(ExpireOutcome.CONDITION_NOT_MET);
            assertThat(ks.expire(k("s"), t1, ExpireCondition.GT)).isEqualTo(ExpireOutcome.CONDITION_NOT_MET); // none = infinite
            assertThat(ks.expire(k("s"), t1, ExpireCondition.NX)).isEqualTo(ExpireOutcome.SET);
            assertThat(ks.expire(k("s"), t1 + 1, ExpireCondition.NX)).isEqualTo(ExpireOutcome.CONDITION_NOT_MET);
            assertThat(ks.expire(k("s"), t1 + 1, ExpireCondition.LT)).isEqualTo(ExpireOutcome.CONDITION_NOT_MET);
            assertThat(ks.expire(k("s"), t1 + 1, ExpireCondition.GT)).isEqualTo(ExpireOutcome.SET);
            assertThat(ks.expire(k("s"), t1, ExpireCondition.LT)).isEqualTo(ExpireOutcome.SET);
            assertThat(ks.expireAtMs(k("s"))).isEqualTo(t1);
            assertThat(ks.expiringCount()).isEqualTo(1);
            assertThat(ks.persist(k("s"))).isTrue();
            assertThat(ks.persist(k("s"))).isFalse();
            assertThat(ks.expireAtMs(k("s"))).isEqualTo(-1);
            assertThat(ks.expire(k("s"), now() - 1, ExpireCondition.ALWAYS)).isEqualTo(ExpireOutcome.DELETED);
            assertThat(ks.type(k("s"))).isEqualTo(KeyType.NONE);
            assertThat(ks.expiredKeys()).isZero(); // a past deadline deletes, it does not count as expired
        }
    }

    @Test
    void getExSetsRemovesOrDeletes() {
        try (Engine e = EngineTestSupport.open(dir)) {
            var ks = e.keyspace();
            assertThat(ks.getEx(k("a"), now() + 1000, false)).isEqualTo(GetExOutcome.ABSENT);
            ks.setString(k("a"), b("v"), -1, SetMode.ALWAYS, false, false);
            assertThat(ks.getEx(k("a"), -1, true).change()).isEqualTo(GetExOutcome.Change.NONE);
            assertThat(ks.getEx(k("a"), now() + 5000, false).change()).isEqualTo(GetExOutcome.Change.EXPIRE);
            assertThat(ks.getEx(k("a"), -1, true).change()).isEqualTo(GetExOutcome.Change.PERSIST);
            GetExOutcome gone = ks.getEx(k("a"), now() - 1, false);
            assertThat(gone.value()).isEqualTo(b("v"));
            assertThat(gone.change()).isEqualTo(GetExOutcome.Change.DELETED);
            assertThat(ks.exists(k("a"))).isFalse();
        }
    }

    @Test
    void anExpiredSeriesLeavesItsRulesAsDelDoes() throws Exception {
        try (Engine e = EngineTestSupport.open(dir)) {
            var ks = e.keyspace();
            List<Key> expired = new ArrayList<>();
            ks.setExpiryListener(expired::add);
            Series src = ks.createSeries(k("src"), EngineTestSupport.doubles(e, "src"));
            ks.createSeries(k("dst"), EngineTestSupport.doubles(e, "dst"));
            e.compactions().createRule(k("src"), k("dst"), Aggregator.SUM, 10, 0, false);
            src.add(1, bits(1), null, 100, null);
            assertThat(ks.expire(k("dst"), now() + 30, ExpireCondition.ALWAYS)).isEqualTo(ExpireOutcome.SET);
            Thread.sleep(60);
            assertThat(ks.sweepExpired(100)).isEqualTo(1);
            assertThat(expired).containsExactly(k("dst"));
            assertThat(ks.expiredKeys()).isEqualTo(1);
            assertThat(ks.getSeries(k("src")).options().rules()).isEmpty();
            ks.createSeries(k("src2"), EngineTestSupport.doubles(e, "src2"));
            assertThat(ks.expire(k("src2"), now() + 30, ExpireCondition.ALWAYS)).isEqualTo(ExpireOutcome.SET);
            Thread.sleep(60);
            assertThat(ks.getSeries(k("src2"))).isNull(); // lazily, on access
            assertThat(expired).containsExactly(k("dst"), k("src2"));
        }
    }

    @Test
    void deadlinesSurviveCheckpointReplayAndCrash() {
        long far = now() + 3_600_000;
        try (Engine e = EngineTestSupport.open(dir)) {
            var ks = e.keyspace();
            ks.createSeries(k("checkpointed"), EngineTestSupport.doubles(e, "checkpointed"));
            ks.expire(k("checkpointed"), far, ExpireCondition.ALWAYS);
            ks.createSeries(k("persisted"), EngineTestSupport.doubles(e, "persisted"));
            ks.expire(k("persisted"), far, ExpireCondition.ALWAYS);
            e.checkpoint();
            ks.persist(k("persisted"));
            ks.createSeries(k("logged"), EngineTestSupport.doubles(e, "logged"));
            ks.expire(k("logged"), far + 1, ExpireCondition.ALWAYS);
            ks.setString(k("str"), b("x"), -1, SetMode.ALWAYS, false, false);
            ks.expire(k("str"), far + 2, ExpireCondition.ALWAYS);
            ks.rename(k("logged"), k("renamed"));
            EngineTestSupport.crash(e);
        }
        try (Engine e = EngineTestSupport.open(dir)) {
            var ks = e.keyspace();
            assertThat(ks.expireAtMs(k("checkpointed"))).isEqualTo(far);
            assertThat(ks.expireAtMs(k("persisted"))).isEqualTo(-1);
            assertThat(ks.expireAtMs(k("logged"))).isEqualTo(-2);
            assertThat(ks.expireAtMs(k("renamed"))).isEqualTo(far + 1);
            assertThat(ks.expireAtMs(k("str"))).isEqualTo(far + 2);
            e.checkpoint();
        }
        try (Engine e = EngineTestSupport.open(dir)) {
            assertThat(e.persistenceStats().replayedOps()).isZero();
            assertThat(e.keyspace().expireAtMs(k("renamed"))).isEqualTo(far + 1);
            assertThat(e.keyspace().expireAtMs(k("str"))).isEqualTo(far + 2);
            assertThat(e.keyspace().expiringCount()).isEqualTo(3);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
