package io.stocktsdb.server;

import io.stocktsdb.engine.Engine;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.config.ConfigField;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.EngineSettings;
import io.stocktsdb.server.config.Settings;
import io.stocktsdb.server.net.ClientRegistry;
import io.stocktsdb.server.stats.ServerStats;
import io.stocktsdb.server.stats.SlowLog;
import java.security.SecureRandom;
import java.util.HexFormat;

/** What every command handler may reach: settings, registries, statistics, storage. */
public final class ServerContext {
    private volatile Settings settings;
    private Engine engine;
    private final CommandRegistry registry = new CommandRegistry();
    private final Dispatcher dispatcher;
    private final ServerStats stats = new ServerStats();
    private final io.stocktsdb.server.info.InfoCommand info = new io.stocktsdb.server.info.InfoCommand();
    private final SlowLog slowLog = new SlowLog();
    private final ClientRegistry clients = new ClientRegistry();
    private final AccessControl acl = new AccessControl(this);
    private final MemoryGuard memory = new MemoryGuard(this);
    private final WatchedKeys watches = new WatchedKeys();
    private final PubSub pubsub = new PubSub();
    private final Monitors monitors = new Monitors();
    private final KeyspaceEvents keyspaceEvents = new KeyspaceEvents(this);
    private final Snapshots snapshots = new Snapshots(this);
    private final CommandHold commandHold = new CommandHold();
    private volatile boolean storageLost;
    private volatile boolean activeExpire = true;
    private final io.stocktsdb.server.command.TimestampUnits timestampUnits = new io.stocktsdb.server.command.TimestampUnits(
            () -> settings().businessTypes(), key -> engine().businessTypeOf(key));
    private final long startMillis = System.currentTimeMillis();
    private final String runId;
    private volatile String transportName = "unknown";
    private volatile int tcpPort;
    private volatile int tlsPort;
    private volatile Runnable shutdownRequest = () -> { };
    private volatile ListenerControl listeners = ListenerControl.NONE;
    private volatile ServerState state = ServerState.LOADING;
    private volatile io.stocktsdb.server.cluster.ClusterMode cluster;
    private volatile ReplicatedExecution replicatedExecution;
    private final java.util.List<java.util.function.Consumer<io.stocktsdb.server.net.Client>> closeListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public ServerContext(Settings settings) {
        this.settings = settings;
        this.dispatcher = new Dispatcher(this);
        this.replicatedExecution = ReplicatedExecution.local(dispatcher);
        byte[] r = new byte[20];
        new SecureRandom().nextBytes(r);
        this.runId = HexFormat.of().formatHex(r);
        onConnectionClosed(watches::unwatchAll);
        onConnectionClosed(pubsub::unsubscribeAll);
        onConnectionClosed(monitors::remove);
    }

    public Settings settings() { return settings; }

    public io.stocktsdb.server.info.InfoCommand info() { return info; }

    /** Opens the storage engine in {@code data_dir} and recovers it. */
    public void openStorage() {
        engine = Engine.open(EngineSettings.from(settings));
        engine.keyspace().setChangeListener(watches);
        engine.keyspace().setExpiryListener(key -> keyspaceEvents.notify(io.stocktsdb.server.config.KeyspaceEventFlags.EXPIRED, "expired", key.bytes()));
        snapshots.storageOpened();
    }

    /**
     * DEBUG RELOAD: with every client's commands held, the engine closes its store and opens it
     * again (recovery rebuilds memory); the listeners set at open stay. Throws when it failed:
     * check {@link #storageLost()}, since a store that could not be reopened cannot serve.
     */
    public void reloadStorage(boolean checkpoint) {
        commandHold.runHeld(() -> {
            try {
                engine.reload(checkpoint);
            } finally {
                storageLost = !engine.isOpen();
            }
        });
    }

    /** A reload could not reopen the store: nothing can be served (the server shuts down, exit status 1). */
    public boolean storageLost() { return storageLost; }

    /** Whether the active expiry cycle deletes keys past their deadline (DEBUG SET-ACTIVE-EXPIRE; on by default, as Redis). */
    public boolean activeExpire() { return activeExpire; }

    public void activeExpire(boolean on) { this.activeExpire = on; }

    /** Holds every client's commands for DEBUG RELOAD; off-loop command runners pass through it. */
    public CommandHold commandHold() { return commandHold; }

