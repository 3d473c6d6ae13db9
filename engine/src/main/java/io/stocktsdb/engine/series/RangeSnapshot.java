package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.SampleCursor;
import java.util.BitSet;

/**
 * The samples of a series in {@code [from, to]} as they were when {@link Series#snapshot} took
 * them: the chunks holding them, each immutable (the decoded disk copies readers share, or private
 * copies of in-memory chunks), so later writes never show and a reply written over seconds still
 * matches the row count it announced. Holds the chunks' compact form, not the decoded samples.
 */
public final class RangeSnapshot {
    private final Chunk[] chunks;
    /** Which chunks may use {@link Chunk#index} (the rest are private copies without one). */
    private final BitSet indexed;
    private final long from;
    private final long to;

    RangeSnapshot(Chunk[] chunks, BitSet indexed, long from, long to) {
        this.chunks = chunks;
        this.indexed = indexed;
        this.from = from;
        this.to = to;
    }

    /** The chunks holding the range, ascending; boundary chunks also hold samples outside it. Not to be changed. */
    public Chunk[] chunks() {
        return chunks;
    }

    /**
     * Whether {@code chunks()[i]} may be read through its {@link Chunk#index}: the decoded disk
     * copy readers share (it stays around, so building the index pays off), or a private copy of
     * an in-memory chunk that carries that chunk's index ({@link Series#snapshot(long, long, int,
     * boolean, boolean)} with {@code indexed}); not other private copies, which would build one
     * for a single read.
     */
    public boolean indexed(int i) {
        return indexed.get(i);
    }

    /** The range's start after retention. */
    public long from() {
        return from;
    }

    public long to() {
        return to;
    }

    /** Samples in the range: whole chunks by their count, only the boundary chunks are read. */
    public long count() {
        long n = 0;
        for (Chunk c : chunks) {
            if (c.firstTimestamp() >= from && c.lastTimestamp() <= to) {
                n += c.count();
            } else {
                SampleCursor cur = c.cursor(from, to);
                while (cur.next()) n++;
            }
        }
        return n;
    }

    /** The samples ascending or descending; each call gives an independent cursor. */
    public SampleCursor cursor(boolean ascending) {
        return new Chained(ascending);
    }

    /** One chunk's cursor after another. */
    private final class Chained implements SampleCursor {
        private final boolean ascending;
        private int nextChunk;
        private SampleCursor current;

        Chained(boolean ascending) {
            this.ascending = ascending;
        }

        @Override
        public boolean next() {
            while (current == null || !current.next()) {
                if (nextChunk == chunks.length) return false;
                Chunk c = chunks[ascending ? nextChunk : chunks.length - 1 - nextChunk];
                nextChunk++;
                current = ascending ? c.cursor(from, to) : c.reverseCursor(from, to);
            }
            return true;
        }

        @Override
        public long timestamp() { return current.timestamp(); }

        @Override
        public long valueBits() { return current.valueBits(); }

        @Override
        public byte[] blob() { return current.blob(); }

        @Override
        public int quality() { return current.quality(); }

        @Override
        public double doubleValue() { return current.doubleValue(); }
    }
}
