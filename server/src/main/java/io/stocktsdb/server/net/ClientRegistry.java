package io.stocktsdb.server.net;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every connected client, for CLIENT LIST/KILL, max_connections and the idle sweep. */
public final class ClientRegistry {
    private final ConcurrentHashMap<Long, Client> clients = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    public long nextId() { return nextId.getAndIncrement(); }

    public void add(Client c) { clients.put(c.id(), c); }

    public void remove(Client c) { clients.remove(c.id()); }

    public int size() { return clients.size(); }

    public Client get(long id) { return clients.get(id); }

    /** Clients ordered by id, as CLIENT LIST shows them. */
    public List<Client> snapshot() {
        List<Client> all = new ArrayList<>(clients.values());
        all.sort(Comparator.comparingLong(Client::id));
        return all;
    }
}
