package io.stocktsdb.engine.chunk;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same behaviour checked on every chunk kind against a TreeMap model. */
class ChunkContractTest {

    /** One chunk kind under test. */
    static final class Kind {
        final String name;
        final ValueType type;
        final IntFunction<Chunk> factory;
        final Class<?> chunkClass;

        Kind(String name, ValueType type, IntFunction<Chunk> factory, Class<?> chunkClass) {
            this.name = name;
            this.type = type;
            this.factory = factory;
            this.chunkClass = chunkClass;
        }

        @Override public String toString() { return name; }

        Chunk create(int maxBytes) { return factory.apply(maxBytes); }
    }

    static List<Kind> kinds() {
        return List.of(
            new Kind("compressed double", ValueType.DOUBLE, b -> new CompressedChunk(ValueType.DOUBLE, b), CompressedChunk.class),
            new Kind("compressed xor-only double", ValueType.DOUBLE, b -> CompressedChunk.gorillaXorOnly(ValueType.DOUBLE, b), CompressedChunk.class),
            new Kind("compressed int", ValueType.INT, b -> new CompressedChunk(ValueType.INT, b), CompressedChunk.class),
            new Kind("uncompressed double", ValueType.DOUBLE, b -> new UncompressedChunk(ValueType.DOUBLE, b), UncompressedChunk.class),
            new Kind("uncompressed int", ValueType.INT, b -> new UncompressedChunk(ValueType.INT, b), UncompressedChunk.class),
            new Kind("blob string", ValueType.STRING, b -> new BlobChunk(ValueType.STRING, b), BlobChunk.class),
            new Kind("blob hash", ValueType.HASH, b -> new BlobChunk(ValueType.HASH, b), BlobChunk.class));
    }

    /** What one sample should hold. */
    static final class Expected {
        final long value;
        final byte[] blob;
        final int quality;

        Expected(long value, byte[] blob, int quality) {
            this.value = value;
            this.blob = blob;
            this.quality = quality;
        }
    }

    private static final int BIG = 1 << 24;

