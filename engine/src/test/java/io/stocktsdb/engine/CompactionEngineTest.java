package io.stocktsdb.engine;

import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.error.TsdbError;
import static io.stocktsdb.engine.EngineTestSupport.bits;
import static io.stocktsdb.engine.EngineTestSupport.dump;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.SetMode;
import io.stocktsdb.engine.compaction.CompactionService;
import io.stocktsdb.engine.series.AddResult;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.chunk.Sample;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.chunk.ValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction rules through the engine API: every transition of docs/timeseries.md, "Behaviour: compaction rules" */
class CompactionEngineTest {
    @TempDir
    Path dir;
    private Engine e;
    private CompactionService rules;

    @BeforeEach
    void open() {
        e = EngineTestSupport.open(dir);
        rules = e.compactions();
    }

    @AfterEach
    void close() {
        if (e != null) e.close();
    }

    private Series create(String key) {
        return e.keyspace().createSeries(Key.of(key), EngineTestSupport.doubles(e, key));
    }

    private static Key k(String s) {
        return Key.of(s);
    }

    private static void add(Series s, long ts, double v) {
        assertThat(s.add(ts, bits(v), null, 100, null)).isIn(AddResult.ADDED, AddResult.UPDATED);
    }

    private Series series(String key) {
        return e.keyspace().getSeries(k(key));
    }

    private String latest(String dest) {
        Sample s = rules.latest(k(dest));
        return s == null ? null : s.timestamp() + "=" + Double.longBitsToDouble(s.valueBits());
    }

    @Test
    void appendClosesABucketOnlyWhenALaterBucketStarts() {
        Series src = create("src");
        Series dst = create("dst");
        rules.createRule(k("src"), k("dst"), Aggregator.SUM, 10, 0, false);
        assertThat(dst.options().sourceKey()).isEqualTo(k("src"));
        assertThat(src.options().rules()).extracting(RuleSpec::destKey).containsExactly(k("dst"));
        add(src, 1, 1);
        add(src, 5, 2);
        assertThat(dump(dst, 0, 100)).isEmpty();
        assertThat(latest("dst")).isEqualTo("0=3.0");
        add(src, 10, 4);
        assertThat(dump(dst, 0, 100)).containsExactly("0=3.0");
        assertThat(latest("dst")).isEqualTo("10=4.0");
        add(src, 35, 1); // bucket 20 stays empty: no sample for it
        assertThat(dump(dst, 0, 100)).containsExactly("0=3.0", "10=4.0");
        assertThat(latest("dst")).isEqualTo("30=1.0");
        assertThat(latest("src")).isNull();
    }

    @Test
    void everyRuleOfASourceIsFedWithItsOwnBucketsAndAlignment() {
        Series src = create("src");
        Series avg = create("avg");
        Series max = create("max");
        rules.createRule(k("src"), k("avg"), Aggregator.AVG, 10, 0, false);
        rules.createRule(k("src"), k("max"), Aggregator.MAX, 20, 5, false);
        for (int t = 0; t < 50; t += 3) add(src, t, t);
        assertThat(dump(avg, 0, 100)).containsExactly("0=4.5", "10=15.0", "20=24.0", "30=34.5");
        // aligned to 5: [-15,5) reported at 0, [5,25), [25,45)
        assertThat(dump(max, 0, 100)).containsExactly("0=3.0", "5=24.0", "25=42.0");
        assertThat(latest("max")).isEqualTo("45=48.0");
    }

    @Test
    void ruleOnANonEmptySourceStartsWithTheNextSampleUnlessBackfilled() {
        Series src = create("src");
        for (int t = 0; t < 30; t++) add(src, t, 1);
        Series plain = create("plain");
        Series filled = create("filled");
        rules.createRule(k("src"), k("plain"), Aggregator.COUNT, 10, 0, false);
        rules.createRule(k("src"), k("filled"), Aggregator.COUNT, 10, 0, true);
        assertThat(dump(plain, 0, 100)).isEmpty();
        assertThat(latest("plain")).isNull();
        assertThat(dump(filled, 0, 100)).containsExactly("0=10.0", "10=10.0");
        assertThat(latest("filled")).isEqualTo("20=10.0");
        add(src, 30, 1);
        assertThat(dump(plain, 0, 100)).isEmpty(); // 30 opened its first bucket
        assertThat(dump(filled, 0, 100)).containsExactly("0=10.0", "10=10.0", "20=10.0");
        add(src, 41, 1);
        assertThat(dump(plain, 0, 100)).containsExactly("30=1.0");
    }

