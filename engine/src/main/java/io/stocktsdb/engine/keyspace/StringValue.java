package io.stocktsdb.engine.keyspace;

/**
 * A string key's value (its deadline, if any, is in {@link Expiries}). The value is immutable and
 * replaced on every write; the access second (OBJECT IDLETIME) is a plain field, where a stale
 * read only shifts an idle time by a second.
 *
 * <p>A big value is also stored in parts on disk as {@code valueId} (0: stored inline in its
 * records), see {@link BigValueRefs}. One received in parts (a huge SET) stays in those parts in
 * memory too ({@code parts}, never one array: allocating and zeroing a 500 MB array stalls the
 * whole JVM), and only commands that need it whole ({@link #bytes}) join them.
 */
final class StringValue {
    private final byte[] value;
    private final byte[][] parts;
    private final int length;
    final long valueId;
    long accessedSecond = System.currentTimeMillis() / 1000;

    StringValue(byte[] value) {
        this(value, 0);
    }

    StringValue(byte[] value, long valueId) {
        this.value = value;
        this.parts = null;
        this.length = value.length;
        this.valueId = valueId;
    }

    /** A value held in parts; it is stored as {@code valueId}. */
    StringValue(byte[][] parts, long valueId) {
        this.value = null;
        this.parts = parts;
        this.length = totalLength(parts);
        this.valueId = valueId;
    }

    int length() {
        return length;
    }

    /** The whole value (a value held in parts is joined into a new array: GET and friends use {@link #parts()}). */
    byte[] bytes() {
        return value != null ? value : join(parts, length);
    }

    /** The value as parts (one when held whole). */
    byte[][] parts() {
        return parts != null ? parts : new byte[][] {value};
    }

    void accessed(long nowMs) {
        long s = nowMs / 1000;
        if (s != accessedSecond) accessedSecond = s;
    }

    static int totalLength(byte[][] parts) {
        long n = 0;
        for (byte[] p : parts) n += p.length;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("string value too long: " + n);
        return (int) n;
    }

    static byte[] join(byte[][] parts, int length) {
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
