package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;

/**
 * The engine record, written with every checkpoint under {@link KeyCodec#engineRecordKey}
 * ({@link #NAME}): {@code version:u8 (=1) checkpointSeq:i64 nextSeriesId:i64}.
 */
public final class EngineRecordCodec {
    public static final String NAME = "checkpoint";
    public static final int VERSION = 1;

    private EngineRecordCodec() {}

    public static byte[] encode(long checkpointSeq, long nextSeriesId) {
        return new ByteWriter(17).u8(VERSION).i64(checkpointSeq).i64(nextSeriesId).toByteArray();
    }

    /** {checkpointSeq, nextSeriesId}. */
    public static long[] decode(byte[] value) {
        ByteReader r = new ByteReader(value);
        int v = r.u8();
        if (v != VERSION) throw new StorageException("unsupported engine record version " + v);
        return new long[] {r.i64(), r.i64()};
    }
}
