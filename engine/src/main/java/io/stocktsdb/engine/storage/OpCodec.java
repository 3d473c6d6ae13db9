package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.chunk.DuplicatePolicy;
import io.stocktsdb.engine.series.SeriesOptions;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary op-log records: {@code [version=1][op code][payload]}, big-endian, keys and blobs as
 * u32 length + bytes (blob: i32, -1 = none). Layouts in docs/storage-encoding.md. ADD is also
 * encodable straight into a ByteBuffer without allocating, for the ingest path.
 */
public final class OpCodec {
    public static final int VERSION = 1;

    private OpCodec() {}

    /** Most series a {@link Op.BarRow} holds (its count is a u8). */
    public static final int BAR_ROW_MAX = 255;

    /** Exact encoded size of an ADD record. */
    public static int addSize(Key key, byte[] blob) {
        return 2 + 4 + key.length() + 8 + 8 + 4 + (blob == null ? 0 : blob.length) + 1 + 1;
    }

    /** Writes an ADD record at the buffer's position (which advances); allocation-free. */
    public static void writeAdd(ByteBuffer out, Key key, long ts, long valueBits, byte[] blob, int quality, DuplicatePolicy policy) {
        out.put((byte) VERSION).put((byte) OpCode.ADD.code());
        out.putInt(key.length()).put(key.bytes());
        out.putLong(ts).putLong(valueBits);
        if (blob == null) {
            out.putInt(-1);
        } else {
            out.putInt(blob.length).put(blob);
        }
        out.put((byte) quality).put((byte) policy.code());
    }

    /** Bytes of an ADD_RUN record before its samples: version, code, count u32, quality u8. */
    static final int RUN_HEADER_BYTES = 7;
    /** Most bytes one ADD_RUN sample takes: two 10-byte varints, the value and the policy. */
    static final int RUN_SAMPLE_MAX_BYTES = 29;

    /**
     * Writes an ADD_RUN header with a count of 0 (set by {@link #setRunCount} when the run ends).
     * Layout: {@code [version][12][count u32][quality u8]} then per sample
     * {@code [series id varint][zigzag(ts - previous sample's ts, the first's against 0) varint][valueBits i64][policy u8]}.
     */
    static void writeRunHeader(ByteBuffer out, int quality) {
        out.put((byte) VERSION).put((byte) OpCode.ADD_RUN.code()).putInt(0).put((byte) quality);
    }

    static void writeRunSample(ByteBuffer out, long seriesId, long tsDelta, long valueBits, DuplicatePolicy policy) {
        putVarint(out, seriesId);
        putVarint(out, (tsDelta << 1) ^ (tsDelta >> 63));
        out.putLong(valueBits).put((byte) policy.code());
    }

    /** Sets the count of the ADD_RUN record starting at absolute index {@code recordStart}. */
    static void setRunCount(ByteBuffer out, int recordStart, int count) {
        out.putInt(recordStart + 2, count);
    }

    /** The last seq the record at {@code [off, off + len)} covers when its first is {@code seq}: more than seq only for ADD_RUN. */
    static long lastSeq(ByteBuffer buf, int off, int len, long seq) {
        if (len < RUN_HEADER_BYTES || buf.get(off + 1) != (byte) OpCode.ADD_RUN.code()) return seq;
        return seq + Math.max(0, buf.getInt(off + 2) - 1);
    }

    /** As {@link #lastSeq(ByteBuffer, int, int, long)} over a stored value. */
    public static long lastSeq(byte[] bytes, int off, int len, long seq) {
        return lastSeq(ByteBuffer.wrap(bytes), off, len, seq);
    }

