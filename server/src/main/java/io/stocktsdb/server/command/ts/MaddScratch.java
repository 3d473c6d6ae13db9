package io.stocktsdb.server.command.ts;

import io.stocktsdb.engine.series.Series;

/**
 * What TS.MADD reuses from one call to the next on the same thread (an event loop serves many
 * connections, one command at a time): the array the request's bytes are copied into, and the
 * series each triple position named last time (hints for the key lookup, checked before use).
 * Both are bounded, so a huge request leaves no huge buffer behind, and a hint to a removed
 * series is held at most until that position is written again.
 */
final class MaddScratch {
    /** Requests up to this size reuse the span array; bigger ones get their own. */
    private static final int KEEP_SPAN_BYTES = 1 << 20;
    /** Triple positions that keep a hint; later ones are looked up in the key map each time. */
    private static final int MAX_HINTS = 4096;
    private static final ThreadLocal<MaddScratch> PER_THREAD = ThreadLocal.withInitial(MaddScratch::new);

    private byte[] span = new byte[4096];
    private Series[] hints = new Series[16];

    static MaddScratch forThisThread() {
        return PER_THREAD.get();
    }

    byte[] span() {
        return span;
    }

    /** Keeps {@code used} for the next call when it is not too big. */
    void keep(byte[] used) {
        if (used.length <= KEEP_SPAN_BYTES) span = used;
    }

    /** The hints for a call of {@code triples} triples (shorter when that passes the bound). */
    Series[] hints(int triples) {
        int n = Math.min(triples, MAX_HINTS);
        if (hints.length < n) hints = java.util.Arrays.copyOf(hints, Math.max(n, 2 * hints.length));
        return hints;
    }
}