    @Test
    void deleteRuleKeepsTheDataAndUnlinksBothSides() {
        Series src = create("src");
        Series dst = create("dst");
        rules.createRule(k("src"), k("dst"), Aggregator.LAST, 10, 0, false);
        add(src, 1, 7);
        add(src, 12, 8);
        rules.deleteRule(k("src"), k("dst"));
        assertThat(src.options().rules()).isEmpty();
        assertThat(dst.options().sourceKey()).isNull();
        assertThat(latest("dst")).isNull();
        add(src, 25, 9);
        assertThat(dump(dst, 0, 100)).containsExactly("0=7.0");
        assertThatThrownBy(() -> rules.deleteRule(k("src"), k("dst"))).hasMessage(TsdbError.RULE_DOES_NOT_EXIST.name());
        assertThatThrownBy(() -> rules.deleteRule(k("nope"), k("dst"))).hasMessage(TsdbError.KEY_DOES_NOT_EXIST.name());
    }

    @Test
    void createRuleErrorsInRedisTimeSeriesOrder() {
        create("a");
        create("b");
        create("c");
        e.keyspace().setString(k("str"), "x".getBytes(StandardCharsets.UTF_8), -1, SetMode.ALWAYS, false, false);
        assertThatThrownBy(() -> rules.createRule(k("a"), k("a"), Aggregator.AVG, 10, 0, false)).hasMessage(TsdbError.SAME_SOURCE_AND_DEST.name());
        assertThatThrownBy(() -> rules.createRule(k("x"), k("a"), Aggregator.AVG, 10, 0, false)).hasMessage(TsdbError.KEY_DOES_NOT_EXIST.name());
        assertThatThrownBy(() -> rules.createRule(k("str"), k("a"), Aggregator.AVG, 10, 0, false)).hasMessage(TsdbError.NOT_A_SERIES.name());
        assertThatThrownBy(() -> rules.createRule(k("a"), k("x"), Aggregator.AVG, 10, 0, false)).hasMessage(TsdbError.KEY_DOES_NOT_EXIST.name());
        assertThatThrownBy(() -> rules.createRule(k("a"), k("str"), Aggregator.AVG, 10, 0, false)).hasMessage(TsdbError.NOT_A_SERIES.name());
        assertThatThrownBy(() -> rules.createRule(k("a"), k("b"), Aggregator.AVG, 0, 0, false))
                .hasMessage(TsdbError.BUCKET_DURATION_POSITIVE.name());
        rules.createRule(k("a"), k("b"), Aggregator.AVG, 10, 0, false);
        // the rule exists: b has a source
        assertThatThrownBy(() -> rules.createRule(k("a"), k("b"), Aggregator.MAX, 10, 0, false)).hasMessage(TsdbError.DEST_HAS_SOURCE_RULE.name());
        assertThatThrownBy(() -> rules.createRule(k("c"), k("b"), Aggregator.MAX, 10, 0, false)).hasMessage(TsdbError.DEST_HAS_SOURCE_RULE.name());
        // no chains: b is a destination, a is a source
        assertThatThrownBy(() -> rules.createRule(k("b"), k("c"), Aggregator.MAX, 10, 0, false)).hasMessage(TsdbError.SOURCE_HAS_SOURCE_RULE.name());
        assertThatThrownBy(() -> rules.createRule(k("c"), k("a"), Aggregator.MAX, 10, 0, false)).hasMessage(TsdbError.DEST_HAS_DEST_RULES.name());
        e.keyspace().createSeries(k("strings"), e.defaultSeriesOptions(k("strings"), ValueType.STRING));
        e.keyspace().createSeries(k("ints"), e.defaultSeriesOptions(k("ints"), ValueType.INT));
        assertThatThrownBy(() -> rules.createRule(k("strings"), k("c"), Aggregator.MAX, 10, 0, false))
                .hasMessage(new TsdbException(TsdbError.RULE_SERIES_NOT_NUMERIC, "source", "string").getMessage());
        assertThatThrownBy(() -> rules.createRule(k("c"), k("ints"), Aggregator.MAX, 10, 0, false)).hasMessage(TsdbError.DEST_NOT_DOUBLE.name());
        assertThat(series("c").options().rules()).isEmpty();
    }

