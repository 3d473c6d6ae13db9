package io.stocktsdb.server.config;

/** A configuration problem that stops start-up; the message names the field. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
