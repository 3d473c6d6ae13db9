package io.stocktsdb.server.command;

/**
 * An argument or state error a handler reports; the dispatcher replies {@code -<message>}.
 * Thrown only on the error path, so it carries no stack trace.
 */
public final class CommandException extends RuntimeException {
    public CommandException(String wireMessage) {
        super(wireMessage, null, false, false);
    }
}
