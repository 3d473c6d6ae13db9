package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;
import io.stocktsdb.engine.series.RuleSpec;
import io.stocktsdb.engine.series.SeriesImage;
import io.stocktsdb.engine.series.SeriesOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The DUMP / RESTORE payload (not Redis's RDB format; it only has to round-trip on StockTSDB):
 * {@code [version u8 = 1][type u8][body][CRC32C u32 of every preceding byte]}, big-endian.
 * Layout in docs/storage-encoding.md ("DUMP payload").
 */
public final class DumpCodec {
    public static final int VERSION = 1;
    public static final int TYPE_STRING = 1;
    public static final int TYPE_SERIES = 2;
    private static final int TRAILER = 4;

    /** The payload's version or checksum is wrong (Redis: "DUMP payload version or checksum are wrong"). */
    public static final class BadPayloadException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadPayloadException(String message) {
            super(message, null, false, false);
        }
    }

    /** The payload is intact but its content cannot be loaded (Redis: "Bad data format"). */
    public static final class BadDataException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadDataException(String message) {
            super(message, null, false, false);
        }
    }

    private DumpCodec() {}

    public static byte[] encodeString(byte[] value) {
        return seal(new ByteWriter(value.length + 8).u8(VERSION).u8(TYPE_STRING).raw(value));
    }

    public static byte[] encodeSeries(SeriesImage image) {
        ByteWriter w = new ByteWriter(256).u8(VERSION).u8(TYPE_SERIES);
        SeriesOptionsCodec.write(w, image.options());
        RuleSpec src = image.sourceRule();
        if (src == null) {
            w.u8(0);
        } else {
            w.u8(1).bytes(src.destKey().bytes()).i32(src.aggregatorCode()).i64(src.bucketDuration()).i64(src.alignTimestamp());
        }
        w.i32(image.chunks().size());
        for (byte[] c : image.chunks()) w.bytes(c);
        return seal(w);
    }

    private static byte[] seal(ByteWriter w) {
        byte[] body = w.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body, 0, body.length);
        byte[] out = new byte[body.length + TRAILER];
        System.arraycopy(body, 0, out, 0, body.length);
        int v = (int) crc.getValue();
        for (int i = 0; i < TRAILER; i++) out[body.length + i] = (byte) (v >>> (24 - 8 * i));
        return out;
    }

    /** Checks version and checksum (what Redis's verifyDumpPayload does). */
    public static void verify(byte[] payload) throws BadPayloadException {
        if (payload.length < 2 + TRAILER) throw new BadPayloadException("payload of " + payload.length + " bytes");
        int end = payload.length - TRAILER;
        CRC32C crc = new CRC32C();
        crc.update(payload, 0, end);
        int stored = 0;
        for (int i = 0; i < TRAILER; i++) stored = (stored << 8) | (payload[end + i] & 0xFF);
        if ((int) crc.getValue() != stored) throw new BadPayloadException("checksum");
        if ((payload[0] & 0xFF) != VERSION) throw new BadPayloadException("version " + (payload[0] & 0xFF));
    }

    /** A verified payload's content: a {@code byte[]} string value or a {@link SeriesImage}. */
    public static Object decode(byte[] payload) throws BadPayloadException, BadDataException {
        verify(payload);
        ByteReader r = new ByteReader(payload, 1, payload.length - 1 - TRAILER);
        try {
            int type = r.u8();
            if (type == TYPE_STRING) return r.rest();
            if (type != TYPE_SERIES) throw new BadDataException("unknown type " + type);
            SeriesOptions options = SeriesOptionsCodec.read(r);
            RuleSpec sourceRule = null;
            int hasSource = r.u8();
            if (hasSource == 1) {
                if (options.sourceKey() == null) throw new BadDataException("source rule without a source key");
                sourceRule = new RuleSpec(io.stocktsdb.engine.key.Key.wrap(r.bytes()), r.i32(), r.i64(), r.i64(), null);
            } else if (hasSource != 0) {
                throw new BadDataException("bad source rule flag " + hasSource);
            }
            int n = r.i32();
            if (n < 0) throw new BadDataException("negative chunk count");
            List<byte[]> chunks = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) chunks.add(r.bytes());
            if (r.remaining() != 0) throw new BadDataException(r.remaining() + " trailing bytes");
            return new SeriesImage(options, sourceRule, chunks);
        } catch (StorageException | IllegalArgumentException e) {
            throw new BadDataException(e.getMessage());
        }
    }
}
