package io.stocktsdb.server;

import io.stocktsdb.server.config.ConfigField;
import io.stocktsdb.server.config.Settings;

/**
 * Moves the RESP listeners when CONFIG SET changes port, bind or tls-port: the new listener is
 * bound before the old one closes, and connections already accepted stay open, as in Redis.
 */
public interface ListenerControl {
    /** No listeners to move (a context without a network, e.g. in unit tests). */
    ListenerControl NONE = (current, next) -> { };

    /**
     * Binds what {@code next} asks for where it differs from {@code current}; on failure nothing
     * changed and {@link RebindException} names the setting and Redis's reason.
     */
    void rebind(Settings current, Settings next);

    /** A listener could not be moved; {@code field} is the setting Redis would name. */
    final class RebindException extends RuntimeException {
        private final ConfigField field;

        public RebindException(ConfigField field, String reason) {
            super(reason);
            this.field = field;
        }

        public ConfigField field() { return field; }
    }
}