    private static void putVarint(ByteBuffer out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static byte[] encodeRun(Op.AddRun run) {
        ByteBuffer b = ByteBuffer.allocate(RUN_HEADER_BYTES + run.count() * RUN_SAMPLE_MAX_BYTES);
        writeRunHeader(b, run.quality());
        long prev = 0;
        for (int i = 0; i < run.count(); i++) {
            writeRunSample(b, run.seriesIds()[i], run.ts()[i] - prev, run.valueBits()[i], run.policies()[i]);
            prev = run.ts()[i];
        }
        setRunCount(b, 0, run.count());
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private static Op.AddRun decodeRun(ByteReader r) {
        int n = r.i32();
        int quality = r.u8();
        if (n < 0 || n > r.remaining() / 10) throw new StorageException("corrupt record: run of " + n + " samples");
        long[] ids = new long[n];
        long[] ts = new long[n];
        long[] values = new long[n];
        DuplicatePolicy[] policies = new DuplicatePolicy[n];
        long prev = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = r.varint();
            long zz = r.varint();
            prev += (zz >>> 1) ^ -(zz & 1);
            ts[i] = prev;
            values[i] = r.i64();
            policies[i] = DuplicatePolicy.ofCode(r.u8());
        }
        return new Op.AddRun(ids, ts, values, policies, quality);
    }

    public static byte[] encode(Op op) {
        if (op instanceof Op.AddRun run) return encodeRun(run);
        // a string's value can be huge: size it exactly so it is copied once
        ByteWriter w = new ByteWriter(op instanceof Op.SetString s ? 2 + 4 + s.key().length() + 8 + 4 + s.value().length : 64);
        w.u8(VERSION).u8(op.code().code());
        if (op instanceof Op.Add a) {
            w.bytes(a.key().bytes()).i64(a.ts()).i64(a.valueBits()).nullableBytes(a.blob()).u8(a.quality()).u8(a.policy().code());
        } else if (op instanceof Op.DeleteRange d) {
            w.bytes(d.key().bytes()).i64(d.from()).i64(d.to());
        } else if (op instanceof Op.BarRow row) {
            w.u8(row.seriesIds().length).i64(row.ts()).u8(row.quality()).u8(row.policy().code());
            for (int i = 0; i < row.seriesIds().length; i++) w.i64(row.seriesIds()[i]).i64(row.valueBits()[i]);
        } else if (op instanceof Op.CreateSeries c) {
            w.bytes(c.key().bytes()).i64(c.seriesId()).string(c.business());
            SeriesOptionsCodec.write(w, c.options());
        } else if (op instanceof Op.AlterSeries a) {
            w.bytes(a.key().bytes());
            SeriesOptionsCodec.write(w, a.options());
        } else if (op instanceof Op.DeleteKey d) {
            w.bytes(d.key().bytes());
        } else if (op instanceof Op.Rename r) {
            w.bytes(r.src().bytes()).bytes(r.dst().bytes());
        } else if (op instanceof Op.SetString s) {
            w.bytes(s.key().bytes()).i64(s.expireAtMs()).bytes(s.value());
        } else if (op instanceof Op.RestoreSeries rs) {
            w.bytes(rs.key().bytes()).i64(rs.seriesId()).string(rs.business());
            SeriesOptionsCodec.write(w, rs.options());
            w.i32(rs.chunks().size());
            for (byte[] c : rs.chunks()) w.bytes(c);
        } else if (op instanceof Op.SetBigString b) {
            w.bytes(b.key().bytes()).i64(b.expireAtMs()).i64(b.valueId()).i64(b.length());
        } else if (op instanceof Op.SetExpiry x) {
            w.bytes(x.key().bytes()).i64(x.expireAtMs());
        } else if (!(op instanceof Op.FlushAll)) {
            throw new IllegalArgumentException("unknown op " + op);
        }
        return w.toByteArray();
    }

    public static Op decode(byte[] record) {
        ByteReader r = new ByteReader(record);
        int version = r.u8();
        if (version != VERSION) throw new StorageException("unsupported op record version " + version);
        OpCode code = OpCode.ofCode(r.u8());
        switch (code) {
            case ADD:
                return new Op.Add(key(r), r.i64(), r.i64(), r.nullableBytes(), r.u8(), DuplicatePolicy.ofCode(r.u8()));
            case ADD_RUN:
                return decodeRun(r);
            case DEL_RANGE:
                return new Op.DeleteRange(key(r), r.i64(), r.i64());
            case BAR_ROW: {
                int n = r.u8();
                long ts = r.i64();
                int quality = r.u8();
                DuplicatePolicy policy = DuplicatePolicy.ofCode(r.u8());
                long[] ids = new long[n];
                long[] bits = new long[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = r.i64();
                    bits[i] = r.i64();
                }
                return new Op.BarRow(ts, ids, bits, quality, policy);
            }
            case CREATE_SERIES: {
                Key k = key(r);
                long id = r.i64();
                String business = r.string();
                SeriesOptions o = SeriesOptionsCodec.read(r);
                return new Op.CreateSeries(k, id, business, o);
            }
            case ALTER_SERIES: {
                Key k = key(r);
                return new Op.AlterSeries(k, SeriesOptionsCodec.read(r));
            }
            case DELETE_KEY:
                return new Op.DeleteKey(key(r));
            case RENAME:
                return new Op.Rename(key(r), key(r));
            case SET_STRING: {
                Key k = key(r);
                long expireAt = r.i64();
                return new Op.SetString(k, r.bytes(), expireAt);
            }
            case SET_BIG_STRING: {
                Key k = key(r);
                long expireAt = r.i64();
                return new Op.SetBigString(k, r.i64(), r.i64(), expireAt);
            }
            case FLUSH_ALL:
                return new Op.FlushAll();
            case SET_EXPIRY:
                return new Op.SetExpiry(key(r), r.i64());
            case RESTORE_SERIES: {
                Key k = key(r);
                long id = r.i64();
                String business = r.string();
                SeriesOptions o = SeriesOptionsCodec.read(r);
                int n = r.i32();
                if (n < 0) throw new StorageException("corrupt record: negative chunk count " + n);
                List<byte[]> chunks = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) chunks.add(r.bytes());
                return new Op.RestoreSeries(k, id, business, o, chunks);
            }
            default:
                throw new StorageException("unhandled op code " + code);
        }
    }

    private static Key key(ByteReader r) {
        return Key.wrap(r.bytes());
    }
}
