package io.stocktsdb.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Resumable RESP request decoder (multibulk and inline), one per connection.
 *
 * <p>The caller keeps unconsumed bytes in one cumulation buffer whose reader index stays at the
 * start of the command being decoded. {@link #decode} returns {@link #COMPLETE} with the request's
 * arguments pointing into that buffer, {@link #NEED_MORE} when the frame is incomplete (progress is
 * kept, so a large bulk split into many reads is scanned once), or {@link #ERROR} with
 * {@link #errorMessage()} holding Redis's exact protocol error. Nothing is allocated from what a
 * header claims: bytes are only ever those that arrived.
 */
public final class RespDecoder {
    public static final int NEED_MORE = 0;
    public static final int COMPLETE = 1;
    public static final int ERROR = -1;

    /** Redis's PROTO_INLINE_MAX_SIZE: also bounds a multibulk or bulk count line. */
    public static final int INLINE_MAX_SIZE = 64 * 1024;
    /** Redis's limit on the argument count of one multibulk request. */
    public static final int MAX_MULTIBULK_LENGTH = 1024 * 1024;
    /** Argument slots reserved up front for a multibulk header; more are added as arguments arrive. */
    static final int INITIAL_ARGS_CAP = 1024;

    /** Redis's limits for a client that still has to authenticate: arguments, bytes per argument. */
    public static final int UNAUTHENTICATED_MAX_ARGS = 10;
    public static final int UNAUTHENTICATED_MAX_BULK = 16 * 1024;

    private long protoMaxBulkLen;
    private boolean unauthenticated;

    // progress inside the current command, relative to its first byte
    private boolean inCommand;
    private int scanPos;
    private int argsExpected;
    private int bulkLen = -1;
    private int consumed;
    private String errorMessage;

    private final ByteBuf inlineScratch = Unpooled.buffer(64);

    public RespDecoder(long protoMaxBulkLen) {
        this.protoMaxBulkLen = protoMaxBulkLen;
    }

    public void setProtoMaxBulkLen(long protoMaxBulkLen) { this.protoMaxBulkLen = protoMaxBulkLen; }

    /**
     * While true (the client has not authenticated and must), a request may declare at most
     * {@link #UNAUTHENTICATED_MAX_ARGS} arguments of at most {@link #UNAUTHENTICATED_MAX_BULK}
     * bytes each, so a stranger cannot make the server wait for and buffer a huge request.
     */
    public void setUnauthenticated(boolean unauthenticated) { this.unauthenticated = unauthenticated; }

    /** Bytes of the buffer used by the last COMPLETE command (advance the reader index by this). */
    public int consumed() { return consumed; }

    public String errorMessage() { return errorMessage; }

    /**
     * After NEED_MORE inside a bulk argument: how many bytes, counted from the command's first
     * byte, the buffer must hold for that argument to complete (0 when no bulk length is known).
     * Lets the caller size the buffer for a big argument once instead of growing toward it.
     */
    public long bytesNeeded() {
        return inCommand && bulkLen >= 0 ? (long) scanPos + bulkLen + 2 : 0;
    }

    /** After NEED_MORE inside a bulk argument: its declared length (-1 when none is pending). */
    public int pendingBulkLength() {
        return inCommand && bulkLen >= 0 ? bulkLen : -1;
    }

    /** True while a command has been started but not completed. */
    public boolean inCommand() { return inCommand; }

    /**
     * Decodes the command starting at {@code in.readerIndex()}. Does not move the reader index;
     * on COMPLETE the caller handles the request and then skips {@link #consumed()} bytes.
     * A COMPLETE request with zero arguments is an empty command (blank inline line or
     * {@code *0}/{@code *-1}), to be skipped silently as Redis does.
     */
    public int decode(ByteBuf in, RespRequest request) {
        int start = in.readerIndex();
        int available = in.writerIndex() - start;
        if (available == 0) return NEED_MORE;
        if (!inCommand) {
            request.reset(in);
            scanPos = 0;
            argsExpected = -1;
            bulkLen = -1;
            inCommand = true;
        }
        int result = in.getByte(start) == '*'
                ? decodeMultibulk(in, start, available, request)
                : decodeInline(in, start, available, request);
        if (result != NEED_MORE) inCommand = false;
        return result;
    }

    private int decodeMultibulk(ByteBuf in, int start, int available, RespRequest request) {
        if (argsExpected < 0) {
            int eol = findCrlf(in, start + 1, start + available);
            if (eol < 0) {
                if (available > INLINE_MAX_SIZE) return error("Protocol error: too big mbulk count string");
                return NEED_MORE;
            }
            long n = NumberParser.parseLong(in, start + 1, eol - start - 1);
            if (n == NumberParser.INVALID || n > MAX_MULTIBULK_LENGTH) {
                return error("Protocol error: invalid multibulk length");
            }
            if (unauthenticated && n > UNAUTHENTICATED_MAX_ARGS) return error("Protocol error: unauthenticated multibulk length");
            scanPos = eol - start + 2;
            if (n <= 0) { // empty multibulk: nothing to run
                consumed = scanPos;
                return COMPLETE;
            }
            argsExpected = (int) n;
            // like Redis (argv_len capped at 1024), size for what a header claims only up to a point:
            // "*1048576" alone must not cost megabytes; larger requests grow as their arguments arrive
            request.ensureCapacity(Math.min(argsExpected, INITIAL_ARGS_CAP));
        }
        while (request.argc() < argsExpected) {
            if (bulkLen < 0) {
                if (scanPos >= available) return NEED_MORE;
                byte marker = in.getByte(start + scanPos);
                if (marker != '$') {
                    return error("Protocol error: expected '$', got '" + printable(marker) + "'");
                }
                long len;
                int eol = shortBulkLength(in, start + scanPos + 1, start + available);
                if (eol >= 0) {
                    len = shortLen;
                } else {
                    eol = findCrlf(in, start + scanPos + 1, start + available);
                    if (eol < 0) {
                        if (available - scanPos > INLINE_MAX_SIZE) return error("Protocol error: too big bulk count string");
                        return NEED_MORE;
                    }
                    len = NumberParser.parseLong(in, start + scanPos + 1, eol - start - scanPos - 1);
                }
                if (len == NumberParser.INVALID || len < 0 || len > protoMaxBulkLen || len > Integer.MAX_VALUE - 2) {
                    return error("Protocol error: invalid bulk length");
                }
                if (unauthenticated && len > UNAUTHENTICATED_MAX_BULK) return error("Protocol error: unauthenticated bulk length");
                bulkLen = (int) len;
                scanPos = eol - start + 2;
            }
            if ((long) available - scanPos < (long) bulkLen + 2) return NEED_MORE;
            request.addArg(scanPos, bulkLen); // relative: the buffer may be reallocated before completion
            scanPos += bulkLen + 2; // Redis skips the trailing CRLF without checking it
            bulkLen = -1;
        }
        consumed = scanPos;
        request.reset(in, request.argc());
        request.rebase(start);
        return COMPLETE;
    }

    private int decodeInline(ByteBuf in, int start, int available, RespRequest request) {
        int end = start + available;
        int nl = in.indexOf(start + scanPos, end, (byte) '\n');
        if (nl < 0) {
            if (available > INLINE_MAX_SIZE) return error("Protocol error: too big inline request");
            scanPos = available;
            return NEED_MORE;
        }
        int lineEnd = (nl > start && in.getByte(nl - 1) == '\r') ? nl - 1 : nl;
        consumed = nl - start + 1;
        inlineScratch.clear();
        request.reset(inlineScratch);
        if (!InlineSplitter.split(in, start, lineEnd, inlineScratch, request)) {
            return error("Protocol error: unbalanced quotes in request");
        }
        return COMPLETE;
    }

    /** The length {@link #shortBulkLength} parsed. */
    private int shortLen;

    /**
     * The common bulk length, 1 to 9 digits without a leading zero followed by CRLF, parsed in
     * the one pass that finds its end: returns the CR's index (the length in {@link #shortLen}),
     * or -1 for anything else, which the general path (find CRLF, then parse) handles.
     */
    private int shortBulkLength(ByteBuf in, int from, int to) {
        int len = 0;
        int p = from;
        int end = Math.min(to, from + 9);
        while (p < end) {
            int b = in.getByte(p);
            if (b < '0' || b > '9') break;
            len = len * 10 + (b - '0');
            p++;
        }
        int digits = p - from;
        if (digits == 0 || (digits > 1 && in.getByte(from) == '0') || p + 1 >= to) return -1;
        if (in.getByte(p) != '\r' || in.getByte(p + 1) != '\n') return -1;
        shortLen = len;
        return p;
    }

    private int error(String message) {
        errorMessage = message;
        return ERROR;
    }

    private static int findCrlf(ByteBuf in, int from, int to) {
        int cr = in.indexOf(from, to, (byte) '\r');
        if (cr < 0 || cr + 1 >= to) return -1;
        if (in.getByte(cr + 1) != '\n') return findCrlf(in, cr + 1, to);
        return cr;
    }

    private static String printable(byte b) {
        return String.valueOf((char) (b & 0xff));
    }
}
