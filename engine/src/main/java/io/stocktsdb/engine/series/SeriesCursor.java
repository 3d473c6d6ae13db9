package io.stocktsdb.engine.series;

import io.stocktsdb.engine.chunk.ValueType;
import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.SampleCursor;

import java.util.Arrays;
import java.util.Map;

/**
 * Range cursor over a whole series, one chunk (or, descending, one stretch of a chunk) at a time.
 * Each refill takes the series lock, finds through the live chunk index the chunk holding the next
 * timestamp after the last one returned, and either copies that chunk's in-range samples
 * (in-memory chunks, which writers change) or decodes the shared disk copy, which never changes,
 * after the lock is released. Progress is
 * by timestamp, so concurrent writes never produce duplicates or disorder.
 */
final class SeriesCursor implements SampleCursor {
    private final Series series;
    private final boolean ascending;
    private final boolean isInt;
    private final long from;
    private final long to;
    /** Next timestamp bound still to visit: lower bound ascending, upper bound descending. */
    private long next;
    private boolean exhausted;

    private SampleCursor inner;
    private long[] ts = new long[0];
    private long[] values = new long[0];
    private byte[][] blobs = new byte[0][];
    private byte[] qualities = new byte[0];
    private int size;
    private int pos;
    private boolean fromBuffer;

    private long curTs;
    private long curValue;
    private byte[] curBlob;
    private int curQuality;

    SeriesCursor(Series series, long from, long to, boolean ascending, ValueType type) {
        this.series = series;
        this.ascending = ascending;
        this.isInt = type == ValueType.INT;
        this.from = from;
        this.to = to;
        this.next = ascending ? from : to;
        this.exhausted = from > to;
    }

    @Override
    public boolean next() {
        while (true) {
            if (inner != null) {
                if (inner.next()) {
                    curTs = inner.timestamp();
                    curValue = inner.valueBits();
                    curBlob = inner.blob();
                    curQuality = inner.quality();
                    return true;
                }
                inner = null;
            }
            if (fromBuffer && pos < size) {
                int i = ascending ? pos : size - 1 - pos; // the buffer is ascending: a descending cursor reads it backwards
                curTs = ts[i];
                curValue = values[i];
                curBlob = blobs[i];
                curQuality = qualities[i];
                blobs[i] = null;
                pos++;
                return true;
            }
            fromBuffer = false;
            if (exhausted) return false;
            refill();
        }
    }

    /**
     * Moves to the next chunk, or the next part of one. Descending reads decode ascending into
     * the buffer and return it back to front (a compressed chunk decodes only forwards), one
     * stretch at a time from the chunk's end ({@link Chunk#descendingStart}), so that a
     * REVRANGE ... COUNT decodes the newest samples, not the whole chunk. Ascending reads that
     * start inside a chunk start decoding near their start ({@link Chunk#index}).
     */
    private void refill() {
        Chunk chunk;
        boolean inMemory;
        long chunkFirst;
        long chunkLast;
        series.lock().lock();
        try {
            ChunkSlot s = ascending ? nextAscending() : nextDescending();
            if (s == null) {
                exhausted = true;
                return;
            }
            chunkFirst = s.firstTs;
            chunkLast = s.lastTs;
            inMemory = s.chunk != null;
            chunk = inMemory ? s.chunk : series.chunkOf(s);
            if (inMemory) { // changed by writers: read while the lock is held
                read(chunk, true, chunkFirst, chunkLast);
                return;
            }
        } finally {
            series.lock().unlock();
        }
        read(chunk, false, chunkFirst, chunkLast); // the shared disk copy, never changed
    }

    /** Reads the next part of {@code chunk} (spanning {@code first..last}) into the cursor and moves the bounds past it. */
    private void read(Chunk chunk, boolean inMemory, long first, long last) {
        if (ascending) {
            long lo = next;
            if (last == Long.MAX_VALUE || last >= to) exhausted = true;
            else next = last + 1;
            if (lo > first) chunk.index();
            SampleCursor c = chunk.cursor(lo, to);
            if (inMemory) copy(c);
            else inner = c;
            return;
        }
        long hi = next;
        long stop = chunk.descendingStart(hi);
        long lo = from;
        if (stop != Long.MIN_VALUE && stop >= from) {
            lo = stop + 1; // the samples at or before stop are read by the next refill
            next = stop;
        } else if (first == Long.MIN_VALUE || first <= from) {
            exhausted = true;
        } else {
            next = first - 1;
        }
        copy(chunk.cursor(lo, hi));
    }

    /** The first chunk (head included) with samples at or after {@code next}, if it starts by {@code to}. */
    private ChunkSlot nextAscending() {
        Map.Entry<Long, ChunkSlot> e = series.sealedSlots().floorEntry(next);
        ChunkSlot s = null;
        if (e != null && e.getValue().lastTs >= next) {
            s = e.getValue();
        } else {
            Map.Entry<Long, ChunkSlot> h = series.sealedSlots().higherEntry(next);
            if (h != null) s = h.getValue();
        }
        if (s == null) {
            ChunkSlot head = series.headSlot();
            if (head.count > 0 && head.lastTs >= next) s = head;
        }
        return s != null && s.firstTs <= to ? s : null;
    }

    /** The last chunk (head included) with samples at or before {@code next}, if it ends at or after {@code from}. */
    private ChunkSlot nextDescending() {
        ChunkSlot head = series.headSlot();
        ChunkSlot s = null;
        if (head.count > 0 && head.firstTs <= next) {
            s = head;
        } else {
            Map.Entry<Long, ChunkSlot> e = series.sealedSlots().floorEntry(next);
            if (e != null) s = e.getValue();
        }
        return s != null && s.lastTs >= from ? s : null;
    }

    private void copy(SampleCursor c) {
        size = 0;
        pos = 0;
        while (c.next()) {
            if (size == ts.length) grow();
            ts[size] = c.timestamp();
            values[size] = c.valueBits();
            byte[] b = c.blob();
            blobs[size] = b == null ? null : b.clone(); // cursors may reuse their buffer
            qualities[size] = (byte) c.quality();
            size++;
        }
        fromBuffer = true;
    }

    private void grow() {
        int n = Math.max(64, ts.length * 2);
        ts = Arrays.copyOf(ts, n);
        values = Arrays.copyOf(values, n);
        blobs = Arrays.copyOf(blobs, n);
        qualities = Arrays.copyOf(qualities, n);
    }

    @Override
    public long timestamp() { return curTs; }

    @Override
    public long valueBits() { return curValue; }

    @Override
    public byte[] blob() { return curBlob; }

    @Override
    public int quality() { return curQuality; }

    @Override
    public double doubleValue() {
        return isInt ? (double) curValue : Double.longBitsToDouble(curValue);
    }
}
