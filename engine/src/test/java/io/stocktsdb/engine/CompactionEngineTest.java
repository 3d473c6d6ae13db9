package io.stocktsdb.engine;

import io.stocktsdb.engine.aggregate.Aggregator;
import io.stocktsdb.engine.keyspace.Key;
import io.stocktsdb.engine.keyspace.SetMode;
import io.stocktsdb.engine.rules.CompactionService;
import io.stocktsdb.engine.rules.RuleErrors;
import io.stocktsdb.engine.series.AddResult;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.Sample;
import io.stocktsdb.engine.series.Series;
import io.stocktsdb.engine.series.ValueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.stocktsdb.engine.EngineTestSupport.bits;
import static io.stocktsdb.engine.EngineTestSupport.dump;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Compaction rules through the engine API: every transition of reference §8. */
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
        assertThatThrownBy(() -> rules.deleteRule(k("src"), k("dst"))).hasMessage(RuleErrors.RULE_NOT_EXISTS);
        assertThatThrownBy(() -> rules.deleteRule(k("nope"), k("dst"))).hasMessage(RuleErrors.KEY_NOT_EXISTS);
    }

    @Test
    void createRuleErrorsInRedisTimeSeriesOrder() {
        create("a");
        create("b");
        create("c");
        e.keyspace().setString(k("str"), "x".getBytes(StandardCharsets.UTF_8), -1, SetMode.ALWAYS, false, false);
        assertThatThrownBy(() -> rules.createRule(k("a"), k("a"), Aggregator.AVG, 10, 0, false)).hasMessage(RuleErrors.SAME_KEYS);
        assertThatThrownBy(() -> rules.createRule(k("x"), k("a"), Aggregator.AVG, 10, 0, false)).hasMessage(RuleErrors.KEY_NOT_EXISTS);
        assertThatThrownBy(() -> rules.createRule(k("str"), k("a"), Aggregator.AVG, 10, 0, false)).hasMessage(RuleErrors.WRONGTYPE);
        assertThatThrownBy(() -> rules.createRule(k("a"), k("x"), Aggregator.AVG, 10, 0, false)).hasMessage(RuleErrors.KEY_NOT_EXISTS);
        assertThatThrownBy(() -> rules.createRule(k("a"), k("str"), Aggregator.AVG, 10, 0, false)).hasMessage(RuleErrors.WRONGTYPE);
        assertThatThrownBy(() -> rules.createRule(k("a"), k("b"), Aggregator.AVG, 0, 0, false))
                .hasMessage("ERR TSDB: bucketDuration must be greater than zero");
        rules.createRule(k("a"), k("b"), Aggregator.AVG, 10, 0, false);
        // the rule exists: b has a source
        assertThatThrownBy(() -> rules.createRule(k("a"), k("b"), Aggregator.MAX, 10, 0, false)).hasMessage(RuleErrors.DEST_HAS_SOURCE);
        assertThatThrownBy(() -> rules.createRule(k("c"), k("b"), Aggregator.MAX, 10, 0, false)).hasMessage(RuleErrors.DEST_HAS_SOURCE);
        // no chains: b is a destination, a is a source
        assertThatThrownBy(() -> rules.createRule(k("b"), k("c"), Aggregator.MAX, 10, 0, false)).hasMessage(RuleErrors.SOURCE_IS_DESTINATION);
        assertThatThrownBy(() -> rules.createRule(k("c"), k("a"), Aggregator.MAX, 10, 0, false)).hasMessage(RuleErrors.DEST_IS_SOURCE);
        e.keyspace().createSeries(k("strings"), e.defaultSeriesOptions(k("strings"), ValueType.STRING));
        e.keyspace().createSeries(k("ints"), e.defaultSeriesOptions(k("ints"), ValueType.INT));
        assertThatThrownBy(() -> rules.createRule(k("strings"), k("c"), Aggregator.MAX, 10, 0, false))
                .hasMessage(RuleErrors.notNumeric("source", "string"));
        assertThatThrownBy(() -> rules.createRule(k("c"), k("ints"), Aggregator.MAX, 10, 0, false)).hasMessage(RuleErrors.DEST_NOT_DOUBLE);
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

    @Test
    void latestOfAnEmptyRuleOrAMissingKeyIsNull() {
        create("src");
        create("dst");
        rules.createRule(k("src"), k("dst"), Aggregator.SUM, 10, 0, false);
        assertThat(rules.latest(k("dst"))).isNull();
        assertThat(rules.latest(k("missing"))).isNull();
    }
}
