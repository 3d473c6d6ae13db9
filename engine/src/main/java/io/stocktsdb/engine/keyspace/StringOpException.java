package io.stocktsdb.engine.keyspace;

import io.stocktsdb.engine.error.TsdbError;

/** A string command failed; {@link #error()} says why. Shared instances without a stack trace. */
public final class StringOpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final StringOpException NOT_INTEGER = new StringOpException(TsdbError.NOT_INTEGER);
    public static final StringOpException OVERFLOW = new StringOpException(TsdbError.OVERFLOW);

    private final TsdbError error;

    private StringOpException(TsdbError error) {
        super(error.name(), null, false, false);
        this.error = error;
    }

    public TsdbError error() { return error; }
}
