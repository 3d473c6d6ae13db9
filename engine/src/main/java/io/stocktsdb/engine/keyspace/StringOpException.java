package io.stocktsdb.engine.keyspace;

/** A string command failed with a Redis error; {@link #getMessage()} is the exact reply text. */
public final class StringOpException extends RuntimeException {
    public static final StringOpException NOT_INTEGER = new StringOpException("ERR value is not an integer or out of range");
    public static final StringOpException OVERFLOW = new StringOpException("ERR increment or decrement would overflow");

    private StringOpException(String message) {
        super(message, null, false, false);
    }
}
