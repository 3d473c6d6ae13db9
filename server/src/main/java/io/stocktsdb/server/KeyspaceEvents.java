package io.stocktsdb.server;

import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.KeyspaceEventFlags;
import io.stocktsdb.server.config.Settings;
import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications (Redis's notifyKeyspaceEvent): when {@code notify-keyspace-events}
 * enables the event's class, {@code __keyspace@0__:<key>} receives the event name and
 * {@code __keyevent@0__:<event>} the key. Costs one comparison when the class is off or nobody
 * subscribes to anything.
 */
public final class KeyspaceEvents {
    private static final byte[] KEYSPACE_PREFIX = "__keyspace@0__:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYEVENT_PREFIX = "__keyevent@0__:".getBytes(StandardCharsets.US_ASCII);

    private final ServerContext server;
    private volatile Settings parsedFrom;
    private volatile int flags;

    KeyspaceEvents(ServerContext server) { this.server = server; }

    /** Whether an event of class {@code type} would be published now (to skip work that only an event needs). */
    public boolean enabled(int type) {
        return (currentFlags() & type) != 0 && server.pubsub().hasListeners();
    }

    /** Publishes {@code event} on {@code key} if its class ({@link KeyspaceEventFlags}) is enabled. */
    public void notify(int type, String event, byte[] key) {
        int f = currentFlags();
        if ((f & type) == 0 || !server.pubsub().hasListeners()) return;
        byte[] name = event.getBytes(StandardCharsets.US_ASCII);
        if ((f & KeyspaceEventFlags.KEYSPACE) != 0) server.pubsub().publish(concat(KEYSPACE_PREFIX, key), name);
        if ((f & KeyspaceEventFlags.KEYEVENT) != 0) server.pubsub().publish(concat(KEYEVENT_PREFIX, name), key);
    }

    /** The flags of the current settings; re-read only when CONFIG SET published new settings. */
    private int currentFlags() {
        Settings s = server.settings();
        if (s != parsedFrom) {
            flags = s.getInt(ConfigFields.NOTIFY_KEYSPACE_EVENTS);
            parsedFrom = s;
        }
        return flags;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
