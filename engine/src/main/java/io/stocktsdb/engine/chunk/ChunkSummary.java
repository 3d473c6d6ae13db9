package io.stocktsdb.engine.chunk;

import java.nio.ByteBuffer;

/**
 * What the aggregators need to know of a whole chunk without decoding it: count, first and last
 * value, min and max (RedisTimeSeries' strict comparisons from {@code ±DBL_MAX}, so NaN is
 * skipped and a chunk of only {@code -inf} has max {@code -DBL_MAX}), and, when every value is an
 * integer, exact integer sums.
 *
 * <p>Why sums only for integers: RedisTimeSeries adds doubles one after the other, and a sum of
 * decimals such as 0.1 + 0.2 depends on the order of the additions, so a chunk's sum added to a
 * bucket's running sum would differ in the last bits from the sample-by-sample result, and RESP2
 * prints the shortest text that reads back bit for bit. Integer values whose absolute sum stays
 * within 2^53 are added exactly in any order, so there the summary gives the identical bits.
 *
 * <p>Built sample by sample as a chunk is appended to ({@link #add}); immutable in use once the
 * chunk is sealed or copied for a reader. Persisted form: see {@link #write}.
 */
public final class ChunkSummary {
    /** Integers up to this magnitude, and sums of them, are exact doubles. */
    public static final long EXACT_LIMIT = 1L << 53;
    /** |x| above this can make x² pass {@link #EXACT_LIMIT}: 2^26.5. */
    private static final long SQUARE_ROOT_LIMIT = 94_906_265L;

    static final int FLAG_SUMS_EXACT = 1;
    static final int FLAG_SQUARES_EXACT = 2;
    /** Bytes of {@link #write}: without and with the integer sums. */
    static final int BASE_BYTES = 1 + 4 * 8;
    static final int SUMS_BYTES = 3 * 8;

    private int count;
    private double first;
    private double last;
    private double min = Double.MAX_VALUE;
    private double max = -Double.MAX_VALUE;
    private boolean sumsExact = true;
    private boolean squaresExact = true;
    private long sum;
    private long sumOfAbs;
    private long sumOfSquares;

    public int count() { return count; }

    public double first() { return first; }

    public double last() { return last; }

    public double min() { return min; }

    public double max() { return max; }

    /** Every value is an integer and the sum of their absolute values is at most 2^53. */
    public boolean sumsExact() { return sumsExact; }

    /** {@link #sumsExact()} and also the sum of squares is at most 2^53. */
    public boolean squaresExact() { return squaresExact; }

    /** The exact sum; meaningful when {@link #sumsExact()}. */
    public long sum() { return sum; }

    /** The exact sum of absolute values (bounds every partial sum); meaningful when {@link #sumsExact()}. */
    public long sumOfAbs() { return sumOfAbs; }

    /** The exact sum of squares; meaningful when {@link #squaresExact()}. */
    public long sumOfSquares() { return sumOfSquares; }

    /** Adds the next sample's value (ascending timestamp order). */
    public void add(double v) {
        if (count == 0) first = v;
        last = v;
        count++;
        if (v > max) max = v;
        if (v < min) min = v;
        if (!sumsExact) return;
        long l = (long) v;
        long abs = Math.abs(l);
        if (l != v || abs > EXACT_LIMIT) {
            loseSums();
            return;
        }
        sum += l;
        sumOfAbs += abs;
        if (sumOfAbs > EXACT_LIMIT) {
            loseSums();
            return;
        }
        if (squaresExact) {
            sumOfSquares += abs <= SQUARE_ROOT_LIMIT ? abs * abs : EXACT_LIMIT + 1;
            if (sumOfSquares > EXACT_LIMIT) {
                squaresExact = false;
                sumOfSquares = 0;
            }
        }
    }

    private void loseSums() {
        sumsExact = false;
        squaresExact = false;
        sum = 0;
        sumOfAbs = 0;
        sumOfSquares = 0;
    }

