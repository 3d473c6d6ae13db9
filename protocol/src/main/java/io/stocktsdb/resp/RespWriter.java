package io.stocktsdb.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes replies straight into an output buffer; the only place that knows how RESP2 and RESP3
 * differ. One per connection; {@link #target(ByteBuf)} points it at the current batch's buffer.
 */
public final class RespWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL_BULK_2 = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY_2 = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CACHED_INTS = 1024;
    private static final byte[][] INT_REPLIES = new byte[CACHED_INTS][];
    private static final byte[][] BULK_HEADERS = new byte[CACHED_INTS][];
    private static final byte[][] ARRAY_HEADERS = new byte[CACHED_INTS][];

    static {
        for (int i = 0; i < CACHED_INTS; i++) {
            INT_REPLIES[i] = (":" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
            BULK_HEADERS[i] = ("$" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
            ARRAY_HEADERS[i] = ("*" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private ByteBuf out;
    private int protocol = 2;
    private long errorCount;
    private String lastError;
    private final byte[] digits = new byte[24];
    /** The last integer reply formatted, at [lastIntegerStart, 24); lastIntegerStart -1: none yet. */
    private final byte[] lastInteger = new byte[24];
    private int lastIntegerStart = -1;
    private long lastIntegerValue;
    private final byte[] doubleText = new byte[32];
    private boolean streaming;
    private ReplyStream stream;
    private RowEncoder rows;

    public void target(ByteBuf out) { this.out = out; }

    public ByteBuf target() { return out; }

    public int protocol() { return protocol; }

    public boolean resp3() { return protocol == 3; }

    public void protocol(int protocol) { this.protocol = protocol; }

    /** Error replies written so far: the dispatcher compares before and after a command. */
    public long errorCount() { return errorCount; }

    /** The text of the most recent error reply. */
    public String lastError() { return lastError; }

    /** Grows the output buffer once for a reply of about {@code bytes}, instead of doubling while writing it. */
    public void reserve(int bytes) { out.ensureWritable(bytes); }

    public void ok() { out.writeBytes(OK); }

    public void simpleString(String s) {
        out.writeByte('+');
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    public void simpleString(byte[] s) {
        out.writeByte('+');
        out.writeBytes(s);
        out.writeBytes(CRLF);
    }

    /** An error reply; {@code message} is the full text after '-' (e.g. "ERR syntax error"). */
    public void error(String message) {
        errorCount++;
        lastError = message;
        out.writeByte('-');
        // newlines would break the frame: Redis replaces them with spaces
        for (int i = 0, n = message.length(); i < n; i++) {
            char c = message.charAt(i);
            if (c == '\r' || c == '\n') {
                out.writeByte(' ');
            } else if (c < 0x80) {
                out.writeByte(c);
            } else {
                out.writeCharSequence(String.valueOf(c), StandardCharsets.UTF_8);
            }
        }
        out.writeBytes(CRLF);
    }

    public void integer(long v) {
        if (v >= 0 && v < CACHED_INTS) {
            out.writeBytes(INT_REPLIES[(int) v]);
            return;
        }
        // one bounded write of ":<digits>\r\n" (the buffer's checks run once, not three times),
        // formatted once for a run of equal values (TS.MADD's replies: one timestamp per feed tick)
        if (lastIntegerStart < 0 || v != lastIntegerValue) {
            int end = digits.length - 2;
            int start = end - formatLong(v, end);
            digits[--start] = ':';
            digits[end] = '\r';
            digits[end + 1] = '\n';
            System.arraycopy(digits, start, lastInteger, start, digits.length - start);
            lastIntegerStart = start;
            lastIntegerValue = v;
        }
        out.writeBytes(lastInteger, lastIntegerStart, lastInteger.length - lastIntegerStart);
    }

    public void bulk(byte[] value) {
        if (value == null) {
            nullBulk();
            return;
        }
        bulkHeader(value.length);
        out.writeBytes(value);
        out.writeBytes(CRLF);
    }

    public void bulk(byte[] value, int off, int len) {
        bulkHeader(len);
        out.writeBytes(value, off, len);
        out.writeBytes(CRLF);
    }

    public void bulk(ByteBuf value) {
        bulkHeader(value.readableBytes());
        out.writeBytes(value, value.readerIndex(), value.readableBytes());
        out.writeBytes(CRLF);
    }

    public void bulk(String value) {
        if (value == null) {
            nullBulk();
            return;
        }
        bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bulk string holding the decimal text of {@code v}. */
    public void bulkLong(long v) {
        int len = formatLong(v);
        bulkHeader(len);
        out.writeBytes(digits, digits.length - len, len);
        out.writeBytes(CRLF);
    }

    /** Bulk replies at least this long are streamed from the value ({@link #bulkStreamed}). */
    public static final int STREAMED_BULK_BYTES = 1 << 20;

    /**
     * A bulk string (null: the null bulk) that may be sent in slices straight from {@code value}
     * when it is big, as the command's last reply (see {@link #stream}); {@code value} must not
     * change afterwards.
     */
    public void bulkStreamed(byte[] value) {
        if (value == null || value.length < STREAMED_BULK_BYTES) {
            bulk(value);
        } else {
            stream(new BulkReplyStream(new byte[][] {value}, value.length));
        }
    }

    /** As {@link #bulkStreamed(byte[])} for a value held in parts (sent in order, never joined); null: the null bulk. */
    public void bulkStreamed(byte[][] parts) {
        if (parts == null) {
            nullBulk();
            return;
        }
        if (parts.length == 1) {
            bulkStreamed(parts[0]);
            return;
        }
        long length = 0;
        for (byte[] p : parts) length += p.length;
        stream(new BulkReplyStream(parts, length));
    }

    void bulkHeader(int len) {
        if (len < CACHED_INTS) {
            out.writeBytes(BULK_HEADERS[len]);
        } else {
            out.writeByte('$');
            writeLongAscii(len);
            out.writeBytes(CRLF);
        }
    }

    /** RESP2 {@code $-1}, RESP3 {@code _}. */
    public void nullBulk() { out.writeBytes(protocol == 3 ? NULL_3 : NULL_BULK_2); }

    /** RESP2 {@code *-1}, RESP3 {@code _}. */
    public void nullArray() { out.writeBytes(protocol == 3 ? NULL_3 : NULL_ARRAY_2); }

    public void arrayHeader(int n) {
        if (n < CACHED_INTS) {
            out.writeBytes(ARRAY_HEADERS[n]);
        } else {
            out.writeByte('*');
            writeLongAscii(n);
            out.writeBytes(CRLF);
        }
    }

    /** An out-of-band message of {@code n} elements (Pub/Sub): RESP3 a push {@code >n}, RESP2 an array. */
    public void pushHeader(int n) {
        if (protocol == 3) {
            out.writeByte('>');
            writeLongAscii(n);
            out.writeBytes(CRLF);
        } else {
            arrayHeader(n);
        }
    }

    /** A map of {@code n} pairs: RESP3 {@code %n}, RESP2 a flat array of 2n elements. */
    public void mapHeader(int n) {
        if (protocol == 3) {
            out.writeByte('%');
            writeLongAscii(n);
            out.writeBytes(CRLF);
        } else {
            arrayHeader(2 * n);
        }
    }

    /** A set: RESP3 {@code ~n}, RESP2 an array. */
    public void setHeader(int n) {
        if (protocol == 3) {
            out.writeByte('~');
            writeLongAscii(n);
            out.writeBytes(CRLF);
        } else {
            arrayHeader(n);
        }
    }

    /** RESP3 boolean {@code #t}/{@code #f}; RESP2 integer 1/0. */
    public void bool(boolean v) {
        if (protocol == 3) {
            out.writeBytes(v ? "#t\r\n".getBytes(StandardCharsets.US_ASCII) : "#f\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            integer(v ? 1 : 0);
        }
    }

    /** RESP3 verbatim string ({@code =len\r\ntxt:...}); RESP2 a bulk string. Used by INFO. */
    public void verbatim(String format, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (protocol == 3) {
            out.writeByte('=');
            writeLongAscii(body.length + 4);
            out.writeBytes(CRLF);
            out.writeCharSequence(format, StandardCharsets.US_ASCII);
            out.writeByte(':');
            out.writeBytes(body);
            out.writeBytes(CRLF);
        } else {
            bulk(body);
        }
    }

    /**
     * Lets {@link #stream} hand replies to the connection (its handler turns this on for commands
     * it dispatches itself; replies nested in another, like EXEC's, are written whole).
     * Returns the previous setting.
     */
    public boolean streaming(boolean enabled) {
        boolean was = streaming;
        streaming = enabled;
        return was;
    }

    /**
     * Sends {@code reply} as the current command's last reply: when streaming is enabled the
     * connection writes it in slices after the replies before it, else it is written here whole.
     */
    public void stream(ReplyStream reply) {
        if (streaming && stream == null) {
            stream = reply;
            return;
        }
        while (!reply.writeSome(this, Integer.MAX_VALUE)) {
            // written whole
        }
    }

    /** The stream the last command handed over, once; null when it wrote its reply directly. */
    public ReplyStream takeStream() {
        ReplyStream s = stream;
        stream = null;
        return s;
    }

    /**
     * A header for {@code n} keyed entries: RESP3 a map of {@code n} pairs, RESP2 an array of
     * {@code n} entries (each then written with {@link #entry} or {@link #pairEntry}).
     */
    public void mapOrArrayHeader(int n) {
        if (protocol == 3) {
            mapHeader(n);
        } else {
            arrayHeader(n);
        }
    }

    /**
     * One entry under {@link #mapOrArrayHeader} whose value is an array: RESP2 {@code [key,
     * v1..vN]} with {@code resp2Values} values, RESP3 {@code key => [v1..vM]} with
     * {@code resp3Values} (RESP3 replies may carry extra metadata elements). The values follow.
     */
    public void entry(byte[] key, int resp2Values, int resp3Values) {
        if (protocol == 3) {
            bulk(key);
            arrayHeader(resp3Values);
        } else {
            arrayHeader(1 + resp2Values);
            bulk(key);
        }
    }

    /** {@link #entry(byte[], int, int)} with a text key. */
    public void entry(String key, int resp2Values, int resp3Values) {
        entry(key.getBytes(StandardCharsets.UTF_8), resp2Values, resp3Values);
    }

    /** One entry under {@link #mapOrArrayHeader} with a single value: RESP2 {@code [key, value]}, RESP3 {@code key => value}. The value follows. */
    public void pairEntry(String key) {
        if (protocol != 3) arrayHeader(2);
        bulk(key);
    }

    /**
     * The row encoder of this connection's current protocol (for replies of many small rows), for
     * use on the calling thread until the reply is written.
     */
    public RowEncoder rowEncoder() {
        if (rows == null || rows.protocol() != protocol) rows = new RowEncoder(this, protocol);
        return rows.attach();
    }

    void writeRaw(byte[] bytes, int off, int len) {
        out.writeBytes(bytes, off, len);
    }

    /**
     * A time-series sample value: RESP3 a double, RESP2 a simple string in RedisTimeSeries'
     * shortest round-trip layout ({@code +5E-1}). Allocates nothing.
     */
    public void sampleValue(double v) {
        if (protocol == 3) {
            int end = RedisDoubleFormatter.format(v, doubleText, 0);
            out.writeByte(',');
            out.writeBytes(doubleText, 0, end);
        } else {
            int end = Resp2DoubleFormatter.format(v, doubleText, 0);
            out.writeByte('+');
            out.writeBytes(doubleText, 0, end);
        }
        out.writeBytes(CRLF);
    }

    /**
     * Redis's {@code addReplyDouble} (and a module's {@code RedisModule_ReplyWithDouble}):
     * Redis's double formatting, as a RESP3 double or a RESP2 bulk string.
     */
    public void doubleValue(double v) {
        int end = RedisDoubleFormatter.format(v, doubleText, 0);
        if (protocol == 3) {
            out.writeByte(',');
            out.writeBytes(doubleText, 0, end);
            out.writeBytes(CRLF);
        } else {
            bulk(doubleText, 0, end);
        }
    }

    /** Appends raw, already-encoded RESP bytes. */
    public void raw(byte[] encoded) { out.writeBytes(encoded); }

    void raw(byte[] bytes, int off, int len) { out.writeBytes(bytes, off, len); }

    private void writeLongAscii(long v) {
        int len = formatLong(v);
        out.writeBytes(digits, digits.length - len, len);
    }

    /** Writes the decimal text of {@code v} at the end of {@link #digits}; returns its length. */
    private int formatLong(long v) {
        return formatLong(v, digits.length);
    }

    /** As {@link #formatLong(long)}, the text ending just before {@code end}. */
    private int formatLong(long v, int end) {
        int pos = end;
        if (v == Long.MIN_VALUE) {
            byte[] min = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(min, 0, digits, pos - min.length, min.length);
            return min.length;
        }
        boolean negative = v < 0;
        long x = negative ? -v : v;
        do {
            digits[--pos] = (byte) ('0' + (x % 10));
            x /= 10;
        } while (x != 0);
        if (negative) digits[--pos] = '-';
        return end - pos;
    }
}
