package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.key.Key;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every key ordered by a fixed 63-bit hash of its bytes ({@link Key#scanOrder()}), for SCAN and
 * RANDOMKEY: the SCAN cursor is the hash to continue from, so a key present during the whole
 * scan is returned exactly once. Lock-free; the keyspace keeps it in step with its map.
 */
final class ScanIndex {
    /** scanOrder -> Key, or Key[] on a (vanishingly rare) hash collision. */
    private final ConcurrentSkipListMap<Long, Object> index = new ConcurrentSkipListMap<>();

    void add(Key key) {
        index.compute(key.scanOrder(), (h, v) -> {
            if (v == null) return key;
            if (v instanceof Key k) return k.equals(key) ? k : new Key[] {k, key};
            Key[] arr = (Key[]) v;
            for (Key k : arr) if (k.equals(key)) return arr;
            Key[] bigger = Arrays.copyOf(arr, arr.length + 1);
            bigger[arr.length] = key;
            return bigger;
        });
    }

    void remove(Key key) {
        index.computeIfPresent(key.scanOrder(), (h, v) -> {
            if (v instanceof Key k) return k.equals(key) ? null : k;
            List<Key> rest = new ArrayList<>();
            for (Key k : (Key[]) v) if (!k.equals(key)) rest.add(k);
            return rest.size() == 1 ? rest.get(0) : rest.toArray(new Key[0]);
        });
    }

    void clear() {
        index.clear();
    }

    /** Visits the keys of about {@code count} hashes from {@code cursor}; returns the next cursor (0 = done). */
    long scan(long cursor, int count, Consumer<Key> visit) {
        ConcurrentNavigableMap<Long, Object> tail = index.tailMap(Math.max(cursor, 0), true);
        int visited = 0;
        Iterator<Map.Entry<Long, Object>> it = tail.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Object> e = it.next();
            if (e.getValue() instanceof Key k) {
                visit.accept(k);
            } else {
                for (Key k : (Key[]) e.getValue()) visit.accept(k);
            }
            visited++;
            if (visited >= Math.max(1, count)) {
                Long next = index.higherKey(e.getKey());
                return next == null ? 0 : next;
            }
        }
        return 0;
    }

    /** A key picked at random (by scan order) that {@code live} accepts, or null after 100 misses or when empty. */
    Key random(Predicate<Key> live) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100 && !index.isEmpty(); attempt++) {
            Map.Entry<Long, Object> e = index.ceilingEntry(r.nextLong(Long.MAX_VALUE));
            if (e == null) e = index.firstEntry();
            if (e == null) return null;
            Key k = e.getValue() instanceof Key one ? one : ((Key[]) e.getValue())[r.nextInt(((Key[]) e.getValue()).length)];
            if (live.test(k)) return k;
        }
        return null;
    }
}
