package io.stocktsdb.engine.series;

/**
 * Adds one sample to each of many series, as TS.MADD does, logging consecutive adds as ONE op-log
 * record (ADD_RUN, one seq per sample) instead of one record each. Each add has exactly the
 * semantics of {@link Series#add} with quality 100 and no policy override; a series that cannot
 * join the run (busy lock, compaction rules, K-line family) takes that path after the run is ended.
 *
 * <p>While a run is open the op log's append lock is held: between {@link #add} calls the caller
 * must not take locks or write anything else (call {@link #pause} first), and must {@link #close}
 * before its command ends. Not thread safe: one per command.
 */
public final class MultiAdd implements AutoCloseable {
    private static final int QUALITY = 100;
    private final SeriesHost host;
    private boolean open;

    MultiAdd(SeriesHost host) {
        this.host = host;
    }

    /** As {@code s.add(ts, valueBits, null, 100, null)}. */
    public AddResult add(Series s, long ts, long valueBits) {
        if (!open) {
            host.beginAddRun(QUALITY);
            open = true;
        }
        AddResult r = s.addInRun(ts, valueBits, QUALITY);
        if (r != null) return r;
        pause();
        return s.add(ts, valueBits, null, QUALITY, null);
    }

    /** Ends the open run, if any (the next {@link #add} starts another): before anything that may lock or log. */
    public void pause() {
        if (open) {
            open = false;
            host.endAddRun();
        }
    }

    @Override
    public void close() {
        pause();
    }
}
