package io.stocktsdb.engine.keyspace;

import java.util.HashMap;
import java.util.Map;

/**
 * How many references each big value stored in parts has: one per key entry naming it, plus one
 * held by a command between writing the parts and putting the value under its key. A value with
 * none is garbage: the next checkpoint, which holds the structure lock exclusively (so no command
 * is between two steps), deletes its parts in the batch that writes the keys' records, and then
 * forgets it. Rename moves the entry (one reference out, one in) under the key locks.
 */
final class BigValueRefs {
    private final Map<Long, Integer> refs = new HashMap<>();

    synchronized void add(long id) {
        refs.merge(id, 1, Integer::sum);
    }

    synchronized void remove(long id) {
        refs.computeIfPresent(id, (k, n) -> n - 1);
    }

    /** Values no key and no command refers to. */
    synchronized long[] unreferenced() {
        return refs.entrySet().stream().filter(e -> e.getValue() <= 0).mapToLong(Map.Entry::getKey).toArray();
    }

    /** Their parts are deleted. */
    synchronized void forget(long[] ids) {
        for (long id : ids) refs.remove(id);
    }

    /** Whether recovery met this value (in a record, live or since dropped). */
    synchronized boolean known(long id) {
        return refs.containsKey(id);
    }
}
