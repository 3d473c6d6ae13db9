package io.stocktsdb.server;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyType;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandKeys;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.commanddocs.CommandDoc;
import io.stocktsdb.server.commanddocs.KeySpec;
import io.stocktsdb.server.commanddocs.KeySpec.KeyFlag;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.KeyspaceEventFlags;
import io.stocktsdb.server.config.Settings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keyspace notifications (Redis's notifyKeyspaceEvent): when {@code notify-keyspace-events}
 * enables the event's class, {@code __keyspace@0__:<key>} receives the event name and
 * {@code __keyevent@0__:<event>} the key. Costs one comparison when the class is off or nobody
 * subscribes to anything.
 *
 * <p>Key misses ('m') and new keys ('n') are found around each command by its key specs: a key
 * the command reads that does not exist is a {@code keymiss} (before the command runs, as Redis
 * looks keys up first); a key it may create that did not exist and exists afterwards is
 * {@code new}, sent just before the command's first event on that key (as Redis's dbAdd); a key a
 * command replaces whole is {@code overwritten} ('o', plus {@code type_changed} 'c' when its
 * type changed), before SET's event or after RENAME's, COPY's and RESTORE's, as Redis 8.2.
 */
public final class KeyspaceEvents {
    private static final byte[] KEYSPACE_PREFIX = "__keyspace@0__:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYEVENT_PREFIX = "__keyevent@0__:".getBytes(StandardCharsets.US_ASCII);

    private final ServerContext server;
    private volatile Settings parsedFrom;
    private volatile int flags;
    /** Keys the running command (on this thread) may create and that did not exist before it. */
    private final ThreadLocal<Set<ByteBuffer>> mayBeCreated = ThreadLocal.withInitial(HashSet::new);
    /** Keys the running command may overwrite, with their types before it ran. */
    private final ThreadLocal<Map<ByteBuffer, KeyType>> mayBeOverwritten = ThreadLocal.withInitial(HashMap::new);
    /** Of those, the ones the command announced an event on (RENAME, COPY, RESTORE: overwritten after the command). */
    private final ThreadLocal<Map<ByteBuffer, KeyType>> overwritten = ThreadLocal.withInitial(HashMap::new);
    private final ThreadLocal<Map<ByteBuffer, KeyType>> touchedAfter = ThreadLocal.withInitial(HashMap::new);
    private static final int OVERWRITE_CLASSES = KeyspaceEventFlags.OVERWRITTEN | KeyspaceEventFlags.TYPE_CHANGED;

    KeyspaceEvents(ServerContext server) { this.server = server; }

    /** Whether an event of class {@code type} would be published now (to skip work that only an event needs). */
    public boolean enabled(int type) {
        return (currentFlags() & type) != 0 && server.pubsub().hasListeners();
    }

    /** Publishes {@code event} on {@code key} if its class ({@link KeyspaceEventFlags}) is enabled. */
    public void notify(int type, String event, byte[] key) {
        int f = currentFlags();
        if ((f & KeyspaceEventFlags.NEW) != 0) announceIfCreated(f, key);
        if ((f & OVERWRITE_CLASSES) != 0) noteOverwrite(f, key);
        if ((f & type) == 0 || !server.pubsub().hasListeners()) return;
        publish(f, event, key);
    }

    /** Before a command runs: key misses now, and the keys it may create noted for 'new'. */
    public void beforeCommand(CommandSpec spec, RespRequest req) {
        int f = currentFlags();
        boolean overwrites = (f & OVERWRITE_CLASSES) != 0 && spec.doc().overwrite() != null;
        if (((f & (KeyspaceEventFlags.KEY_MISS | KeyspaceEventFlags.NEW)) == 0 && !overwrites) || spec.doc().keySpecs().isEmpty()
                || !server.pubsub().hasListeners()) {
            return;
        }
        List<byte[]> argv = new ArrayList<>(req.argc());
        for (int i = 0; i < req.argc(); i++) argv.add(req.bytes(i));
        List<KeySpec.KeyRef> keys = CommandKeys.find(spec, argv);
        if (keys == null) return; // the command reports the syntax error
        for (KeySpec.KeyRef k : keys) {
            byte[] key = argv.get(k.position());
            if (server.engine().keyspace().exists(Key.wrap(key))) {
                if (overwrites && (k.flags().contains(KeyFlag.OW)
                        || (spec.doc().overwrite() == CommandDoc.Overwrite.BEFORE && k.flags().contains(KeyFlag.UPDATE)))) {
                    (spec.doc().overwrite() == CommandDoc.Overwrite.BEFORE ? mayBeOverwritten : overwritten).get()
                            .put(ByteBuffer.wrap(key), server.engine().keyspace().type(Key.wrap(key)));
                }
                continue;
            }
            if ((f & KeyspaceEventFlags.KEY_MISS) != 0 && reads(spec, k.flags())) publish(f, "keymiss", key);
            if ((f & KeyspaceEventFlags.NEW) != 0 && (k.flags().contains(KeyFlag.INSERT) || k.flags().contains(KeyFlag.UPDATE))) {
                mayBeCreated.get().add(ByteBuffer.wrap(key));
            }
        }
    }

