package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Big-endian reader over a stored record; throws {@link StorageException} on truncated input. */
final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    ByteReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    int i32() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) v = (v << 8) | (buf[pos++] & 0xFF);
        return v;
    }

    long i64() {
        need(8);
        long v = KeyCodec.getLong(buf, pos);
        pos += 8;
        return v;
    }

    /** An unsigned LEB128 varint of at most 10 bytes. */
    long varint() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
        }
        throw new StorageException("corrupt record: varint longer than 10 bytes");
    }

    byte[] raw(int n) {
        need(n);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    byte[] bytes() {
        int n = i32();
        if (n < 0) throw new StorageException("corrupt record: negative length " + n);
        return raw(n);
    }

    byte[] nullableBytes() {
        int n = i32();
        if (n == -1) return null;
        if (n < 0) throw new StorageException("corrupt record: negative length " + n);
        return raw(n);
    }

    String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    byte[] rest() {
        return raw(end - pos);
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n) {
        if (n < 0 || pos + n > end) throw new StorageException("corrupt record: truncated at offset " + pos);
    }
}
