package io.stocktsdb.engine.storage.rts;

import java.nio.charset.StandardCharsets;

/**
 * Reads the RDB encodings found inside a Redis DUMP payload: length encoding, string objects
 * (raw, integer-encoded, LZF-compressed), binary doubles, and the typed values a module writes
 * (each preceded by its opcode in the module serialization version 2). Every malformation throws
 * {@link IllegalArgumentException}.
 */
final class RdbReader {
    static final int OPCODE_EOF = 0;
    static final int OPCODE_SINT = 1;
    static final int OPCODE_UINT = 2;
    static final int OPCODE_FLOAT = 3;
    static final int OPCODE_DOUBLE = 4;
    static final int OPCODE_STRING = 5;

    private static final int ENC_INT8 = 0;
    private static final int ENC_INT16 = 1;
    private static final int ENC_INT32 = 2;
    private static final int ENC_LZF = 3;

    private final byte[] buf;
    private int pos;
    private final int end;

    RdbReader(byte[] buf, int off, int end) {
        this.buf = buf;
        this.pos = off;
        this.end = end;
    }

    int remaining() { return end - pos; }

    int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) throw new IllegalArgumentException("truncated at byte " + pos);
    }

    private long littleEndian(int n) {
        need(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = (v << 8) | (buf[pos + i] & 0xFF);
        pos += n;
        return v;
    }

    private long bigEndian(int n) {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) v = (v << 8) | (buf[pos + i] & 0xFF);
        pos += n;
        return v;
    }

    /** An RDB length; {@code -1 - encoding} for the special string encodings (first two bits 11). */
    private long lengthOrEncoding() {
        int first = u8();
        switch (first >>> 6) {
            case 0: return first & 0x3F;
            case 1: return ((first & 0x3F) << 8) | u8();
            case 2:
                if (first == 0x80) return bigEndian(4);
                if (first == 0x81) return bigEndian(8);
                throw new IllegalArgumentException("unknown length prefix 0x" + Integer.toHexString(first));
            default: return -1 - (first & 0x3F);
        }
    }

    /** A string object as rdbGenericLoadStringObject reads it. */
    byte[] string() {
        int first = peek();
        if ((first >>> 6) == 3) {
            pos++;
            int enc = first & 0x3F;
            switch (enc) {
                case ENC_INT8: return decimal((byte) littleEndian(1));
                case ENC_INT16: return decimal((short) littleEndian(2));
                case ENC_INT32: return decimal((int) littleEndian(4));
                case ENC_LZF: {
                    int compressed = boundedLength();
                    int plain = boundedLength();
                    need(compressed);
                    // an LZF back reference (at most 3 bytes) expands to at most 264 bytes
                    if ((long) plain > 264L * compressed) throw new IllegalArgumentException("LZF length " + plain);
                    byte[] out = Lzf.decompress(buf, pos, compressed, plain);
                    pos += compressed;
                    return out;
                }
                default: throw new IllegalArgumentException("unknown string encoding " + enc);
            }
        }
        int n = boundedLength();
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    private int peek() {
        need(1);
        return buf[pos] & 0xFF;
    }

    private int boundedLength() {
        if ((peek() >>> 6) == 3) throw new IllegalArgumentException("encoded value where a length was expected");
        long n = lengthOrEncoding();
        if (n < 0 || n > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("length " + n);
        return (int) n;
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /** rdbLoadBinaryDoubleValue: eight bytes, little-endian IEEE 754. */
    double binaryDouble() {
        return Double.longBitsToDouble(littleEndian(8));
    }

    // ------------------------------------------------------------------ module values (opcode + value)

    private void opcode(int expected) {
        if ((peek() >>> 6) == 3) throw new IllegalArgumentException("encoded value where a module opcode was expected");
        long op = lengthOrEncoding();
        if (op != expected) throw new IllegalArgumentException("module value of type " + op + " where " + expected + " was expected");
    }

    /** The next module value's opcode, without consuming it. */
    int peekOpcode() {
        int save = pos;
        try {
            if ((peek() >>> 6) == 3) return -1;
            long op = lengthOrEncoding();
            return op > 5 ? -1 : (int) op;
        } finally {
            pos = save;
        }
    }

    long moduleUnsigned() {
        opcode(OPCODE_UINT);
        if ((peek() >>> 6) == 3) throw new IllegalArgumentException("encoded value where an unsigned was expected");
        return lengthOrEncoding();
    }

    double moduleDouble() {
        opcode(OPCODE_DOUBLE);
        return binaryDouble();
    }

    byte[] moduleString() {
        opcode(OPCODE_STRING);
        return string();
    }

    void moduleEof() {
        opcode(OPCODE_EOF);
    }

    /** The 64-bit module type id that follows RDB type 7. */
    long moduleId() {
        if ((peek() >>> 6) == 3) throw new IllegalArgumentException("encoded value where a module id was expected");
        return lengthOrEncoding();
    }
}