    private static byte[] blobFor(long v) {
        return ("{\"v\":" + v + ",\"s\":\"tick\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static Expected sample(Kind k, long value, int quality) {
        return k.type.isNumeric() ? new Expected(value, null, quality) : new Expected(0, blobFor(value), quality);
    }

    private static boolean append(Chunk c, long ts, Expected e) {
        return c.append(ts, e.value, e.blob, e.quality);
    }

    private static UpsertResult upsert(Chunk c, long ts, Expected e, DuplicatePolicy p) {
        return c.upsert(ts, e.value, e.blob, e.quality, p);
    }

    static void assertMatches(Chunk c, NavigableMap<Long, Expected> model, long from, long to) {
        NavigableMap<Long, Expected> sub = from > to ? new TreeMap<>() : model.subMap(from, true, to, true);
        List<Long> seen = new ArrayList<>();
        SampleCursor cur = c.cursor(from, to);
        while (cur.next()) {
            seen.add(cur.timestamp());
            assertSample(c.valueType(), cur, sub.get(cur.timestamp()));
        }
        assertThat(cur.next()).isFalse();
        assertThat(seen).containsExactlyElementsOf(sub.keySet());
        List<Long> seenDesc = new ArrayList<>();
        SampleCursor rev = c.reverseCursor(from, to);
        while (rev.next()) {
            seenDesc.add(rev.timestamp());
            assertSample(c.valueType(), rev, sub.get(rev.timestamp()));
        }
        assertThat(rev.next()).isFalse();
        assertThat(seenDesc).containsExactlyElementsOf(sub.descendingKeySet());
    }

    private static void assertSample(ValueType type, SampleCursor cur, Expected e) {
        assertThat(e).as("unexpected ts %d", cur.timestamp()).isNotNull();
        assertThat(cur.quality()).as("quality at %d", cur.timestamp()).isEqualTo(e.quality);
        if (type.isNumeric()) {
            assertThat(cur.valueBits()).as("value at %d", cur.timestamp()).isEqualTo(e.value);
            assertThat(cur.blob()).isNull();
            double d = type == ValueType.INT ? (double) e.value : Double.longBitsToDouble(e.value);
            assertThat(Double.doubleToRawLongBits(cur.doubleValue())).isEqualTo(Double.doubleToRawLongBits(d));
        } else {
            assertThat(cur.blob()).as("blob at %d", cur.timestamp()).isEqualTo(e.blob);
        }
    }

    static void assertWhole(Chunk c, NavigableMap<Long, Expected> model) {
        assertThat(c.count()).isEqualTo(model.size());
        if (!model.isEmpty()) {
            assertThat(c.firstTimestamp()).isEqualTo(model.firstKey());
            assertThat(c.lastTimestamp()).isEqualTo(model.lastKey());
        }
        assertMatches(c, model, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Encodes, checks the size contract, decodes, and checks that re-encoding is byte-identical. */
    static Chunk roundTrip(Chunk c) {
        byte[] bytes = ChunkCodec.encode(c);
        int summaryBytes = c instanceof CompressedChunk cc ? cc.encodedSize() - cc.byteSize() : 0;
        assertThat(bytes.length).isEqualTo(c.byteSize() + summaryBytes);
        Chunk d = ChunkCodec.decode(bytes);
        if (c.valueType().isNumeric()) assertThat(d.summary()).isEqualTo(ChunkSummary.of(c));
        assertThat(d.getClass()).isEqualTo(c.getClass());
        assertThat(d.valueType()).isEqualTo(c.valueType());
        assertThat(d.maxBytes()).isEqualTo(c.maxBytes());
        assertThat(ChunkCodec.encode(d)).isEqualTo(bytes);
        byte[] padded = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, padded, 5, bytes.length);
        assertThat(ChunkCodec.encode(ChunkCodec.decode(padded, 5, bytes.length))).isEqualTo(bytes);
        return d;
    }

    private static List<Samples> datasets(Kind k) {
        if (k.type == ValueType.INT) {
            return List.of(Samples.extremeInts(), Samples.intCounter(3000), asInts(Samples.extremeTimestamps()),
                           new Samples("one sample", new long[] {-7}, new long[] {Long.MIN_VALUE}, new int[] {0}));
        }
        return List.of(Samples.randomWalk2(3000, 1), Samples.constant(500), Samples.counter(500), Samples.randomDoubles(500, 2),
                       Samples.specials(), Samples.extremeTimestamps(), Samples.irregular(2000, 3),
                       new Samples("one sample", new long[] {Long.MAX_VALUE}, Samples.doubles(-0.0), new int[] {42}));
    }

    private static Samples asInts(Samples s) {
        long[] v = new long[s.size()];
        for (int i = 0; i < v.length; i++) v[i] = (long) Double.longBitsToDouble(s.values[i]) * 1_000_000_007L;
        return new Samples(s.name, s.ts, v, s.quality);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void datasetsRoundTripThroughCursorsAndCodec(Kind k) {
        for (Samples s : datasets(k)) {
            Chunk c = k.create(BIG);
            NavigableMap<Long, Expected> model = new TreeMap<>();
            for (int i = 0; i < s.size(); i++) {
                Expected e = sample(k, s.values[i], s.quality[i]);
                assertThat(append(c, s.ts[i], e)).as("%s sample %d", s, i).isTrue();
                model.put(s.ts[i], e);
            }
            assertWhole(c, model);
            Chunk decoded = roundTrip(c);
            assertWhole(decoded, model);
            Random r = new Random(s.size());
            for (int q = 0; q < 30; q++) {
                long a = s.ts[r.nextInt(s.size())] + r.nextInt(3) - 1;
                long b = s.ts[r.nextInt(s.size())] + r.nextInt(3) - 1;
                assertMatches(decoded, model, Math.min(a, b), Math.max(a, b));
                assertMatches(c, model, a, b);
            }
            assertMatches(c, model, s.ts[0], s.ts[0]);
            if (s.ts[0] != Long.MIN_VALUE) assertMatches(c, model, Long.MIN_VALUE, s.ts[0] - 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void emptyChunkHasNoSamplesAndRoundTrips(Kind k) {
        Chunk c = k.create(4096);
        assertThat(c.count()).isZero();
        assertThat(c.cursor(Long.MIN_VALUE, Long.MAX_VALUE).next()).isFalse();
        assertThat(c.reverseCursor(Long.MIN_VALUE, Long.MAX_VALUE).next()).isFalse();
        assertThat(c.deleteRange(Long.MIN_VALUE, Long.MAX_VALUE)).isZero();
        assertThat(c.split()).containsExactly(c);
        Chunk d = roundTrip(c);
        assertThat(d.count()).isZero();
        assertThat(append(d, 5, sample(k, 9, 100))).isTrue();
        assertThat(d.count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void appendUntilFullStaysWithinBudgetAndRefusesWithoutChange(Kind k) {
        int maxBytes = 300;
        Chunk c = k.create(maxBytes);
        NavigableMap<Long, Expected> model = new TreeMap<>();
        Samples s = k.type == ValueType.INT ? Samples.intCounter(10_000) : Samples.randomWalk2(10_000, 9);
        int i = 0;
        while (true) {
            Expected e = sample(k, s.values[i], s.quality[i]);
            if (!append(c, s.ts[i], e)) break;
            model.put(s.ts[i], e);
            i++;
            assertThat(i).isLessThan(10_000);
        }
        assertThat(i).isGreaterThan(1);
        int size = k.chunkClass == BlobChunk.class ? ((BlobChunk) c).rawByteSize() : c.byteSize();
        assertThat(size).isLessThanOrEqualTo(maxBytes);
        assertThat(c.needsSplit()).isFalse();
        assertWhole(c, model);
        Expected refused = sample(k, s.values[i], s.quality[i]);
        assertThat(append(c, s.ts[i], refused)).isFalse();
        Chunk d = roundTrip(c);
        assertThat(append(d, s.ts[i], refused)).isFalse();
        assertWhole(d, model);
        // a refused append leaves the chunk appendable by a later, smaller sample only if it fits: both stay consistent
        assertThat(ChunkCodec.encode(d)).isEqualTo(ChunkCodec.encode(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void firstSampleIsAcceptedEvenOverBudget(Kind k) {
        Chunk c = k.create(1);
        assertThat(append(c, 10, sample(k, 3, 100))).isTrue();
        assertThat(append(c, 11, sample(k, 3, 100))).isFalse();
        assertThat(c.count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void appendRejectsNonIncreasingTimestampsAndBadQuality(Kind k) {
        Chunk c = k.create(4096);
        append(c, 10, sample(k, 1, 100));
        assertThatThrownBy(() -> append(c, 10, sample(k, 2, 100))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> append(c, 9, sample(k, 2, 100))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> append(c, 11, sample(k, 2, 101))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> upsert(c, 11, sample(k, 2, -1), DuplicatePolicy.LAST)).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void upsertFollowsEachDuplicatePolicy(Kind k) {
        for (DuplicatePolicy p : DuplicatePolicy.values()) {
            Chunk c = k.create(4096);
            NavigableMap<Long, Expected> model = new TreeMap<>();
            long[] olds = k.type == ValueType.INT ? new long[] {10, 20, 30} : Samples.doubles(1.5, 2.5, 3.5);
            for (int i = 0; i < 3; i++) {
                Expected e = sample(k, olds[i], 90);
                append(c, 100 + i * 10, e);
                model.put(100L + i * 10, e);
            }
            long lower = k.type == ValueType.INT ? 5 : Double.doubleToRawLongBits(0.25);
            long higher = k.type == ValueType.INT ? 50 : Double.doubleToRawLongBits(9.75);

            // a new timestamp inside the span and before it: ADDED whatever the policy
            Expected mid = sample(k, lower, 70);
            assertThat(upsert(c, 105, mid, p)).isEqualTo(UpsertResult.ADDED);
            model.put(105L, mid);
            Expected early = sample(k, higher, 100);
            assertThat(upsert(c, -3, early, p)).isEqualTo(UpsertResult.ADDED);
            model.put(-3L, early);
            Expected late = sample(k, higher, 100);
            assertThat(upsert(c, 1000, late, p)).isEqualTo(UpsertResult.ADDED);
            model.put(1000L, late);
            assertWhole(c, model);

            // an existing timestamp: once with a lower, once with a higher value
            Expected low = sample(k, lower, 50);
            Expected high = sample(k, higher, 60);
            UpsertResult r1 = upsert(c, 110, low, p);
            UpsertResult r2 = upsert(c, 120, high, p);
            if (p == DuplicatePolicy.BLOCK) {
                assertThat(r1).isEqualTo(UpsertResult.BLOCKED);
                assertThat(r2).isEqualTo(UpsertResult.BLOCKED);
            } else {
                assertThat(r1).isEqualTo(UpsertResult.UPDATED);
                assertThat(r2).isEqualTo(UpsertResult.UPDATED);
                model.put(110L, merged(k, p, model.get(110L), low));
                model.put(120L, merged(k, p, model.get(120L), high));
            }
            assertWhole(c, model);
            assertWhole(roundTrip(c), model);
        }
    }

    /** The documented policy outcome, written out per case. */
    private static Expected merged(Kind k, DuplicatePolicy p, Expected old, Expected neu) {
        if (!k.type.isNumeric()) return p == DuplicatePolicy.FIRST ? old : neu;
        switch (p) {
            case FIRST: return old;
            case LAST: return neu;
            case MIN: return lessThan(k, neu.value, old.value) ? neu : old;
            case MAX: return lessThan(k, old.value, neu.value) ? neu : old;
            case SUM:
                long sum = k.type == ValueType.INT ? old.value + neu.value
                        : Double.doubleToRawLongBits(Double.longBitsToDouble(old.value) + Double.longBitsToDouble(neu.value));
                return new Expected(sum, null, Math.min(old.quality, neu.quality));
            default: throw new AssertionError(p);
        }
    }

    private static boolean lessThan(Kind k, long a, long b) {
        return k.type == ValueType.INT ? a < b : Double.longBitsToDouble(a) < Double.longBitsToDouble(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void deleteRangeRemovesInclusiveBounds(Kind k) {
        Chunk c = k.create(BIG);
        NavigableMap<Long, Expected> model = new TreeMap<>();
        for (int i = 0; i < 200; i++) {
            Expected e = sample(k, k.type == ValueType.INT ? i * 3L : Double.doubleToRawLongBits(i * 0.25), 100 - i % 2);
            append(c, i * 10L, e);
            model.put(i * 10L, e);
        }
        assertThat(c.deleteRange(50, 100)).isEqualTo(6);
        model.subMap(50L, true, 100L, true).clear();
        assertThat(c.deleteRange(51, 59)).isZero();
        assertThat(c.deleteRange(3000, 4000)).isZero();
        assertThat(c.deleteRange(20, 10)).isZero();
        assertThat(c.deleteRange(Long.MIN_VALUE, 0)).isEqualTo(1);
        model.remove(0L);
        assertThat(c.deleteRange(1985, Long.MAX_VALUE)).isEqualTo(1);
        model.remove(1990L);
        assertWhole(c, model);
        Chunk d = roundTrip(c);
        assertWhole(d, model);
        assertThat(d.deleteRange(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(model.size());
        assertThat(d.count()).isZero();
        assertThat(roundTrip(d).count()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void upsertsBeyondTheSplitThresholdSplitIntoTwoHalves(Kind k) {
        int maxBytes = 256;
        Chunk c = k.create(maxBytes);
        NavigableMap<Long, Expected> model = new TreeMap<>();
        long t = 0;
        while (true) {
            Expected e = sample(k, k.type == ValueType.INT ? t * 7 : Double.doubleToRawLongBits(t * 0.37), 100);
            if (!append(c, t * 1000, e)) break;
            model.put(t * 1000, e);
            t++;
        }
        assertThat(c.needsSplit()).isFalse();
        for (long i = 0; !c.needsSplit(); i++) {
            assertThat(i).isLessThan(100_000);
            Expected e = sample(k, k.type == ValueType.INT ? -i * 1_000_003 : Double.doubleToRawLongBits(Math.sqrt(i + 2)), (int) (i % 100));
            long ts = (i % t) * 1000 + 1 + (i / t);
            assertThat(upsert(c, ts, e, DuplicatePolicy.LAST)).isEqualTo(UpsertResult.ADDED);
            model.put(ts, e);
        }
        Chunk[] halves = c.split();
        assertThat(halves).hasSize(2);
        assertThat(halves[0].count() + halves[1].count()).isEqualTo(model.size());
        assertThat(halves[0].count()).isEqualTo(model.size() / 2);
        long firstOfSecond = halves[1].firstTimestamp();
        assertWhole(halves[0], new TreeMap<>(model.headMap(firstOfSecond, false)));
        assertWhole(halves[1], new TreeMap<>(model.tailMap(firstOfSecond, true)));
        for (Chunk h : halves) {
            assertThat(h.getClass()).isEqualTo(k.chunkClass);
            assertThat(h.maxBytes()).isEqualTo(maxBytes);
            assertThat(h.needsSplit()).isFalse();
        }
        assertWhole(c, model); // the original is unchanged
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void randomOperationsMatchTheModel(Kind k) {
        Random r = new Random(k.name.hashCode());
        Chunk c = k.create(BIG);
        NavigableMap<Long, Expected> model = new TreeMap<>();
        for (int step = 0; step < 1500; step++) {
            int op = r.nextInt(10);
            long ts = r.nextInt(5) == 0 ? r.nextLong() : r.nextInt(20_000) - 10_000;
            Expected e = sample(k, randomValue(k, r), r.nextInt(4) == 0 ? r.nextInt(101) : 100);
            if (op < 5) {
                long t = model.isEmpty() ? ts : model.lastKey() + 1 + r.nextInt(3000);
                if (t < (model.isEmpty() ? Long.MIN_VALUE : model.lastKey())) continue; // overflowed
                assertThat(append(c, t, e)).isTrue();
                model.put(t, e);
            } else if (op < 8) {
                DuplicatePolicy p = DuplicatePolicy.values()[r.nextInt(DuplicatePolicy.values().length)];
                if (k.type == ValueType.INT && p == DuplicatePolicy.SUM) p = DuplicatePolicy.MAX; // overflow has its own test
                if (model.isEmpty() || r.nextBoolean()) {
                    UpsertResult res = upsert(c, ts, e, p);
                    Expected old = model.get(ts);
                    assertThat(res).isEqualTo(old == null ? UpsertResult.ADDED
                            : p == DuplicatePolicy.BLOCK ? UpsertResult.BLOCKED : UpsertResult.UPDATED);
                    model.put(ts, old == null ? e : p == DuplicatePolicy.BLOCK ? old : merged(k, p, old, e));
                } else {
                    long existing = model.floorKey(ts) == null ? model.firstKey() : model.floorKey(ts);
                    Expected old = model.get(existing);
                    UpsertResult res = upsert(c, existing, e, p);
                    assertThat(res).isEqualTo(p == DuplicatePolicy.BLOCK ? UpsertResult.BLOCKED : UpsertResult.UPDATED);
                    if (p != DuplicatePolicy.BLOCK) model.put(existing, merged(k, p, old, e));
                }
            } else if (op == 8) {
                long a = ts;
                long b = ts + r.nextInt(2000);
                if (b < a) b = Long.MAX_VALUE;
                int expected = model.subMap(a, true, b, true).size();
                assertThat(c.deleteRange(a, b)).isEqualTo(expected);
                model.subMap(a, true, b, true).clear();
            } else {
                c = roundTrip(c);
            }
            if (step % 50 == 0) assertWhole(c, model);
        }
        assertWhole(c, model);
        assertWhole(roundTrip(c), model);
    }

    private static long randomValue(Kind k, Random r) {
        if (k.type == ValueType.INT) {
            switch (r.nextInt(4)) {
                case 0: return r.nextLong();
                case 1: return r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                default: return r.nextInt(2000) - 1000;
            }
        }
        switch (r.nextInt(8)) {
            case 0: return Double.doubleToRawLongBits(r.nextGaussian());
            case 1: {
                double[] special = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                                    Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL};
                return Double.doubleToRawLongBits(special[r.nextInt(special.length)]);
            }
            case 2: return Double.doubleToRawLongBits(Math.rint(r.nextGaussian() * 1e6) / 1e4);
            default: return Double.doubleToRawLongBits(Math.rint(r.nextGaussian() * 10000) / 100);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void intSumOverflowThrowsAndLeavesTheChunkUnchanged(Kind k) {
        if (k.type != ValueType.INT) return;
        Chunk c = k.create(4096);
        append(c, 1, sample(k, Long.MAX_VALUE - 1, 100));
        append(c, 2, sample(k, 5, 100));
        byte[] before = ChunkCodec.encode(c);
        assertThatThrownBy(() -> upsert(c, 1, sample(k, 2, 100), DuplicatePolicy.SUM)).isInstanceOf(ArithmeticException.class);
        assertThat(ChunkCodec.encode(c)).isEqualTo(before);
        assertThat(upsert(c, 1, sample(k, 1, 40), DuplicatePolicy.SUM)).isEqualTo(UpsertResult.UPDATED);
        NavigableMap<Long, Expected> model = new TreeMap<>(Map.of(1L, sample(k, Long.MAX_VALUE, 40), 2L, sample(k, 5, 100)));
        assertWhole(c, model);
    }
}
