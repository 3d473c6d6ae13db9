package io.stocktsdb.engine.keyspace;

/** A string key's value and absolute expiry in ms (-1 = none). Immutable; replaced on every write. */
final class StringValue {
    final byte[] value;
    final long expireAtMs;

    StringValue(byte[] value, long expireAtMs) {
        this.value = value;
        this.expireAtMs = expireAtMs;
    }

    boolean expiredAt(long nowMs) {
        return expireAtMs >= 0 && expireAtMs <= nowMs;
    }
}
