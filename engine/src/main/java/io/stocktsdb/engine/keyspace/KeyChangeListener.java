package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.key.Key;

import java.util.function.Predicate;

/**
 * Told of every change to a key as a whole (Redis's signalModifiedKey: written, deleted,
 * expired, renamed from or to, deadline changed, created), for WATCH. Called under the key's
 * lock: must be quick and must not call back into the keyspace. Sample writes inside a series are
 * not reported here.
 */
public interface KeyChangeListener {
    KeyChangeListener NONE = key -> { };

    void changed(Key key);

    /** FLUSHALL is about to remove every key; {@code existing} tells which keys exist now. */
    default void flushing(Predicate<Key> existing) {}
}
