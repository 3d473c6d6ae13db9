package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.DuplicatePolicy;

import java.util.Map;

/**
 * Recovery's path into one series: re-applies logged ops at their original sequence numbers,
 * skipping those the last checkpoint already holds. Nothing is logged. The rules see each op as
 * they did live, and their destination writes are dropped (the destinations' own logged ops
 * carry them), so the rules' persisted state plus replay is exact.
 */
final class SeriesReplay {
    private final Series series;

    SeriesReplay(Series series) {
        this.series = series;
    }

    /** A logged ADD (no retention or IGNORE check: the log holds only applied adds). */
    void add(long seq, long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) {
        series.lock.lock();
        try {
            if (seq <= series.lastSeq) return;
            SeriesChunks chunks = series.chunks;
            LiveRules lr = series.live;
            if (lr == null) {
                chunks.apply(ts, valueBits, blob, quality, policy);
            } else {
                boolean append = !chunks.hasLast || ts > chunks.lastTs;
                lr.writes.reset(true);
                if (append) lr.appended(ts, series.numeric(valueBits));
                AddResult r = chunks.apply(ts, valueBits, blob, quality, policy);
                if (!append && (r == AddResult.ADDED || r == AddResult.UPDATED)) lr.upserted(ts, series.raw());
            }
            series.mutated(seq);
        } finally {
            series.lock.unlock();
        }
    }

    /** A logged DEL_RANGE (the rules recompute as they did live). */
    void deleteRange(long seq, long from, long to) {
        series.lock.lock();
        try {
            if (seq <= series.lastSeq) return;
            SeriesChunks chunks = series.chunks;
            long n = chunks.deleteRange(from, to);
            LiveRules lr = series.live;
            if (n > 0 && lr != null) {
                lr.writes.reset(true);
                lr.deleted(from, to, chunks.hasLast ? chunks.lastTs : -1, series.raw());
            }
            series.mutated(seq);
        } finally {
            series.lock.unlock();
        }
    }

    /** A logged ALTER (rules restart from the state the record carries). */
    void alter(long seq, SeriesOptions newOptions) {
        series.lock.lock();
        try {
            if (seq <= series.lastSeq) return;
            Map<String, String> oldLabels = series.applyAlter(newOptions);
            series.live = LiveRules.of(series.options().rules());
            series.mutated(seq);
            if (!oldLabels.equals(series.options().labels())) series.labelsChanged(oldLabels);
        } finally {
            series.lock.unlock();
        }
    }
}
