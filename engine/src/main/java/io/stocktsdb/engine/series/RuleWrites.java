package io.stocktsdb.engine.series;

import io.stocktsdb.engine.rules.DestinationWriter;

import java.util.Arrays;

/**
 * The destination writes one source operation produced, in order, kept until the source has
 * locked the destinations, applied them and logged them (see {@link Series}). Reused per source
 * series (guarded by its lock), so a sample that closes no bucket allocates nothing. During
 * replay the writes are dropped: the destinations' own logged ops carry them.
 */
final class RuleWrites implements DestinationWriter {
    /** A closed bucket: the destination's TS.ADD path with LAST (retention and IGNORE apply). */
    static final byte CLOSE = 0;
    /** A recomputed bucket: a plain LAST upsert. */
    static final byte UPSERT = 1;
    /** Emptied buckets: a range delete. */
    static final byte DELETE = 2;

    private byte[] kinds = new byte[4];
    private int[] rules = new int[4];
    private long[] from = new long[4];
    private long[] to = new long[4];
    private double[] values = new double[4];
    /** Whether the write changed the destination (set when applied, read when logging). */
    private boolean[] applied = new boolean[4];
    private int size;
    private boolean discard;
    /** The rule whose writes {@link #upsert} and {@link #deleteRange} record. */
    private int currentRule;

    /** Empties the buffer; with {@code discard} (replay) every write is dropped. */
    void reset(boolean discard) {
        size = 0;
        this.discard = discard;
        if (kinds.length > 1024) shrink();
    }

    void forRule(int rule) {
        currentRule = rule;
    }

    void close(int rule, long bucketStart, double value) {
        add(CLOSE, rule, bucketStart, bucketStart, value);
    }

    @Override
    public void upsert(long bucketStart, double value) {
        add(UPSERT, currentRule, bucketStart, bucketStart, value);
    }

    @Override
    public void deleteRange(long from, long to) {
        add(DELETE, currentRule, from, to, 0);
    }

    private void add(byte kind, int rule, long a, long b, double v) {
        if (discard) return;
        if (size == kinds.length) grow();
        kinds[size] = kind;
        rules[size] = rule;
        from[size] = a;
        to[size] = b;
        values[size] = v;
        applied[size] = false;
        size++;
    }

    int size() { return size; }

    boolean isEmpty() { return size == 0; }

    byte kind(int i) { return kinds[i]; }

    int rule(int i) { return rules[i]; }

    long from(int i) { return from[i]; }

    long to(int i) { return to[i]; }

    double value(int i) { return values[i]; }

    boolean applied(int i) { return applied[i]; }

    void markApplied(int i) { applied[i] = true; }

    private void grow() {
        int n = kinds.length * 2;
        kinds = Arrays.copyOf(kinds, n);
        rules = Arrays.copyOf(rules, n);
        from = Arrays.copyOf(from, n);
        to = Arrays.copyOf(to, n);
        values = Arrays.copyOf(values, n);
        applied = Arrays.copyOf(applied, n);
    }

    /** A backfill may have grown the buffer to thousands of entries: do not keep that around. */
    private void shrink() {
        kinds = new byte[4];
        rules = new int[4];
        from = new long[4];
        to = new long[4];
        values = new double[4];
        applied = new boolean[4];
    }
}