    /**
     * After a command: 'new' for a created key the command sent no event about; 'overwritten' (and
     * 'type_changed') for a key RENAME, COPY or RESTORE replaced, after their own events as in Redis.
     */
    public void afterCommand() {
        int f = currentFlags();
        if ((f & KeyspaceEventFlags.NEW) != 0) {
            Set<ByteBuffer> pending = mayBeCreated.get();
            if (!pending.isEmpty()) {
                for (ByteBuffer key : List.copyOf(pending)) announceIfCreated(f, key.array());
                pending.clear();
            }
        }
        if ((f & OVERWRITE_CLASSES) != 0) {
            mayBeOverwritten.get().clear(); // SET NX on an existing key, a refused command: nothing was overwritten
            Map<ByteBuffer, KeyType> after = touchedAfter.get();
            for (Map.Entry<ByteBuffer, KeyType> e : after.entrySet()) announceOverwrite(f, e.getKey().array(), e.getValue());
            after.clear();
            overwritten.get().clear();
        }
    }

    /** On the command's event about {@code key}: 'overwritten' now (SET...) or once the command ends (RENAME...). */
    private void noteOverwrite(int f, byte[] key) {
        ByteBuffer k = ByteBuffer.wrap(key);
        Map<ByteBuffer, KeyType> before = mayBeOverwritten.get();
        KeyType old = before.isEmpty() ? null : before.remove(k);
        if (old != null) {
            announceOverwrite(f, key, old);
            return;
        }
        Map<ByteBuffer, KeyType> later = overwritten.get();
        old = later.isEmpty() ? null : later.remove(k);
        if (old != null) touchedAfter.get().put(k, old);
    }

    private void announceOverwrite(int f, byte[] key, KeyType before) {
        if (!server.pubsub().hasListeners()) return;
        if ((f & KeyspaceEventFlags.OVERWRITTEN) != 0) publish(f, "overwritten", key);
        if ((f & KeyspaceEventFlags.TYPE_CHANGED) != 0 && server.engine().keyspace().type(Key.wrap(key)) != before) {
            publish(f, "type_changed", key);
        }
    }

    /** Whether 'new' events would be heard now. */
    public boolean isNewKeyWatched() {
        return (currentFlags() & KeyspaceEventFlags.NEW) != 0 && server.pubsub().hasListeners();
    }

    /** Sends 'new' for a key just created outside a command's key specs (a batch flush). */
    public void created(byte[] key) {
        int f = currentFlags();
        if ((f & KeyspaceEventFlags.NEW) == 0) return;
        mayBeCreated.get().remove(ByteBuffer.wrap(key)); // announced here, not again by the command's own event
        if (server.pubsub().hasListeners()) publish(f, "new", key);
    }

    /**
     * RENAME, COPY and RESTORE add their destination as Redis's dbAdd does, deleting a key already
     * there first: 'new' even over an existing key, before the command's own events (Redis sends
     * it from dbAdd, ahead of rename_from, copy_to or restore).
     */
    public void added(byte[] key) {
        int f = currentFlags();
        if ((f & KeyspaceEventFlags.NEW) == 0) return;
        mayBeCreated.get().remove(ByteBuffer.wrap(key));
        if (server.engine().keyspace().exists(Key.wrap(key)) && server.pubsub().hasListeners()) publish(f, "new", key);
    }

    /** RESTORE REPLACE with a deadline already past: Redis deletes the key and sends 'del' only (no 'overwritten'). */
    public void deletedByRestore(byte[] key) {
        overwritten.get().remove(ByteBuffer.wrap(key));
        notify(KeyspaceEventFlags.GENERIC, "del", key);
    }

    private void announceIfCreated(int f, byte[] key) {
        Set<ByteBuffer> pending = mayBeCreated.get();
        if (pending.isEmpty() || !pending.remove(ByteBuffer.wrap(key))) return;
        if (server.engine().keyspace().exists(Key.wrap(key)) && server.pubsub().hasListeners()) publish(f, "new", key);
    }

    /** Whether a command reads {@code flags}' key, so that its absence is a key miss. */
    private static boolean reads(CommandSpec spec, Set<KeyFlag> flags) {
        return flags.contains(KeyFlag.RO) || (flags.contains(KeyFlag.ACCESS) && !spec.doc().writeLookup());
    }

    private void publish(int f, String event, byte[] key) {
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
