package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.key.Key;

/**
 * Told of each key deleted because its deadline passed, lazily or by the active cycle (Redis's
 * "expired" event; WATCH treats it as a write). Called under the key's lock: must be quick and
 * must not call back into the keyspace.
 */
@FunctionalInterface
public interface ExpiryListener {
    void expired(Key key);
}
