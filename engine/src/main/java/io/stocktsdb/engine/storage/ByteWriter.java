package io.stocktsdb.engine.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Growable big-endian byte sink for the stored formats (not for per-sample hot paths). */
final class ByteWriter {
    private byte[] buf;
    private int len;

    ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    ByteWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    ByteWriter i32(int v) {
        ensure(4);
        for (int i = 3; i >= 0; i--) buf[len + 3 - i] = (byte) (v >>> (8 * i));
        len += 4;
        return this;
    }

    ByteWriter i64(long v) {
        ensure(8);
        KeyCodec.putLong(buf, len, v);
        len += 8;
        return this;
    }

    ByteWriter raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    /** u32 length + bytes. */
    ByteWriter bytes(byte[] b) {
        i32(b.length);
        return raw(b);
    }

    /** i32 length (-1 for null) + bytes. */
    ByteWriter nullableBytes(byte[] b) {
        if (b == null) return i32(-1);
        return bytes(b);
    }

    ByteWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return len == buf.length ? buf : Arrays.copyOf(buf, len); // exactly sized (a huge value): no second copy
    }

    private void ensure(int n) {
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
}