    /** Checkpoints and closes the storage engine. */
    public void closeStorage() {
        if (engine != null) engine.close();
    }

    public Engine engine() { return engine; }

    public boolean isDurable(long seq) {
        return engine.lastCommittedSeq() >= seq;
    }

    /** Returns once every write up to {@code seq} is in the op log (group commit). */
    public void awaitDurable(long seq) {
        engine.commit(seq);
    }

    /** Publishes new settings (CONFIG SET); listeners that cache values re-read on their next use. */
    public synchronized void updateSetting(ConfigField field, String text) {
        publishSettings(settings.with(field, text), java.util.List.of(field));
    }

    /**
     * Publishes settings validated as a whole (CONFIG SET with several parameters is all or
     * nothing), then lets the parts that cache a value pick up each changed one.
     */
    public synchronized void publishSettings(Settings next, java.util.Collection<ConfigField> changed) {
        settings = next;
        for (ConfigField field : changed) settingApplied(field);
    }

    private void settingApplied(ConfigField field) {
        if (field == ConfigFields.REQUIREPASS) acl.applyRequirepass(settings.getString(ConfigFields.REQUIREPASS));
        if (field == ConfigFields.ACLLOG_MAX_LEN) acl.log().trim(settings.getInt(ConfigFields.ACLLOG_MAX_LEN));
        if (field == ConfigFields.MAXMEMORY) memory.sample();
    }

    /** Users, permissions and the ACL log. */
    public AccessControl acl() { return acl; }

    /** The maxmemory check. */
    public MemoryGuard memory() { return memory; }

    /** SAVE/BGSAVE snapshots and their figures. */
    public Snapshots snapshots() { return snapshots; }

    /** WATCH bookkeeping. */
    public WatchedKeys watches() { return watches; }

    /** Pub/Sub channels, patterns and shard channels. */
    public PubSub pubsub() { return pubsub; }

    /** notify-keyspace-events publishing. */
    public KeyspaceEvents events() { return keyspaceEvents; }

    /** Connections in MONITOR mode. */
    public Monitors monitors() { return monitors; }

    public CommandRegistry registry() { return registry; }

    public Dispatcher dispatcher() { return dispatcher; }

    /** Each business's timestamp unit: "now" for commands that fill in the time, and mixing checks. */
    public io.stocktsdb.server.command.TimestampUnits timestampUnits() { return timestampUnits; }

    public ServerStats stats() { return stats; }

    public SlowLog slowLog() { return slowLog; }

    public ClientRegistry clients() { return clients; }

    public long startMillis() { return startMillis; }

    public String runId() { return runId; }

    public String transportName() { return transportName; }

    public void transportName(String name) { this.transportName = name; }

    public int tcpPort() { return tcpPort; }

    public void tcpPort(int port) { this.tcpPort = port; }

    /** The TLS listener's port, 0 when there is none. */
    public int tlsPort() { return tlsPort; }

    public void tlsPort(int port) { this.tlsPort = port; }

    /** Registers work to run on a connection's thread when it closes (e.g. flushing its batch). */
    public void onConnectionClosed(java.util.function.Consumer<io.stocktsdb.server.net.Client> listener) {
        closeListeners.add(listener);
    }

    public void connectionClosed(io.stocktsdb.server.net.Client client) {
        for (var l : closeListeners) l.accept(client);
    }

    /** Cluster mode's topology, roles and router; null on a standalone node. */
    public io.stocktsdb.server.cluster.ClusterMode cluster() { return cluster; }

    /** How commands this node serves run in cluster mode (replicated, or in place for single-member shards). */
    public ReplicatedExecution replicatedExecution() { return replicatedExecution; }

    /** Switches cluster mode on at start-up, before the listeners open. */
    public void cluster(io.stocktsdb.server.cluster.ClusterMode mode, ReplicatedExecution execution) {
        this.cluster = mode;
        this.replicatedExecution = execution;
    }

    public ServerState state() { return state; }

    public void state(ServerState s) { this.state = s; }

    /** The RESP listeners, moved by CONFIG SET port, bind and tls-port. */
    public ListenerControl listeners() { return listeners; }

    public void listeners(ListenerControl control) { this.listeners = control; }

    /** Asks the server to shut down gracefully (SHUTDOWN command). */
    public void requestShutdown() { shutdownRequest.run(); }

    public void onShutdownRequest(Runnable r) { this.shutdownRequest = r; }
}
