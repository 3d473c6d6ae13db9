package io.stocktsdb.engine.storage.rts;

/**
 * LZF decompression (the liblzf format Redis uses for compressed RDB strings). Each control byte
 * is either a literal run ({@code ctrl < 32}: the next {@code ctrl + 1} bytes are copied) or a
 * back reference: length {@code ctrl >> 5} (7 means "add the next byte"), plus 2, copied from
 * {@code ((ctrl & 0x1f) << 8) + next byte + 1} bytes back in the output.
 */
final class Lzf {
    private Lzf() {}

    /** The {@code outLen} bytes {@code in[off, off + len)} expand to; IllegalArgumentException when they do not. */
    static byte[] decompress(byte[] in, int off, int len, int outLen) {
        byte[] out = new byte[outLen];
        int ip = off;
        int end = off + len;
        int op = 0;
        while (ip < end) {
            int ctrl = in[ip++] & 0xFF;
            if (ctrl < 32) {
                int run = ctrl + 1;
                if (ip + run > end || op + run > outLen) throw new IllegalArgumentException("LZF literal overruns");
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int n = ctrl >>> 5;
                if (n == 7) {
                    if (ip >= end) throw new IllegalArgumentException("LZF truncated");
                    n += in[ip++] & 0xFF;
                }
                if (ip >= end) throw new IllegalArgumentException("LZF truncated");
                int ref = op - ((ctrl & 0x1F) << 8) - 1 - (in[ip++] & 0xFF);
                n += 2;
                if (ref < 0 || op + n > outLen) throw new IllegalArgumentException("LZF reference out of range");
                for (int i = 0; i < n; i++) out[op++] = out[ref++]; // may overlap: byte by byte
            }
        }
        if (op != outLen) throw new IllegalArgumentException("LZF gave " + op + " bytes, expected " + outLen);
        return out;
    }
}
