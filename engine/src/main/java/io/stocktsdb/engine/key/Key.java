package io.stocktsdb.engine.key;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable Redis key (binary-safe bytes) with its hash, hash slot and scan order cached.
 * Ordering ({@link #compareTo}) is unsigned lexicographic on the bytes.
 */
public final class Key implements Comparable<Key> {
    private final byte[] bytes;
    private final int hash;
    private int slot = -1;
    private long scanOrder;

    private Key(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** A key over a private copy of {@code bytes}. */
    public static Key of(byte[] bytes) {
        return new Key(bytes.clone());
    }

    /** A key over a copy of {@code len} bytes from {@code off}. */
    public static Key of(byte[] bytes, int off, int len) {
        return new Key(Arrays.copyOfRange(bytes, off, off + len));
    }

    /** A key that takes ownership of {@code bytes}: the caller must never modify the array again. */
    public static Key wrap(byte[] bytes) {
        return new Key(bytes);
    }

    public static Key of(String s) {
        return new Key(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The key's bytes; callers must not modify the array. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    /** Redis Cluster hash slot (0..16383), computed once. */
    public int slot() {
        int s = slot;
        if (s < 0) {
            s = HashSlot.of(bytes);
            slot = s;
        }
        return s;
    }

    /**
     * A well-mixed positive 63-bit hash (never 0) that orders keys for SCAN: a key's position in
     * that order never changes, which is what makes SCAN cursors stable.
     */
    public long scanOrder() {
        long o = scanOrder;
        if (o == 0) {
            long h = 0x9E3779B97F4A7C15L;
            for (byte b : bytes) {
                h = (h ^ (b & 0xFF)) * 0xBF58476D1CE4E5B9L;
                h ^= h >>> 31;
            }
            h ^= bytes.length;
            h *= 0x94D049BB133111EBL;
            h ^= h >>> 29;
            o = h & Long.MAX_VALUE;
            if (o == 0) o = 1;
            scanOrder = o;
        }
        return o;
    }

    public boolean startsWith(byte[] prefix) {
        if (prefix.length > bytes.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Key o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** The key as UTF-8 text (lossy for binary keys); for logs and tests. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
