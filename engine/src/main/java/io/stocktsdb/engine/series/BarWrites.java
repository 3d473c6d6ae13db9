package io.stocktsdb.engine.series;

import io.stocktsdb.engine.key.Key;

import java.util.ArrayList;
import java.util.List;

/**
 * The bar-series writes one price operation produced, in order: upserts of a bar field (LAST
 * semantics) and range deletes. Applied and logged by the price {@link Series} together with its
 * own op (see {@link TickHook}).
 */
public final class BarWrites {
    /** {@code known}: the series the writer believes is at {@code dest} (checked under its lock), or null. */
    record Write(Key dest, Series known, long from, long to, double value, boolean delete) {}

    private final List<Write> writes = new ArrayList<>();

    public void upsert(Key dest, long ts, double value) {
        upsert(dest, null, ts, value);
    }

    /** An upsert into {@code dest}, with the series the caller found there last (null: look it up). */
    public void upsert(Key dest, Series known, long ts, double value) {
        writes.add(new Write(dest, known, ts, ts, value, false));
    }

    public void deleteRange(Key dest, long from, long to) {
        writes.add(new Write(dest, null, from, to, 0, true));
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }

    List<Write> writes() {
        return writes;
    }
}
