package io.stocktsdb.resp;

/**
 * One bulk string sent in slices straight from its arrays ({@link RespWriter#bulkStreamed}): a
 * 500 MB GET never has a second copy of the value in an output buffer, only what is in flight.
 * The arrays are a string value's, never changed once written (a write replaces them).
 */
final class BulkReplyStream implements ReplyStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private final byte[][] parts;
    private final long length;
    private int part;
    private int offset;
    private boolean started;

    BulkReplyStream(byte[][] parts, long length) {
        this.parts = parts;
        this.length = length;
    }

    @Override
    public boolean writeSome(RespWriter out, int budgetBytes) {
        if (!started) {
            out.bulkHeader((int) length);
            started = true;
        }
        int budget = Math.max(budgetBytes, 1);
        while (part < parts.length && budget > 0) {
            byte[] p = parts[part];
            int n = Math.min(budget, p.length - offset);
            out.raw(p, offset, n);
            offset += n;
            budget -= n;
            if (offset == p.length) {
                part++;
                offset = 0;
            }
        }
        if (part < parts.length) return false;
        out.raw(CRLF, 0, 2);
        return true;
    }
}
