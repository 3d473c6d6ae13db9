package io.stocktsdb.engine.keyspace;

/** A string key's value (its deadline, if any, is in {@link Expiries}). Immutable; replaced on every write. */
final class StringValue {
    final byte[] value;

    StringValue(byte[] value) {
        this.value = value;
    }
}