    /** A summary of every sample of {@code c} (decodes it once). */
    public static ChunkSummary of(Chunk c) {
        ChunkSummary s = new ChunkSummary();
        SampleCursor cur = c.cursor(Long.MIN_VALUE, Long.MAX_VALUE);
        while (cur.next()) s.add(cur.doubleValue());
        return s;
    }

    public ChunkSummary copy() {
        ChunkSummary c = new ChunkSummary();
        c.count = count;
        c.first = first;
        c.last = last;
        c.min = min;
        c.max = max;
        c.sumsExact = sumsExact;
        c.squaresExact = squaresExact;
        c.sum = sum;
        c.sumOfAbs = sumOfAbs;
        c.sumOfSquares = sumOfSquares;
        return c;
    }

    /** Bytes {@link #write} takes. */
    int byteSize() {
        return BASE_BYTES + (sumsExact ? SUMS_BYTES : 0);
    }

    /**
     * {@code u8 flags (1 sums exact, 2 squares exact) | f64 first | f64 last | f64 min | f64 max},
     * then when sums are exact {@code i64 sum | i64 sum of |x| | i64 sum of x² (0 unless squares exact)}.
     * Doubles as raw IEEE-754 bits; the count is the chunk's.
     */
    void write(ByteBuffer b) {
        b.put((byte) ((sumsExact ? FLAG_SUMS_EXACT : 0) | (squaresExact ? FLAG_SQUARES_EXACT : 0)));
        b.putLong(Double.doubleToRawLongBits(first)).putLong(Double.doubleToRawLongBits(last));
        b.putLong(Double.doubleToRawLongBits(min)).putLong(Double.doubleToRawLongBits(max));
        if (sumsExact) b.putLong(sum).putLong(sumOfAbs).putLong(sumOfSquares);
    }

    static ChunkSummary read(ByteBuffer b, int count) {
        ChunkSummary s = new ChunkSummary();
        int flags = b.get() & 0xFF;
        if ((flags & ~(FLAG_SUMS_EXACT | FLAG_SQUARES_EXACT)) != 0 || (flags == FLAG_SQUARES_EXACT)) {
            throw new IllegalArgumentException("corrupt chunk summary flags " + flags);
        }
        s.count = count;
        s.first = Double.longBitsToDouble(b.getLong());
        s.last = Double.longBitsToDouble(b.getLong());
        s.min = Double.longBitsToDouble(b.getLong());
        s.max = Double.longBitsToDouble(b.getLong());
        s.sumsExact = (flags & FLAG_SUMS_EXACT) != 0;
        s.squaresExact = (flags & FLAG_SQUARES_EXACT) != 0;
        if (s.sumsExact) {
            s.sum = b.getLong();
            s.sumOfAbs = b.getLong();
            s.sumOfSquares = b.getLong();
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkSummary s && count == s.count
                && Double.doubleToRawLongBits(first) == Double.doubleToRawLongBits(s.first)
                && Double.doubleToRawLongBits(last) == Double.doubleToRawLongBits(s.last)
                && Double.doubleToRawLongBits(min) == Double.doubleToRawLongBits(s.min)
                && Double.doubleToRawLongBits(max) == Double.doubleToRawLongBits(s.max)
                && sumsExact == s.sumsExact && squaresExact == s.squaresExact
                && sum == s.sum && sumOfAbs == s.sumOfAbs && sumOfSquares == s.sumOfSquares;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sum) * 31 + count;
    }

    @Override
    public String toString() {
        return "ChunkSummary[count=" + count + ", first=" + first + ", last=" + last + ", min=" + min + ", max=" + max
                + (sumsExact ? ", sum=" + sum + ", sumOfAbs=" + sumOfAbs : "")
                + (squaresExact ? ", sumOfSquares=" + sumOfSquares : "") + "]";
    }
}
