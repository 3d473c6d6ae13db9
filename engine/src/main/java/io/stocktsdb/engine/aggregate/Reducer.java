package io.stocktsdb.engine.aggregate;

import io.stocktsdb.engine.error.TsdbError;
import io.stocktsdb.engine.error.TsdbException;
import java.util.List;

/**
 * GROUPBY .. REDUCE (docs/timeseries.md, "Behaviour: filters and multi-series queries"): merges the (already ranged, filtered and aggregated) sample
 * streams of one group and, for every timestamp present in any member, reduces the member values at
 * that timestamp with the reducer's aggregation. NaN values (EMPTY buckets) are skipped; a
 * timestamp whose values are all NaN reduces to NaN. Values with the same timestamp are added in
 * member order (pass members sorted by key). Output is ascending; MREVRANGE reverses it.
 */
public final class Reducer {
    private final AggregationContext context;

    public Reducer(Aggregator aggregator) {
        if (!aggregator.isReducer()) throw new TsdbException(TsdbError.INVALID_REDUCER);
        this.context = aggregator.newContext();
    }

    public Aggregator aggregator() {
        return context.aggregator();
    }

    /**
     * The reducer named by a REDUCE argument (avg, sum, min, max, range, count, std.p, std.s,
     * var.p, var.s; case-insensitive).
     *
     * @throws TsdbException {@link TsdbError#INVALID_REDUCER} for first, last, twa or an unknown name
     */
    public static Aggregator parse(String name) {
        Aggregator a = Aggregator.parse(name);
        if (a == null || !a.isReducer()) throw new TsdbException(TsdbError.INVALID_REDUCER);
        return a;
    }

    /** Reduces the members into {@code sink}; returns false when the sink stopped. */
    public boolean reduce(List<? extends SampleSource> members, SampleSink sink) {
        int n = members.size();
        SampleSource[] sources = members.toArray(new SampleSource[0]);
        // A binary min-heap of member indexes ordered by (current timestamp, index).
        int[] heap = new int[n];
        long[] heads = new long[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (sources[i].next()) {
                heads[i] = sources[i].timestamp();
                heap[size] = i;
                siftUp(heap, heads, size++);
            }
        }
        while (size > 0) {
            long ts = heads[heap[0]];
            context.clear();
            boolean any = false;
            while (size > 0 && heads[heap[0]] == ts) {
                int member = heap[0];
                double v = sources[member].value();
                if (!Double.isNaN(v)) {
                    context.add(ts, v);
                    any = true;
                }
                if (sources[member].next()) {
                    heads[member] = sources[member].timestamp();
                } else {
                    heap[0] = heap[--size];
                }
                siftDown(heap, heads, 0, size);
            }
            if (!sink.accept(ts, any ? context.result() : Double.NaN)) return false;
        }
        return true;
    }

    private static boolean less(int a, int b, long[] heads) {
        return heads[a] < heads[b] || (heads[a] == heads[b] && a < b);
    }

    private static void siftUp(int[] heap, long[] heads, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(heap[i], heap[parent], heads)) return;
            int t = heap[i];
            heap[i] = heap[parent];
            heap[parent] = t;
            i = parent;
        }
    }

    private static void siftDown(int[] heap, long[] heads, int i, int size) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) return;
            int smallest = left + 1 < size && less(heap[left + 1], heap[left], heads) ? left + 1 : left;
            if (!less(heap[smallest], heap[i], heads)) return;
            int t = heap[i];
            heap[i] = heap[smallest];
            heap[smallest] = t;
            i = smallest;
        }
    }
}
