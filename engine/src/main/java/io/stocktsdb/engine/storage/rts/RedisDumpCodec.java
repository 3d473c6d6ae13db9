package io.stocktsdb.engine.storage.rts;

import io.stocktsdb.engine.series.SeriesImage;
import io.stocktsdb.engine.storage.DumpCodec;

/**
 * RESTORE of payloads made by Redis's own DUMP: a string (RDB type 0) or a RedisTimeSeries series
 * (RDB type 7, a module value of type "TSDB-TYPE", RedisTimeSeries 1.x to 8.x). Redis's framing is
 * {@code [RDB type u8][value][RDB version u16 LE][CRC-64 u64 LE of every preceding byte]}; as in
 * Redis, a wrong version or checksum is a {@link DumpCodec.BadPayloadException} and an intact
 * payload that cannot be loaded a {@link DumpCodec.BadDataException}. The series layout is
 * described on {@link RtsSeriesReader}.
 */
public final class RedisDumpCodec {
    /** The newest RDB version this decoder reads (Redis 7.4 to 8.2 write 12). */
    public static final int MAX_RDB_VERSION = 12;
    static final int RDB_TYPE_STRING = 0;
    static final int RDB_TYPE_MODULE_2 = 7;
    static final String RTS_MODULE_TYPE = "TSDB-TYPE";
    private static final int FOOTER = 10;
    private static final String MODULE_NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private RedisDumpCodec() {}

    /**
     * Whether {@code payload} is framed as Redis frames DUMP output rather than as StockTSDB's own
     * format (whose first byte is its version, {@link DumpCodec#VERSION}, never a Redis type we read).
     */
    public static boolean isRedisFramed(byte[] payload) {
        if (payload.length < FOOTER + 1) return false;
        int type = payload[0] & 0xFF;
        return type == RDB_TYPE_STRING || type == RDB_TYPE_MODULE_2;
    }

    /** A verified payload's content: a {@code byte[]} string value or a {@link SeriesImage}. */
    public static Object decode(byte[] payload) throws DumpCodec.BadPayloadException, DumpCodec.BadDataException {
        verify(payload);
        RdbReader in = new RdbReader(payload, 1, payload.length - FOOTER);
        try {
            int type = payload[0] & 0xFF;
            if (type == RDB_TYPE_STRING) return in.string();
            if (type != RDB_TYPE_MODULE_2) throw new DumpCodec.BadDataException("RDB type " + type + " is not supported");
            long id = in.moduleId();
            String name = moduleTypeName(id);
            if (!RTS_MODULE_TYPE.equals(name)) throw new DumpCodec.BadDataException("module type " + name + " is not supported");
            SeriesImage image = RtsSeriesReader.read(in, (int) (id & 1023));
            in.moduleEof();
            return image;
        } catch (IllegalArgumentException e) {
            throw new DumpCodec.BadDataException(e.getMessage());
        }
    }

    /** Redis's verifyDumpPayload: the RDB version is one we read and the CRC-64 matches. */
    static void verify(byte[] payload) throws DumpCodec.BadPayloadException {
        if (payload.length < FOOTER) throw new DumpCodec.BadPayloadException("payload of " + payload.length + " bytes");
        int end = payload.length - 8;
        int rdbVersion = (payload[end - 2] & 0xFF) | (payload[end - 1] & 0xFF) << 8;
        if (rdbVersion > MAX_RDB_VERSION) throw new DumpCodec.BadPayloadException("RDB version " + rdbVersion);
        long stored = 0;
        for (int i = 7; i >= 0; i--) stored = (stored << 8) | (payload[end + i] & 0xFF);
        if (Crc64.of(payload, 0, end) != stored) throw new DumpCodec.BadPayloadException("checksum");
    }

    /** The nine-character name in a module type id (6 bits per character, then 10 bits of encoding version). */
    static String moduleTypeName(long id) {
        char[] name = new char[9];
        long bits = id >>> 10;
        for (int i = 8; i >= 0; i--) {
            name[i] = MODULE_NAME_CHARS.charAt((int) (bits & 63));
            bits >>>= 6;
        }
        return new String(name);
    }

    /** The module type id of {@code name} (nine characters of the module charset) at {@code encver}. */
    static long moduleTypeId(String name, int encver) {
        if (name.length() != 9 || encver < 0 || encver > 1023) throw new IllegalArgumentException("module type " + name + "/" + encver);
        long id = 0;
        for (int i = 0; i < 9; i++) {
            int c = MODULE_NAME_CHARS.indexOf(name.charAt(i));
            if (c < 0) throw new IllegalArgumentException("module type " + name);
            id = (id << 6) | c;
        }
        return (id << 10) | encver;
    }
}
