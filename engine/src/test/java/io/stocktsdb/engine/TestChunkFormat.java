package io.stocktsdb.engine;

import io.stocktsdb.engine.chunk.Chunk;
import io.stocktsdb.engine.chunk.SampleCursor;
import io.stocktsdb.engine.chunk.UpsertResult;
import io.stocktsdb.engine.series.ChunkFormat;
import io.stocktsdb.engine.series.DuplicatePolicy;
import io.stocktsdb.engine.series.SeriesEncoding;
import io.stocktsdb.engine.series.ValueType;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Test double for the chunk implementations (which another branch provides): sorted arrays,
 * 17 bytes per numeric sample plus blob bytes, full duplicate-policy semantics.
 */
public class TestChunkFormat implements ChunkFormat {
    @Override
    public Chunk newChunk(ValueType type, SeriesEncoding encoding, int chunkSizeBytes) {
        return new ArrayChunk(type, chunkSizeBytes);
    }

    @Override
    public byte[] encode(Chunk chunk) {
        ArrayChunk c = (ArrayChunk) chunk;
        ByteBuffer b = ByteBuffer.allocate(16 + c.n * 21 + c.byteSize());
        b.put((byte) 7).put((byte) c.type.code()).putInt(c.capacity).putInt(c.n);
        for (int i = 0; i < c.n; i++) {
            b.putLong(c.ts[i]).putLong(c.vals[i]).put((byte) c.q[i]);
            if (c.blobs[i] == null) b.putInt(-1);
            else b.putInt(c.blobs[i].length).put(c.blobs[i]);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    @Override
    public Chunk decode(byte[] bytes, int offset, int length) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
        if (b.get() != 7) throw new IllegalStateException("bad test chunk");
        ArrayChunk c = new ArrayChunk(ValueType.ofCode(b.get()), b.getInt());
        int n = b.getInt();
        for (int i = 0; i < n; i++) {
            long t = b.getLong();
            long v = b.getLong();
            int q = b.get();
            int bl = b.getInt();
            byte[] blob = null;
            if (bl >= 0) {
                blob = new byte[bl];
                b.get(blob);
            }
            c.insertAt(c.n, t, v, blob, q);
        }
        return c;
    }

    @Override
    public Chunk splitIfOversized(Chunk chunk, int chunkSizeBytes) {
        ArrayChunk c = (ArrayChunk) chunk;
        if (c.byteSize() <= chunkSizeBytes * 1.2 || c.n < 2) return null;
        ArrayChunk upper = new ArrayChunk(c.type, c.capacity);
        int half = c.n / 2;
        for (int i = half; i < c.n; i++) upper.insertAt(upper.n, c.ts[i], c.vals[i], c.blobs[i], c.q[i]);
        c.truncate(half);
        return upper;
    }

    static final class ArrayChunk implements Chunk {
        final ValueType type;
        final int capacity;
        long[] ts = new long[8];
        long[] vals = new long[8];
        byte[][] blobs = new byte[8][];
        int[] q = new int[8];
        int n;
        int bytes = 16;

        ArrayChunk(ValueType type, int capacity) {
            this.type = type;
            this.capacity = capacity;
        }

        static int cost(byte[] blob) {
            return 17 + (blob == null ? 0 : blob.length + 4);
        }

        void insertAt(int i, long t, long v, byte[] blob, int quality) {
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vals = Arrays.copyOf(vals, n * 2);
                blobs = Arrays.copyOf(blobs, n * 2);
                q = Arrays.copyOf(q, n * 2);
            }
            System.arraycopy(ts, i, ts, i + 1, n - i);
            System.arraycopy(vals, i, vals, i + 1, n - i);
            System.arraycopy(blobs, i, blobs, i + 1, n - i);
            System.arraycopy(q, i, q, i + 1, n - i);
            ts[i] = t;
            vals[i] = v;
            blobs[i] = blob == null ? null : blob.clone();
            q[i] = quality;
            n++;
            bytes += cost(blob);
        }

        void truncate(int keep) {
            for (int i = keep; i < n; i++) {
                bytes -= cost(blobs[i]);
                blobs[i] = null;
            }
            n = keep;
        }

        @Override public ValueType valueType() { return type; }
        @Override public int count() { return n; }
        @Override public long firstTimestamp() { return ts[0]; }
        @Override public long lastTimestamp() { return ts[n - 1]; }
        @Override public int byteSize() { return bytes; }

        @Override
        public boolean append(long t, long v, byte[] blob, int quality) {
            if (n > 0 && bytes + cost(blob) > capacity) return false;
            insertAt(n, t, v, blob, quality);
            return true;
        }

        @Override
        public UpsertResult upsert(long t, long v, byte[] blob, int quality, DuplicatePolicy policy) {
            int i = Arrays.binarySearch(ts, 0, n, t);
            if (i < 0) {
                insertAt(-i - 1, t, v, blob, quality);
                return UpsertResult.ADDED;
            }
            switch (policy) {
                case BLOCK:
                    return UpsertResult.BLOCKED;
                case FIRST:
                    return UpsertResult.UPDATED;
                case LAST:
                    bytes += cost(blob) - cost(blobs[i]);
                    vals[i] = v;
                    blobs[i] = blob == null ? null : blob.clone();
                    q[i] = quality;
                    return UpsertResult.UPDATED;
                default:
                    vals[i] = merge(vals[i], v, policy);
                    q[i] = quality;
                    return UpsertResult.UPDATED;
            }
        }

        private long merge(long old, long v, DuplicatePolicy p) {
            if (type == ValueType.INT) {
                return p == DuplicatePolicy.SUM ? old + v : p == DuplicatePolicy.MIN ? Math.min(old, v) : Math.max(old, v);
            }
            double a = Double.longBitsToDouble(old);
            double b = Double.longBitsToDouble(v);
            double r = p == DuplicatePolicy.SUM ? a + b : p == DuplicatePolicy.MIN ? Math.min(a, b) : Math.max(a, b);
            return Double.doubleToRawLongBits(r);
        }

        @Override
        public int deleteRange(long from, long to) {
            int w = 0;
            int removed = 0;
            for (int r = 0; r < n; r++) {
                if (ts[r] >= from && ts[r] <= to) {
                    bytes -= cost(blobs[r]);
                    removed++;
                    continue;
                }
                ts[w] = ts[r];
                vals[w] = vals[r];
                blobs[w] = blobs[r];
                q[w] = q[r];
                w++;
            }
            for (int i = w; i < n; i++) blobs[i] = null;
            n = w;
            return removed;
        }

        @Override
        public SampleCursor cursor(long from, long to) {
            return new Cur(from, to, true);
        }

        @Override
        public SampleCursor reverseCursor(long from, long to) {
            return new Cur(from, to, false);
        }

        private final class Cur implements SampleCursor {
            private final long from;
            private final long to;
            private final boolean asc;
            private int i;

            Cur(long from, long to, boolean asc) {
                this.from = from;
                this.to = to;
                this.asc = asc;
                this.i = asc ? -1 : n;
            }

            @Override
            public boolean next() {
                while (true) {
                    i += asc ? 1 : -1;
                    if (i < 0 || i >= n) return false;
                    if (ts[i] < from) {
                        if (asc) continue;
                        return false;
                    }
                    if (ts[i] > to) {
                        if (asc) return false;
                        continue;
                    }
                    return true;
                }
            }

            @Override public long timestamp() { return ts[i]; }
            @Override public long valueBits() { return vals[i]; }
            @Override public byte[] blob() { return blobs[i]; }
            @Override public int quality() { return q[i]; }
            @Override public double doubleValue() { return type == ValueType.INT ? vals[i] : Double.longBitsToDouble(vals[i]); }
        }
    }
}
