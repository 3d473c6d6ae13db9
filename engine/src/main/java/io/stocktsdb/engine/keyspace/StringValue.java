package io.stocktsdb.engine.keyspace;

/**
 * A string key's value (its deadline, if any, is in {@link Expiries}). The value is immutable and
 * replaced on every write; the access second (OBJECT IDLETIME) is a plain field, where a stale
 * read only shifts an idle time by a second. A big value is also stored in parts on disk as
 * {@code valueId} (0: stored inline in its records), see {@link BigValueRefs}.
 */
final class StringValue {
    final byte[] value;
    final long valueId;
    long accessedSecond = System.currentTimeMillis() / 1000;

    StringValue(byte[] value) {
        this(value, 0);
    }

    StringValue(byte[] value, long valueId) {
        this.value = value;
        this.valueId = valueId;
    }

    void accessed(long nowMs) {
        long s = nowMs / 1000;
        if (s != accessedSecond) accessedSecond = s;
    }
}
