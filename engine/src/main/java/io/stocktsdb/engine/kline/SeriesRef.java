package io.stocktsdb.engine.kline;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.Keyspace;
import io.stocktsdb.engine.series.Series;

/**
 * A family's reference to one series by key, resolved once: the series found is reused while it
 * is still the live series under that key (not deleted, not renamed, its deadline not passed), so
 * a tick's path does not look its volume and bar series up in the keyspace again and again. Each
 * use notes an access (OBJECT IDLETIME), as a lookup by a command would: bar writes and candle
 * reads keep bar series "used". Nothing here deletes a key (that takes key locks, which must not
 * be taken under a series lock): an expired series simply counts as absent until its next lookup
 * or the active expiry cycle deletes it. Safe to share: a stale reference only costs one more lookup.
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

    /** The live series at the key at {@code nowMs} (the keyspace's clock), or null. */
    Series get(Keyspace keyspace, long nowMs) {
        Series s = cached;
        if (s == null || s.isRemoved() || !s.key().equals(key)) {
            cached = s = keyspace.liveSeriesWithoutDeleting(key, nowMs);
        } else if (keyspace.expiredAt(key, nowMs)) {
            return null;
        }
        if (s != null) s.accessed(nowMs);
        return s;
    }

    /**
     * For the tick hook, on the tick series a command has just looked up (which applied their
     * deadlines and noted the access): the series found before while it is not removed and still
     * under the key, else the live one there now. No clock read, no deadline check: this runs on
     * every tick, and each extra object touched there costs.
     */
    Series found(Keyspace keyspace) {
        Series s = cached;
        if (s == null || s.isRemoved() || !s.key().equals(key)) cached = s = keyspace.liveSeriesWithoutDeleting(key, keyspace.clockMs());
        return s;
    }

    /**
     * As {@link #get}, but a series found before is not checked for removal or renaming: for a
     * bar write, whose writer checks that under the series' lock itself (saving a lock round trip
     * here) and looks the key up again when it moved.
     */
    Series hint(Keyspace keyspace, long nowMs) {
        Series s = cached;
        if (s == null) {
            cached = s = keyspace.liveSeriesWithoutDeleting(key, nowMs);
        } else if (keyspace.expiredAt(key, nowMs)) {
            return null;
        }
        if (s != null) s.accessed(nowMs);
        return s;
    }
}
