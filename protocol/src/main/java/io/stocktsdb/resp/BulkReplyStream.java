package io.stocktsdb.resp;

/**
 * One bulk string sent in slices straight from its array ({@link RespWriter#bulkStreamed}): a
 * 500 MB GET never has a second 500 MB copy of the value in an output buffer, only what is in
 * flight. The array is a string value, never changed once written (a write replaces it).
 */
final class BulkReplyStream implements ReplyStream {
    private final byte[] value;
    private int sent = -1; // -1: header not written yet

    BulkReplyStream(byte[] value) {
        this.value = value;
    }

    @Override
    public boolean writeSome(RespWriter out, int budgetBytes) {
        if (sent < 0) {
            out.bulkHeader(value.length);
            sent = 0;
        }
        int n = Math.min(Math.max(budgetBytes, 1), value.length - sent);
        out.raw(value, sent, n);
        sent += n;
        if (sent < value.length) return false;
        out.raw(CRLF, 0, 2);
        return true;
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
