package io.stocktsdb.engine.error;

/**
 * A string operation hit a time series or a series operation hit a string. Thrown (never
 * returned) because it ends the command; one shared instance without a stack trace, so it costs
 * nothing. The server replies Redis's WRONGTYPE text (TS.* commands use their own wording).
 */
public final class WrongTypeException extends RuntimeException {
    public static final WrongTypeException INSTANCE = new WrongTypeException();

    private WrongTypeException() {
        super("WRONGTYPE", null, false, false);
    }
}
