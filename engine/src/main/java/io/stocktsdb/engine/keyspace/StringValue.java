package io.stocktsdb.engine.keyspace;

/**
 * A string key's value (its deadline, if any, is in {@link Expiries}). The value is immutable and
 * replaced on every write; the access second (OBJECT IDLETIME) is a plain field, where a stale
 * read only shifts an idle time by a second.
 */
final class StringValue {
    final byte[] value;
    long accessedSecond = System.currentTimeMillis() / 1000;

    StringValue(byte[] value) {
        this.value = value;
    }

    void accessed(long nowMs) {
        long s = nowMs / 1000;
        if (s != accessedSecond) accessedSecond = s;
    }
}
