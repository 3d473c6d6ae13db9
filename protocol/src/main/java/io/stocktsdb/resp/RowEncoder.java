package io.stocktsdb.resp;

/**
 * Writes replies made of many small rows of integers and sample values (candles): each row is
 * built in a byte array and handed to the output buffer in one call, instead of a buffer call
 * (with its bounds and capacity checks) per byte run; and the text of a sample value is kept in a
 * small cache by bit pattern, so a price that recurs (open, high, low and close of a quiet
 * minute) is formatted once. The bytes are exactly those of {@link RespWriter#arrayHeader},
 * {@link RespWriter#integer} and {@link RespWriter#sampleValue}. Get it from
 * {@link RespWriter#rowEncoder()}; one row at a time: elements, then {@link #endRow()}.
 */
public final class RowEncoder {
    private static final int CACHE_SLOTS = 1024;
    /** Longest element: a prefix, {@link Resp2DoubleFormatter#MAX_LENGTH} (or Redis's 17-digit form) and CRLF. */
    private static final int SLOT_BYTES = 40;
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private final RespWriter out;
    private final int protocol;
    private byte[] row = new byte[512];
    private int len;
    /**
     * The value texts, one cache per thread and protocol (not per connection: fifty connections
     * asking for the same prices would each miss, and fifty caches do not stay in the CPU's
     * caches). Taken at {@link #attach}, which the writer calls when it hands this encoder out.
     */
    private static final ThreadLocal<ValueTexts[]> TEXTS = ThreadLocal.withInitial(() -> new ValueTexts[4]);
    private ValueTexts texts;
    private final byte[] scratch = new byte[SLOT_BYTES];
    /** Integers at least this big are written as their cached leading digits and five more. */
    private static final long LOW_SPLIT = 100_000;
    private long cachedHigh = -1;
    private final byte[] cachedHighText = new byte[20];
    private int cachedHighLength;

    RowEncoder(RespWriter out, int protocol) {
        this.out = out;
        this.protocol = protocol;
    }

    int protocol() {
        return protocol;
    }

    /** Binds the calling thread's value-text cache; the encoder is then used on this thread only. */
    RowEncoder attach() {
        ValueTexts[] perProtocol = TEXTS.get();
        ValueTexts t = perProtocol[protocol];
        if (t == null) perProtocol[protocol] = t = new ValueTexts();
        texts = t;
        return this;
    }

    /** Formatted sample values by bit pattern, for one protocol on one thread. */
    private static final class ValueTexts {
        final long[] bits = new long[CACHE_SLOTS];
        final byte[] length = new byte[CACHE_SLOTS]; // 0: empty slot
        final byte[] text = new byte[CACHE_SLOTS * SLOT_BYTES];
    }

    public void arrayHeader(int n) {
        room(24);
        row[len++] = '*';
        len = digits(n, row, len);
        row[len++] = '\r';
        row[len++] = '\n';
    }

    public void integer(long v) {
        if (v == Long.MIN_VALUE) { // no positive counterpart: the writer's own path
            endRow();
            out.integer(v);
            return;
        }
        room(24);
        row[len++] = ':';
        if (v < 0) {
            row[len++] = '-';
            v = -v;
        }
        if (v >= LOW_SPLIT) {
            len = splitDigits(v, row, len);
        } else {
            len = digits(v, row, len);
        }
        row[len++] = '\r';
        row[len++] = '\n';
    }

    /**
     * The digits of {@code v >= LOW_SPLIT}: those above the last five, which consecutive
     * timestamps of a reply share, are kept from the previous call when they are the same.
     */
    private int splitDigits(long v, byte[] dst, int at) {
        long high = v / LOW_SPLIT;
        int low = (int) (v - high * LOW_SPLIT);
        if (high != cachedHigh) {
            cachedHighLength = digits(high, cachedHighText, 0);
            cachedHigh = high;
        }
        System.arraycopy(cachedHighText, 0, dst, at, cachedHighLength);
        at += cachedHighLength;
        int pair = low / 1000; // digits 1-2 of the five
        dst[at] = DIGIT_PAIRS[2 * pair];
        dst[at + 1] = DIGIT_PAIRS[2 * pair + 1];
        pair = low / 10 % 100; // digits 3-4
        dst[at + 2] = DIGIT_PAIRS[2 * pair];
        dst[at + 3] = DIGIT_PAIRS[2 * pair + 1];
        dst[at + 4] = (byte) ('0' + low % 10);
        return at + 5;
    }

    /** {@link RespWriter#sampleValue}: RESP3 a double, RESP2 RedisTimeSeries' simple string. */
    public void sampleValue(double v) {
        room(SLOT_BYTES);
        long bits = Double.doubleToRawLongBits(v);
        int slot = (int) ((bits ^ (bits >>> 32)) * 0x9E3779B97F4A7C15L >>> 54);
        ValueTexts t = texts;
        int n = t.length[slot];
        int at = slot * SLOT_BYTES;
        if (n == 0 || t.bits[slot] != bits) {
            n = format(v, t.text, at);
            t.bits[slot] = bits;
            t.length[slot] = (byte) n;
        }
        System.arraycopy(t.text, at, row, len, n);
        len += n;
    }

    /** Writes the row built so far to the reply. */
    public void endRow() {
        out.writeRaw(row, 0, len);
        len = 0;
    }

    /** The element text of {@code v} at {@code dst[at]}; returns its length. */
    private int format(double v, byte[] dst, int at) {
        int end;
        if (protocol == 3) {
            end = RedisDoubleFormatter.format(v, scratch, 1);
            scratch[0] = ',';
        } else {
            end = Resp2DoubleFormatter.format(v, scratch, 1);
            scratch[0] = '+';
        }
        scratch[end++] = '\r';
        scratch[end++] = '\n';
        System.arraycopy(scratch, 0, dst, at, end);
        return end;
    }

    private void room(int bytes) {
        if (len + bytes > row.length) row = java.util.Arrays.copyOf(row, Math.max(row.length * 2, len + bytes));
    }

    /** The decimal digits of {@code v >= 0} at {@code dst[at]}, two at a time; returns the end. */
    private static int digits(long v, byte[] dst, int at) {
        int n = 1;
        for (long p = 10; n < 19 && v >= p; p *= 10) n++;
        int i = at + n;
        while (i - at >= 2) {
            int pair = (int) (v % 100);
            v /= 100;
            dst[--i] = DIGIT_PAIRS[2 * pair + 1];
            dst[--i] = DIGIT_PAIRS[2 * pair];
        }
        if (i > at) dst[--i] = (byte) ('0' + v);
        return at + n;
    }
}
