package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.key.Key;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The expiry deadline of every key that has one, whatever its type (Redis keeps them in a
 * dictionary beside the keys too). Deadlines are absolute Unix times in ms, so they mean the
 * same after a restart. Written only under the key's lock by {@link Keyspace}; read lock-free.
 */
final class Expiries {
    /** No deadline: the key lives until deleted. */
    static final long NONE = -1;

    private final ConcurrentHashMap<Key, Long> deadlines = new ConcurrentHashMap<>();
    private final LongAdder expired = new LongAdder();

    long deadline(Key key) {
        Long d = deadlines.get(key);
        return d == null ? NONE : d;
    }

    /** Sets ({@code at >= 0}) or removes ({@link #NONE}) the deadline. */
    void set(Key key, long at) {
        if (at < 0) {
            deadlines.remove(key);
        } else {
            deadlines.put(key, at);
        }
    }

    /** Removes the deadline; true when there was one. */
    boolean remove(Key key) {
        return deadlines.remove(key) != null;
    }

    boolean due(Key key, long nowMs) {
        Long d = deadlines.get(key);
        return d != null && d <= nowMs;
    }

    int count() {
        return deadlines.size();
    }

    /** The keys that have a deadline (weakly consistent view, for the active expiry cycle). */
    Iterable<Key> keys() {
        return deadlines.keySet();
    }

    /** Mean remaining time to live in ms of up to {@code sample} keys; 0 when none expires. */
    long averageTtlMs(int sample, long nowMs) {
        long sum = 0;
        int n = 0;
        for (Map.Entry<Key, Long> e : deadlines.entrySet()) {
            if (n >= sample) break;
            sum += Math.max(0, e.getValue() - nowMs);
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    void clear() {
        deadlines.clear();
    }

    /** Counts a key deleted because its deadline passed (INFO stats expired_keys). */
    void countExpired() {
        expired.increment();
    }

    long expiredCount() {
        return expired.sum();
    }

    void resetExpiredCount() {
        expired.reset();
    }

    /** A reload: the count goes on from the keyspace this one replaces. */
    void addExpiredCount(long n) {
        expired.add(n);
    }
}
