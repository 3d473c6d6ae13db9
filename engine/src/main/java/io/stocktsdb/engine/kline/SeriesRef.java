package io.stocktsdb.engine.kline;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.series.Series;

import java.util.function.Function;

/**
 * A family's reference to one series by key, resolved once: the series found is reused while it
 * is still in the keyspace under that key (not deleted, not renamed), so a tick's path does not
 * look its volume and bar series up in the keyspace again and again. Safe to share: a stale
 * reference only costs one more lookup.
 */
final class SeriesRef {
    private final Key key;
    private volatile Series cached;

    SeriesRef(Key key) {
        this.key = key;
    }

    Key key() {
        return key;
    }

    /**
     * The series last found (looked up when there is none), not checked: for a writer that checks
     * it under the series' lock itself (a bar write), which saves a lock round trip here.
     */
    Series hint(Function<Key, Series> lookup) {
        Series s = cached;
        if (s == null) cached = s = lookup.apply(key);
        return s;
    }

    /** The series at the key now, or null. */
    Series get(Function<Key, Series> lookup) {
        Series s = cached;
        if (s != null && !s.isRemoved() && s.key().equals(key)) return s;
        s = lookup.apply(key);
        cached = s;
        return s;
    }
}
