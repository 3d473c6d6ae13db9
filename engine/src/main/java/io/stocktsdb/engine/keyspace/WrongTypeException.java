package io.stocktsdb.engine.keyspace;

/**
 * A string operation hit a time series or a series operation hit a string. Thrown (never
 * returned) because it ends the command; one shared instance without a stack trace, so it costs
 * nothing. The server replies {@link #MESSAGE} (TS.* commands use their own wording).
 */
public final class WrongTypeException extends RuntimeException {
    public static final String MESSAGE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final WrongTypeException INSTANCE = new WrongTypeException();

    private WrongTypeException() {
        super(MESSAGE, null, false, false);
    }
}
