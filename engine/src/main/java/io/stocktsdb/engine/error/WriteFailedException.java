package io.stocktsdb.engine.error;

/**
 * The op log cannot write (a full disk): the message is the reason after Redis's
 * {@code MISCONF} prefix, e.g. "Errors writing to the op log: No space left on device". The
 * records stay queued and are written once a retry succeeds.
 */
public final class WriteFailedException extends StorageException {
    public WriteFailedException(String message) {
        super(message);
    }

    public WriteFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
