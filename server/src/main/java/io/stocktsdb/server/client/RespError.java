package io.stocktsdb.server.client;

/** An error reply ({@code -ERR ...}): the text after the dash. */
public record RespError(String message) {
    @Override
    public String toString() { return message; }
}
