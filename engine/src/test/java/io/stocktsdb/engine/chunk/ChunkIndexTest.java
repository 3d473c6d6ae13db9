package io.stocktsdb.engine.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A compressed chunk's seek index ({@link ChunkIndex}): cursors that start from it read exactly
 * the samples a cursor from the first sample reads, for every kind of stream (decimal, exponent
 * changes, escapes, XOR mode, integers, quality changes), while the chunk is appended to after
 * the index was built, and after a change that rewrites the stream; a descending reader's
 * stretches hold at most one block and together every sample.
 */
class ChunkIndexTest {
    private static final int BIG = 1 << 24;

    @Test
    void cursorsFromTheIndexReadWhatAFullDecodeReads() {
        List<Samples> sets = List.of(Samples.randomWalk2(5000, 1), Samples.irregular(3000, 2), Samples.randomDoubles(2000, 3),
                Samples.counter(700), spiked());
        for (Samples s : sets) check(s, ValueType.DOUBLE);
        check(Samples.intCounter(1000), ValueType.INT);
    }

    private static void check(Samples s, ValueType type) {
        Random r = new Random(s.name.hashCode());
        CompressedChunk c = new CompressedChunk(type, BIG);
        int firstPart = s.size() * 3 / 5;
        for (int i = 0; i < firstPart; i++) assertThat(c.append(s.ts[i], s.values[i], null, s.quality[i])).isTrue();
        c.index();
        compare(c, s, firstPart, r);
        for (int i = firstPart; i < s.size(); i++) assertThat(c.append(s.ts[i], s.values[i], null, s.quality[i])).isTrue();
        compare(c, s, s.size(), r); // the index covers the first part only
        c.index(); // extended over the appended samples
        compare(c, s, s.size(), r);
        blocksSummarizeTheirSamples(c.index(), s, type);
        descendingStretches(c, s, s.size(), r);

        // a change inside the stream rewrites it: the index is dropped, then built anew
        int victim = s.size() / 2;
        assertThat(c.deleteRange(s.ts[victim], s.ts[victim])).isEqualTo(1);
        Samples fewer = without(s, victim);
        compare(c, fewer, fewer.size(), r);
        descendingStretches(c, fewer, fewer.size(), r);
        compare(c, fewer, fewer.size(), r);
    }

    private static void compare(CompressedChunk c, Samples s, int n, Random r) {
        for (int k = 0; k < 200; k++) {
            int a = r.nextInt(n);
            int b = Math.min(n - 1, a + r.nextInt(k % 2 == 0 ? 50 : n));
            long from = k % 7 == 0 ? s.ts[a] - 1 : s.ts[a];
            long to = k % 5 == 0 ? s.ts[b] + 1 : s.ts[b];
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) if (s.ts[i] >= from && s.ts[i] <= to) expected.add(row(s.ts[i], s.values[i], s.quality[i]));
            assertThat(read(c.cursor(from, to))).as("%s [%d, %d]", s, from, to).isEqualTo(expected);
        }
        assertThat(read(c.cursor(Long.MIN_VALUE, Long.MAX_VALUE))).hasSize(n);
    }

    private static void descendingStretches(CompressedChunk c, Samples s, int n, Random r) {
        for (int k = 0; k < 50; k++) {
            long to = k == 0 ? Long.MAX_VALUE : s.ts[r.nextInt(n)];
            List<String> collected = new ArrayList<>();
            long hi = to;
            while (true) {
                long stop = c.descendingStart(hi);
                List<String> stretch = read(c.cursor(stop == Long.MIN_VALUE ? Long.MIN_VALUE : stop + 1, hi));
                assertThat(stretch.size()).as("%s stretch below %d", s, hi).isLessThanOrEqualTo(ChunkIndex.BLOCK);
                collected.addAll(0, stretch);
                if (stop == Long.MIN_VALUE) break;
                assertThat(stop).isLessThan(hi);
                hi = stop;
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) if (s.ts[i] <= to) expected.add(row(s.ts[i], s.values[i], s.quality[i]));
            assertThat(collected).as("%s descending from %d", s, to).isEqualTo(expected);
        }
    }

    private static void blocksSummarizeTheirSamples(ChunkIndex index, Samples s, ValueType type) {
        assertThat(index.blocks()).isEqualTo((s.size() + ChunkIndex.BLOCK - 1) / ChunkIndex.BLOCK);
        for (int b = 0; b < index.blocks(); b++) {
            int start = b * ChunkIndex.BLOCK;
            int end = Math.min(s.size(), start + ChunkIndex.BLOCK);
            ChunkSummary expected = new ChunkSummary();
            for (int i = start; i < end; i++) expected.add(type == ValueType.INT ? (double) s.values[i] : Double.longBitsToDouble(s.values[i]));
            ChunkSummary got = index.summary(b);
            assertThat(index.firstTimestamp(b)).isEqualTo(s.ts[start]);
            assertThat(index.lastTimestamp(b)).isEqualTo(s.ts[end - 1]);
            assertThat(got.count()).isEqualTo(end - start);
            assertThat(Double.doubleToRawLongBits(got.first())).isEqualTo(Double.doubleToRawLongBits(expected.first()));
            assertThat(Double.doubleToRawLongBits(got.last())).isEqualTo(Double.doubleToRawLongBits(expected.last()));
            assertThat(Double.doubleToRawLongBits(got.min())).isEqualTo(Double.doubleToRawLongBits(expected.min()));
            assertThat(Double.doubleToRawLongBits(got.max())).isEqualTo(Double.doubleToRawLongBits(expected.max()));
            assertThat(got.sumsExact()).isEqualTo(expected.sumsExact());
            if (got.sumsExact()) assertThat(got.sum()).isEqualTo(expected.sum());
        }
    }

    private static List<String> read(SampleCursor cur) {
        List<String> out = new ArrayList<>();
        while (cur.next()) out.add(row(cur.timestamp(), cur.valueBits(), cur.quality()));
        return out;
    }

    private static String row(long ts, long valueBits, int quality) {
        return ts + ":" + Long.toHexString(valueBits) + ":" + quality;
    }

    /** Decimals with exponent changes and escapes (NaN, -0.0, a tiny non-decimal). */
    private static Samples spiked() {
        Samples s = Samples.randomWalk2(3000, 9);
        long[] values = s.values.clone();
        for (int i = 50; i + 3 < values.length; i += 333) {
            values[i] = Double.doubleToRawLongBits(Double.NaN);
            values[i + 1] = Double.doubleToRawLongBits(-0.0);
            values[i + 2] = Double.doubleToRawLongBits(Math.PI * 1e-300);
            values[i + 3] = Double.doubleToRawLongBits(12345.6789);
        }
        return new Samples("spiked", s.ts, values, s.quality);
    }

    private static Samples without(Samples s, int victim) {
        int n = s.size() - 1;
        long[] ts = new long[n];
        long[] values = new long[n];
        int[] quality = new int[n];
        for (int i = 0, j = 0; i < s.size(); i++) {
            if (i == victim) continue;
            ts[j] = s.ts[i];
            values[j] = s.values[i];
            quality[j++] = s.quality[i];
        }
        return new Samples(s.name + " minus one", ts, values, quality);
    }
}
