package io.stocktsdb.engine.chunk;

import java.util.Arrays;

/** Binary searches over the sorted, unique timestamps of an array-backed chunk. */
final class SortedTimestamps {
    private SortedTimestamps() {}

    /** First index in {@code ts[0..count)} with timestamp {@code >= t}. */
    static int lowerBound(long[] ts, int count, long t) {
        int i = Arrays.binarySearch(ts, 0, count, t);
        return i >= 0 ? i : -i - 1;
    }

    /** First index in {@code ts[0..count)} with timestamp {@code > t}. */
    static int upperBound(long[] ts, int count, long t) {
        int i = Arrays.binarySearch(ts, 0, count, t);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
