package io.stocktsdb.server.command.seed;

import io.stocktsdb.engine.chunk.SampleCursor;
import java.util.Arrays;

/**
 * The samples of a range read into primitive arrays, because a RESP array's length precedes its
 * elements and a second pass over the series could see concurrent writes.
 */
final class PointBuffer {
    long[] timestamps = new long[16];
    long[] valueBits = new long[16];
    int[] qualities = new int[16];
    byte[][] blobs = new byte[16][];
    int size;

    static PointBuffer drain(SampleCursor cur) {
        PointBuffer b = new PointBuffer();
        while (cur.next()) {
            if (b.size == b.timestamps.length) b.grow();
            b.timestamps[b.size] = cur.timestamp();
            b.valueBits[b.size] = cur.valueBits();
            b.qualities[b.size] = cur.quality();
            b.blobs[b.size] = cur.blob();
            b.size++;
        }
        return b;
    }

    private void grow() {
        int cap = timestamps.length * 2;
        timestamps = Arrays.copyOf(timestamps, cap);
        valueBits = Arrays.copyOf(valueBits, cap);
        qualities = Arrays.copyOf(qualities, cap);
        blobs = Arrays.copyOf(blobs, cap);
    }
}