    @Test
    void intSourcesFeedTheirValuesAsDoubles() {
        Series src = e.keyspace().createSeries(k("i"), e.defaultSeriesOptions(k("i"), ValueType.INT));
        Series dst = create("d");
        rules.createRule(k("i"), k("d"), Aggregator.AVG, 10, 0, false);
        src.add(1, 3, null, 100, null);
        src.add(2, 4, null, 100, null);
        src.add(11, 5, null, 100, null);
        assertThat(dump(dst, 0, 100)).containsExactly("0=3.5");
    }

    @Test
    void closedBucketsGoThroughTheDestinationsRetentionAndIgnore() {
        Series src = create("src");
        Series dst = e.keyspace().createSeries(k("dst"), EngineTestSupport.doubles(e, "dst").withIgnore(1000, 0.5));
        rules.createRule(k("src"), k("dst"), Aggregator.MAX, 10, 0, false);
        add(src, 1, 5);
        add(src, 11, 5.2); // closes [0,10) = 5
        add(src, 21, 9); // closes [10,20) = 5.2: within IGNORE of 5 at ts 10 -> dropped like TS.ADD would
        add(src, 31, 1); // closes [20,30) = 9
        assertThat(dump(dst, 0, 100)).containsExactly("0=5.0", "20=9.0");
    }


    private Series createLast(String key) {
        return e.keyspace().createSeries(Key.of(key), EngineTestSupport.doubles(e, key).withDuplicatePolicy(DuplicatePolicy.LAST));
    }

    /** src (LAST policy) with a SUM rule of 10 ms into dst, fed 1..4 at 1,5 | 12,15 | 22,28 | 35 (open). */
    private Series fedSum() {
        Series src = createLast("src");
        create("dst");
        rules.createRule(k("src"), k("dst"), Aggregator.SUM, 10, 0, false);
        long[] ts = {1, 5, 12, 15, 22, 28, 35};
        for (int i = 0; i < ts.length; i++) add(src, ts[i], i + 1);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=3.0", "10=7.0", "20=11.0");
        assertThat(latest("dst")).isEqualTo("30=7.0");
        return src;
    }

    @Test
    void upsertIntoAClosedBucketRewritesItsDestinationSample() {
        Series src = fedSum();
        add(src, 5, 10); // LAST: 2 -> 10
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=11.0", "10=7.0", "20=11.0");
        add(src, 17, 1); // out-of-order insert
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=11.0", "10=8.0", "20=11.0");
        assertThat(latest("dst")).isEqualTo("30=7.0");
    }

    @Test
    void upsertIntoAnEmptyOldBucketCreatesItsDestinationSample() {
        Series src = createLast("src");
        create("dst");
        rules.createRule(k("src"), k("dst"), Aggregator.MIN, 10, 0, false);
        add(src, 1, 5);
        add(src, 31, 6);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=5.0");
        add(src, 14, -2);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=5.0", "10=-2.0");
    }

    @Test
    void upsertIntoTheOpenBucketOnlyRecomputesItsContext() {
        Series src = fedSum();
        add(src, 33, 5);
        add(src, 35, 1); // LAST: 7 -> 1
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=3.0", "10=7.0", "20=11.0");
        assertThat(latest("dst")).isEqualTo("30=6.0");
        add(src, 40, 0);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=3.0", "10=7.0", "20=11.0", "30=6.0");
    }

