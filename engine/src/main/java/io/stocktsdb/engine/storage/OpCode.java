package io.stocktsdb.engine.storage;

import io.stocktsdb.engine.error.StorageException;

/**
 * Op-log record types. Codes are persisted. A structural op changes which object a key names
 * (create, delete, rename, string writes, flush); the others change one existing series.
 */
public enum OpCode {
    ADD(1, false),
    DEL_RANGE(2, false),
    CREATE_SERIES(3, true),
    ALTER_SERIES(4, false),
    DELETE_KEY(5, true),
    RENAME(6, true),
    SET_STRING(7, true),
    FLUSH_ALL(8, true),
    RESTORE_SERIES(9, true),
    SET_EXPIRY(10, true),
    SET_BIG_STRING(11, true),
    /** Samples of many series in one record (TS.MADD), one seq per sample: see {@link OpCodec#writeRunSample}. */
    ADD_RUN(12, false),
    /** A K-line bar: one sample at one timestamp in each of several series (by id), one seq for all. */
    BAR_ROW(13, false);

    private final int code;
    private final boolean structural;

    OpCode(int code, boolean structural) {
        this.code = code;
        this.structural = structural;
    }

    public int code() { return code; }

    public boolean structural() { return structural; }

    public static OpCode ofCode(int code) {
        for (OpCode c : values()) if (c.code == code) return c;
        throw new StorageException("unknown op code " + code);
    }
}
