package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.series.SeriesOptions;

/**
 * Values of the metadata records (column family {@code default}, key = [slot][user key]), one per
 * key: {@code [version=1][kind][...]}. Layouts in docs/storage-encoding.md.
 */
public final class MetadataCodec {
    public static final int VERSION = 1;
    public static final int KIND_STRING = 1;
    public static final int KIND_SERIES = 2;

    /** A decoded series record; {@code expireAtMs} -1 = no deadline. */
    public record SeriesRecord(long seriesId, long persistedSeq, String business, SeriesOptions options, long expireAtMs) {}

    /** A decoded string record. */
    public record StringRecord(byte[] value, long expireAtMs) {}

    private MetadataCodec() {}

    public static byte[] encodeString(byte[] value, long expireAtMs) {
        return new ByteWriter(10 + value.length).u8(VERSION).u8(KIND_STRING).i64(expireAtMs).raw(value).toByteArray();
    }

    /** The deadline (absolute ms) follows the options only when there is one, so older records read as "none". */
    public static byte[] encodeSeries(long seriesId, long persistedSeq, String business, SeriesOptions options, long expireAtMs) {
        ByteWriter w = new ByteWriter(128).u8(VERSION).u8(KIND_SERIES).i64(seriesId).i64(persistedSeq).string(business);
        SeriesOptionsCodec.write(w, options);
        if (expireAtMs >= 0) w.i64(expireAtMs);
        return w.toByteArray();
    }

    /** Returns a {@link SeriesRecord} or a {@link StringRecord}. */
    public static Object decode(byte[] value) {
        ByteReader r = new ByteReader(value);
        int version = r.u8();
        if (version != VERSION) throw new StorageException("unsupported metadata record version " + version);
        int kind = r.u8();
        if (kind == KIND_STRING) {
            long expireAt = r.i64();
            return new StringRecord(r.rest(), expireAt);
        }
        if (kind == KIND_SERIES) {
            long id = r.i64();
            long seq = r.i64();
            String business = r.string();
            SeriesOptions options = SeriesOptionsCodec.read(r);
            long expireAt = r.remaining() >= 8 ? r.i64() : -1;
            return new SeriesRecord(id, seq, business, options, expireAt);
        }
        throw new StorageException("unknown metadata record kind " + kind);
    }
}