    @Test
    void sumDuplicatePolicyUpsertsAreRecomputedFromTheMergedSample() {
        Series src = e.keyspace().createSeries(k("src"), EngineTestSupport.doubles(e, "src").withDuplicatePolicy(DuplicatePolicy.SUM));
        create("dst");
        rules.createRule(k("src"), k("dst"), Aggregator.MAX, 10, 0, false);
        add(src, 1, 5);
        add(src, 2, 3);
        add(src, 11, 1);
        add(src, 2, 4); // 3 + 4 = 7 is now the max of [0,10)
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=7.0");
        assertThat(dump(src, 0, 100)).containsExactly("1=5.0", "2=7.0", "11=1.0");
    }

    @Test
    void blockedOrIgnoredWritesChangeNothing() {
        Series src = create("src"); // BLOCK
        create("dst");
        rules.createRule(k("src"), k("dst"), Aggregator.COUNT, 10, 0, false);
        add(src, 1, 1);
        add(src, 11, 1);
        assertThat(src.add(1, bits(2), null, 100, null)).isEqualTo(AddResult.BLOCKED);
        assertThat(src.add(11, bits(1), null, 100, DuplicatePolicy.LAST)).isEqualTo(AddResult.IGNORED);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=1.0");
        assertThat(latest("dst")).isEqualTo("10=1.0");
    }

    @Test
    void deleteRecomputesTheEdgeBucketsAndRemovesEmptiedOnes() {
        Series src = fedSum();
        assertThat(src.deleteRange(5, 22)).isEqualTo(4);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=1.0", "20=6.0");
        assertThat(latest("dst")).isEqualTo("30=7.0");
    }

    @Test
    void deleteThatEmptiesTheOpenBucketReopensThePreviousOne() {
        Series src = fedSum();
        assertThat(src.deleteRange(30, 40)).isEqualTo(1);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=3.0", "10=7.0");
        assertThat(latest("dst")).isEqualTo("20=11.0");
        add(src, 29, 1);
        assertThat(latest("dst")).isEqualTo("20=12.0");
        add(src, 41, 1);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=3.0", "10=7.0", "20=12.0");
    }

    @Test
    void deletingEverythingEmptiesTheDestinationBucketsAndResetsTheRule() {
        Series src = fedSum();
        assertThat(src.deleteRange(0, 100)).isEqualTo(7);
        assertThat(dump(series("dst"), 0, 100)).isEmpty();
        assertThat(latest("dst")).isNull();
        add(src, 50, 2);
        add(src, 61, 3);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("50=2.0");
    }

    @Test
    void retentionLimitsDeletesAndRecomputationsToTheRetainedSamples() {
        Series src = e.keyspace().createSeries(k("src"), EngineTestSupport.doubles(e, "src")
                .withDuplicatePolicy(DuplicatePolicy.LAST).withRetentionMs(25));
        create("dst");
        rules.createRule(k("src"), k("dst"), Aggregator.SUM, 20, 0, false);
        for (long t = 0; t <= 50; t += 5) add(src, t, 1);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=4.0", "20=4.0");
        // cutoff = 50 - 25 = 25: ts 20 is expired, so [20,40) is recomputed from 25, 30, 35
        add(src, 30, 10);
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=4.0", "20=12.0");
        // RTS: deleting before the cutoff, or in a bucket starting before it, is refused
        assertThatThrownBy(() -> src.deleteRange(24, 26)).hasMessage(TsdbError.DELETE_BEYOND_RETENTION.name());
        assertThatThrownBy(() -> src.deleteRange(30, 30)).hasMessage(TsdbError.DELETE_BEYOND_RETENTION.name());
        assertThat(dump(src, 0, 100)).hasSize(6);
        assertThat(src.deleteRange(40, 45)).isEqualTo(2);
        assertThat(latest("dst")).isEqualTo("40=1.0");
    }

    // ------------------------------------------------------------------ key operations keep links consistent

