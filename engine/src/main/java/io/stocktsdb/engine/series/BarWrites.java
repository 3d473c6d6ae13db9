package io.stocktsdb.engine.series;

import io.stocktsdb.engine.key.Key;

import java.util.Arrays;

/**
 * The bar-series writes one price operation produced, in order: upserts of a bar field (LAST
 * semantics) and range deletes. Applied and logged by the price {@link Series} together with its
 * own op (see {@link TickHook}). Kept in parallel arrays and reused by its series (under its
 * lock), so a tick that closes a bar allocates nothing; the bar series each write goes to are
 * locked once per operation, found by a scan of the few distinct ones (a family passes the same
 * {@link Key} objects every time, so the scan mostly compares references).
 */
public final class BarWrites {
    private int size;
    private Key[] dest = new Key[8];
    /** The series the writer believes is at {@code dest} (checked under its lock), or null. */
    private Series[] known = new Series[8];
    private long[] from = new long[8];
    private long[] to = new long[8];
    private double[] value = new double[8];
    private boolean[] delete = new boolean[8];
    private boolean[] applied = new boolean[8];
    /** Per write: its index in the distinct destinations below. */
    private int[] slot = new int[8];

    /** A bar's series ids and values while RuleFanOut writes its BAR_ROW record (at most this many per record). */
    final long[] rowIds = new long[16];
    final long[] rowBits = new long[16];

    private int destinations;
    private Key[] destKeys = new Key[8];
    /** The destination series, locked while the operation applies and logs (null: gone, skipped). */
    private Series[] locked = new Series[8];

    public void upsert(Key dest, long ts, double value) {
        upsert(dest, null, ts, value);
    }

    /** An upsert into {@code dest}, with the series the caller found there last (null: look it up). */
    public void upsert(Key dest, Series known, long ts, double value) {
        add(dest, known, ts, ts, value, false);
    }

    public void deleteRange(Key dest, long from, long to) {
        add(dest, null, from, to, 0, true);
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private void add(Key k, Series s, long a, long b, double v, boolean del) {
        if (size == dest.length) grow();
        dest[size] = k;
        known[size] = s;
        from[size] = a;
        to[size] = b;
        value[size] = v;
        delete[size] = del;
        applied[size] = false;
        size++;
    }

    private void grow() {
        int n = dest.length * 2;
        dest = Arrays.copyOf(dest, n);
        known = Arrays.copyOf(known, n);
        from = Arrays.copyOf(from, n);
        to = Arrays.copyOf(to, n);
        value = Arrays.copyOf(value, n);
        delete = Arrays.copyOf(delete, n);
        applied = Arrays.copyOf(applied, n);
        slot = Arrays.copyOf(slot, n);
    }

    // ------------------------------------------------------------------ for RuleFanOut (source locked)

    int size() { return size; }

    Key dest(int i) { return dest[i]; }

    Series known(int i) { return known[i]; }

    long from(int i) { return from[i]; }

    long to(int i) { return to[i]; }

    double value(int i) { return value[i]; }

    boolean isDelete(int i) { return delete[i]; }

    boolean applied(int i) { return applied[i]; }

    void markApplied(int i) { applied[i] = true; }

    /** The index of write {@code i}'s destination among those seen so far, or -1 when it is new. */
    int findDestination(int i) {
        Key k = dest[i];
        for (int d = 0; d < destinations; d++) if (destKeys[d] == k) return slot[i] = d;
        for (int d = 0; d < destinations; d++) if (destKeys[d].equals(k)) return slot[i] = d;
        return -1;
    }

    /** Records write {@code i}'s new destination, {@code series} locked (or null: gone). */
    void addDestination(int i, Series series) {
        if (destinations == destKeys.length) {
            destKeys = Arrays.copyOf(destKeys, destinations * 2);
            locked = Arrays.copyOf(locked, destinations * 2);
        }
        destKeys[destinations] = dest[i];
        locked[destinations] = series;
        slot[i] = destinations++;
    }

    /** The locked destination of write {@code i} (after {@link #findDestination} or {@link #addDestination}), or null. */
    Series destination(int i) {
        return locked[slot[i]];
    }

    /** Unlocks every locked destination and empties the buffer for the next operation. */
    void release() {
        for (int d = 0; d < destinations; d++) {
            if (locked[d] != null) locked[d].lock.unlock();
            locked[d] = null;
            destKeys[d] = null;
        }
        destinations = 0;
        Arrays.fill(dest, 0, size, null);
        Arrays.fill(known, 0, size, null);
        size = 0;
    }
}
