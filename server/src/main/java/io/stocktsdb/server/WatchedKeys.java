package io.stocktsdb.server;

import io.stocktsdb.engine.key.Key;
import io.stocktsdb.engine.keyspace.KeyChangeListener;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.net.Client;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * WATCH: which clients watch which keys. A change to a watched key (any write, deletion,
 * expiry, rename, deadline change, FLUSHALL of an existing key, a time-series write) marks its
 * watchers so that their EXEC answers a null array. With nobody watching, a change costs one
 * lookup in an empty map.
 */
public final class WatchedKeys implements KeyChangeListener {
    private final ConcurrentHashMap<Key, Set<Client>> watchers = new ConcurrentHashMap<>();

    public void watch(Client c, Key key) {
        if (c.watchedKeys().add(key)) watchers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(c);
    }

    /** UNWATCH, EXEC, DISCARD, RESET, disconnect: forgets the client's keys and its touched flag. */
    public void unwatchAll(Client c) {
        for (Key key : c.watchedKeys()) {
            watchers.computeIfPresent(key, (k, set) -> {
                set.remove(c);
                return set.isEmpty() ? null : set;
            });
        }
        c.watchedKeys().clear();
        c.watchTouched(false);
    }

    /** Clients watching at least one key (INFO clients watching_clients). */
    public int watchingClients() {
        Set<Client> distinct = new java.util.HashSet<>();
        for (Set<Client> set : watchers.values()) distinct.addAll(set);
        return distinct.size();
    }

    @Override
    public void changed(Key key) {
        if (watchers.isEmpty()) return;
        Set<Client> set = watchers.get(key);
        if (set != null) for (Client c : set) c.watchTouched(true);
    }

    /**
     * A time-series write ran: its keys count as touched, even when it answered an error, as
     * RedisTimeSeries opens them for writing and Redis signals every key a module closes after
     * opening it so (sample writes inside a series do not reach {@link #changed}).
     */
    public void touchKeys(CommandSpec spec, RespRequest req) {
        if (watchers.isEmpty() || spec.firstKey() <= 0) return;
        int last = spec.lastKey() < 0 ? req.argc() + spec.lastKey() : Math.min(spec.lastKey(), req.argc() - 1);
        for (int i = spec.firstKey(); i <= last; i += Math.max(1, spec.step())) changed(Key.of(req.bytes(i)));
    }

    @Override
    public void flushing(Predicate<Key> existing) {
        for (var e : watchers.entrySet()) {
            if (existing.test(e.getKey())) for (Client c : e.getValue()) c.watchTouched(true);
        }
    }
}