    @Test
    void deletingADestinationRemovesTheRuleFromItsSource() {
        Series src = fedSum();
        assertThat(e.keyspace().delete(k("dst"))).isTrue();
        assertThat(src.options().rules()).isEmpty();
        add(src, 45, 1);
        create("dst");
        assertThat(dump(series("dst"), 0, 100)).isEmpty();
        assertThat(series("dst").options().sourceKey()).isNull();
    }

    @Test
    void deletingOrOverwritingASourceClearsItsDestinationsLinks() {
        fedSum();
        create("d2");
        rules.createRule(k("src"), k("d2"), Aggregator.MAX, 10, 0, false);
        assertThat(e.keyspace().delete(k("src"))).isTrue();
        assertThat(series("dst").options().sourceKey()).isNull();
        assertThat(series("d2").options().sourceKey()).isNull();
        assertThat(dump(series("dst"), 0, 100)).containsExactly("0=3.0", "10=7.0", "20=11.0");

        Series s2 = create("s2");
        rules.createRule(k("s2"), k("dst"), Aggregator.MAX, 10, 0, false);
        e.keyspace().setString(k("s2"), "x".getBytes(StandardCharsets.UTF_8), -1, SetMode.ALWAYS, false, false);
        assertThat(s2.isRemoved()).isTrue();
        assertThat(series("dst").options().sourceKey()).isNull();
    }

    @Test
    void renamingASourceOrADestinationKeepsTheLinkAndTheFlow() {
        fedSum();
        assertThat(e.keyspace().rename(k("src"), k("src2"))).isTrue();
        assertThat(series("dst").options().sourceKey()).isEqualTo(k("src2"));
        assertThat(e.keyspace().rename(k("dst"), k("dst2"))).isTrue();
        assertThat(series("src2").options().rules()).extracting(RuleSpec::destKey).containsExactly(k("dst2"));
        assertThat(latest("dst2")).isEqualTo("30=7.0");
        add(series("src2"), 41, 1);
        assertThat(dump(series("dst2"), 0, 100)).containsExactly("0=3.0", "10=7.0", "20=11.0", "30=7.0");
    }

    @Test
    void renamingOverALinkedKeyUnlinksTheOverwrittenSeries() {
        fedSum();
        create("other");
        // RTS test_rename: a destination renamed onto its own source leaves an unlinked series
        assertThat(e.keyspace().rename(k("dst"), k("src"))).isTrue();
        Series moved = series("src");
        assertThat(moved.options().sourceKey()).isNull();
        assertThat(moved.options().rules()).isEmpty();
        assertThat(dump(moved, 0, 100)).containsExactly("0=3.0", "10=7.0", "20=11.0");

        Series a = create("a");
        create("b");
        rules.createRule(k("a"), k("b"), Aggregator.SUM, 10, 0, false);
        // the source renamed onto its destination: the rule into the overwritten key goes too
        assertThat(e.keyspace().rename(k("a"), k("b"))).isTrue();
        assertThat(a.options().rules()).isEmpty();
        assertThat(a.options().sourceKey()).isNull();
        // a plain key renamed onto a destination: the source forgets the rule
        Series c = create("c");
        create("d");
        rules.createRule(k("c"), k("d"), Aggregator.SUM, 10, 0, false);
        assertThat(e.keyspace().rename(k("other"), k("d"))).isTrue();
        assertThat(c.options().rules()).isEmpty();
        e.keyspace().setString(k("str"), "v".getBytes(StandardCharsets.UTF_8), -1, SetMode.ALWAYS, false, false);
        create("e");
        rules.createRule(k("c"), k("e"), Aggregator.SUM, 10, 0, false);
        assertThat(e.keyspace().rename(k("str"), k("e"))).isTrue();
        assertThat(c.options().rules()).isEmpty();
    }

    @Test
    void latestOfAnEmptyRuleOrAMissingKeyIsNull() {
        create("src");
        create("dst");
        rules.createRule(k("src"), k("dst"), Aggregator.SUM, 10, 0, false);
        assertThat(rules.latest(k("dst"))).isNull();
        assertThat(rules.latest(k("missing"))).isNull();
    }
}
