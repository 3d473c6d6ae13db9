package io.stocktsdb.server.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes RESP commands (arrays of bulk strings) into a growable byte buffer, to be written to
 * a socket in large pipelined chunks. Numbers are encoded without intermediate strings.
 */
public final class CommandWriter {
    private byte[] buf;
    private int len;
    private final byte[] digits = new byte[20];

    public CommandWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    /** Starts a command of {@code argc} arguments (the name included). */
    public CommandWriter begin(int argc) {
        put((byte) '*');
        putLong(argc);
        crlf();
        return this;
    }

    public CommandWriter arg(byte[] b) {
        return arg(b, 0, b.length);
    }

    public CommandWriter arg(byte[] b, int off, int n) {
        put((byte) '$');
        putLong(n);
        crlf();
        ensure(n + 2);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        crlf();
        return this;
    }

    /** ASCII text is copied char by char (no intermediate array); anything else goes through UTF-8. */
    public CommandWriter arg(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) return arg(s.getBytes(StandardCharsets.UTF_8));
        }
        put((byte) '$');
        putLong(n);
        crlf();
        ensure(n + 2);
        for (int i = 0; i < n; i++) buf[len++] = (byte) s.charAt(i);
        crlf();
        return this;
    }

    public CommandWriter arg(long v) {
        int n = toDigits(v);
        // "$<n>" is at most two digits for a long: written directly, since putLong would reuse the scratch digits
        ensure(n + 7);
        buf[len++] = '$';
        if (n >= 10) buf[len++] = (byte) ('0' + n / 10);
        buf[len++] = (byte) ('0' + n % 10);
        crlf();
        System.arraycopy(digits, digits.length - n, buf, len, n);
        len += n;
        crlf();
        return this;
    }

    /** A whole command from strings. */
    public CommandWriter command(String... args) {
        begin(args.length);
        for (String a : args) arg(a);
        return this;
    }

    public int size() { return len; }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    public void clear() { len = 0; }

    private void putLong(long v) {
        int n = toDigits(v);
        ensure(n);
        System.arraycopy(digits, digits.length - n, buf, len, n);
        len += n;
    }

    /** Writes v's decimal digits right-aligned into {@code digits}; returns their count. */
    private int toDigits(long v) {
        if (v == Long.MIN_VALUE) {
            byte[] min = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(min, 0, digits, 0, 20);
            return 20;
        }
        boolean neg = v < 0;
        long x = neg ? -v : v;
        int p = digits.length;
        do {
            digits[--p] = (byte) ('0' + x % 10);
            x /= 10;
        } while (x != 0);
        if (neg) digits[--p] = '-';
        return digits.length - p;
    }

    private void crlf() {
        ensure(2);
        buf[len++] = '\r';
        buf[len++] = '\n';
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int n) {
        if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
}
