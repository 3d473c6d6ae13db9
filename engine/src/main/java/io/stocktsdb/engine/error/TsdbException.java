package io.stocktsdb.engine.error;

/**
 * The one unchecked exception for client-visible argument and query errors. The message is the
 * whole wire text (for example {@code "ERR TSDB: please provide at least one matcher"}); the
 * dispatcher sends it as an error reply unchanged. No stack trace: these are expected outcomes.
 */
public final class TsdbException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TsdbException(String wireMessage) {
        super(wireMessage, null, false, false);
    }

    /** The exact error text to send, prefix included. */
    public String wireMessage() {
        return getMessage();
    }
}
