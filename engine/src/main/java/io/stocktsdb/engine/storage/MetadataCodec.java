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
    /** A string whose value is stored in parts ({@link BigValueStore}). */
    public static final int KIND_BIG_STRING = 3;

    /** A decoded series record; {@code expireAtMs} -1 = no deadline. */
    public record SeriesRecord(long seriesId, long persistedSeq, String business, SeriesOptions options, long expireAtMs) {}

    /** A decoded string record. */
    public record StringRecord(byte[] value, long expireAtMs) {}

    /** A decoded big string record: the value's id and length in the big-value store. */
    public record BigStringRecord(long valueId, long length, long expireAtMs) {}

    private MetadataCodec() {}

    public static byte[] encodeString(byte[] value, long expireAtMs) {
        return new ByteWriter(10 + value.length).u8(VERSION).u8(KIND_STRING).i64(expireAtMs).raw(value).toByteArray();
    }

    public static byte[] encodeBigString(long valueId, long length, long expireAtMs) {
        return new ByteWriter(26).u8(VERSION).u8(KIND_BIG_STRING).i64(expireAtMs).i64(valueId).i64(length).toByteArray();
    }

    /** The deadline (absolute ms) follows the options only when there is one, so older records read as "none". */
    public static byte[] encodeSeries(long seriesId, long persistedSeq, String business, SeriesOptions options, long expireAtMs) {
        return encodeSeries(seriesId, persistedSeq, business, encodeOptions(options), expireAtMs);
    }

    /**
     * As {@link #encodeSeries(long, long, String, SeriesOptions, long)} with the options already
     * encoded by {@link #encodeOptions} (checkpoints keep a series' encoding while its options
     * stay: a K-line bar series carries a dozen labels).
     */
    public static byte[] encodeSeries(long seriesId, long persistedSeq, String business, byte[] encodedOptions, long expireAtMs) {
        ByteWriter w = new ByteWriter(40 + business.length() + encodedOptions.length).u8(VERSION).u8(KIND_SERIES).i64(seriesId)
                .i64(persistedSeq).string(business).raw(encodedOptions);
        if (expireAtMs >= 0) w.i64(expireAtMs);
        return w.toByteArray();
    }

    /** The options part of a series record. */
    public static byte[] encodeOptions(SeriesOptions options) {
        ByteWriter w = new ByteWriter(128);
        SeriesOptionsCodec.write(w, options);
        return w.toByteArray();
    }

    /** Returns a {@link SeriesRecord}, a {@link StringRecord} or a {@link BigStringRecord}. */
    public static Object decode(byte[] value) {
        ByteReader r = new ByteReader(value);
        int version = r.u8();
        if (version != VERSION) throw new StorageException("unsupported metadata record version " + version);
        int kind = r.u8();
        if (kind == KIND_STRING) {
            long expireAt = r.i64();
            return new StringRecord(r.rest(), expireAt);
        }
        if (kind == KIND_BIG_STRING) {
            long expireAt = r.i64();
            return new BigStringRecord(r.i64(), r.i64(), expireAt);
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
