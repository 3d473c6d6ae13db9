package io.stocktsdb.server.net;

import io.stocktsdb.engine.key.Key;

import io.netty.channel.Channel;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.acl.AclUser;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one client connection: identity, protocol, authentication, transaction queue,
 * and the writer its replies go through. Touched only by the connection's event-loop thread,
 * except for the fields CLIENT LIST / CLIENT KILL read from other connections (volatile).
 */
public final class Client {
    private final long id;
    private final Channel channel;
    private final RespWriter out = new RespWriter();
    private final long createdAtMillis = System.currentTimeMillis();
    private final String peer;
    private final String local;

    private volatile String name;
    private volatile String libName;
    private volatile String libVersion;
    private volatile boolean authenticated;
    private volatile AclUser user;
    private volatile long lastInteractionMillis = createdAtMillis;
    private volatile String lastCommand = "NULL";
    private volatile boolean inMulti;
    private volatile boolean noEvict;
    private volatile int queryBufferBytes;
    private List<byte[][]> queued;
    private boolean multiFailed;
    private boolean queuedDenyOom;
    private final java.util.Set<io.stocktsdb.engine.key.Key> watched = new java.util.HashSet<>();
    private volatile boolean watchTouched;
    private long recordedErrors;
    private long pendingSeq;
    private java.util.function.LongSupplier beforeCommit;
    private boolean closeAfterReply;
    private Object seedBatch;
    private volatile long outputSoftLimitSinceMillis;
    private DeferredReplies deferredReplies;
    private final io.stocktsdb.server.cluster.ConnectionRouting routing = new io.stocktsdb.server.cluster.ConnectionRouting();
    private final Subscriptions subscriptions = new Subscriptions();
    private volatile PushSink pushSink;
    private volatile boolean monitor;
    private ReplyMode replyMode = ReplyMode.ON;
    private final ClientBuffers buffers = new ClientBuffers();

    /** A new connection running as {@code user}; {@code authenticated} when that user needs no password (as Redis). */
    public Client(long id, Channel channel, AclUser user, boolean authenticated) {
        this.id = id;
        this.channel = channel;
        this.user = user;
        this.authenticated = authenticated;
        this.peer = format(channel.remoteAddress());
        this.local = format(channel.localAddress());
    }

    private static String format(java.net.SocketAddress a) {
        if (a instanceof InetSocketAddress) {
            InetSocketAddress i = (InetSocketAddress) a;
            return i.getAddress().getHostAddress() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    public long id() { return id; }

    public Channel channel() { return channel; }

    public RespWriter out() { return out; }

    public String peer() { return peer; }

    public String local() { return local; }

    public long createdAtMillis() { return createdAtMillis; }

    public String name() { return name; }

    public void name(String name) { this.name = name; }

    public String libName() { return libName; }

    public void libName(String v) { this.libName = v; }

    public String libVersion() { return libVersion; }

    public void libVersion(String v) { this.libVersion = v; }

    public boolean authenticated() { return authenticated; }

    /** The name of the user the connection runs as. */
    public String user() { return user.name(); }

    public AclUser aclUser() { return user; }

    /** AUTH / HELLO AUTH succeeded. */
    public void login(AclUser u) {
        this.user = u;
        this.authenticated = true;
    }

    /** Back to the default user, not authenticated (RESET, or the user was deleted). */
    public void logout(AclUser defaultUser) {
        this.user = defaultUser;
        this.authenticated = false;
    }

    public long lastInteractionMillis() { return lastInteractionMillis; }

    public void touch(long nowMillis) { this.lastInteractionMillis = nowMillis; }

    public String lastCommand() { return lastCommand; }

    public void lastCommand(String name) { this.lastCommand = name; }

    public boolean noEvict() { return noEvict; }

    public void noEvict(boolean v) { this.noEvict = v; }

    public int queryBufferBytes() { return queryBufferBytes; }

    public void queryBufferBytes(int n) { this.queryBufferBytes = n; }

    // ---- transactions

    public boolean inMulti() { return inMulti; }

    public void beginMulti() {
        inMulti = true;
        queued = new ArrayList<>();
        multiFailed = false;
    }

    public void queue(byte[][] argv) { queued.add(argv); }

    /** Queues a command; {@code denyOom} when it may use memory (EXEC then refuses while over maxmemory). */
    public void queue(byte[][] argv, boolean denyOom) {
        queued.add(argv);
        for (byte[] arg : argv) buffers.multiMem += arg.length;
        queuedDenyOom |= denyOom;
    }

    /** Whether a queued command is flagged DENYOOM. */
    public boolean queuedDenyOom() { return queuedDenyOom; }

    public void markMultiFailed() { multiFailed = true; }

    public boolean multiFailed() { return multiFailed; }

    /** Ends the transaction and hands back its queue. */
    public List<byte[][]> endMulti() {
        List<byte[][]> q = queued;
        buffers.multiMem = 0;
        inMulti = false;
        queued = null;
        multiFailed = false;
        queuedDenyOom = false;
        return q == null ? List.of() : q;
    }

    public int queuedCount() { return queued == null ? 0 : queued.size(); }

    // ---- WATCH: the keys this client watches (its own thread) and whether one was touched (any thread)

    public java.util.Set<io.stocktsdb.engine.key.Key> watchedKeys() { return watched; }

    public boolean watchTouched() { return watchTouched; }

    public void watchTouched(boolean v) { this.watchTouched = v; }

    /** Error replies already counted in errorstats by nested executions (EXEC's commands), so EXEC counts only its own. */
    public long recordedErrors() { return recordedErrors; }

    public void addRecordedErrors(long n) { recordedErrors += n; }

    /** The commands queued since MULTI (not a copy), empty outside a transaction. */
    public List<byte[][]> queued() { return queued == null ? List.of() : queued; }

    /** Cluster mode: READONLY / ASKING state of this connection. */
    public io.stocktsdb.server.cluster.ConnectionRouting routing() { return routing; }

    // ---- durability: the highest op-log sequence this read batch produced

    public void notePendingSeq(long seq) {
        if (seq > pendingSeq) pendingSeq = seq;
    }

    public long pendingSeq() { return pendingSeq; }

    /**
     * Work to do once per read batch, after its last command and before its commit (BATCH_SET
     * stages the batch's new points in one record); returns the op-log seq to commit, or 0.
     */
    public void beforeCommit(java.util.function.LongSupplier task) { this.beforeCommit = task; }

    /** Runs and clears the before-commit task; called by the connection handler. */
    public void runBeforeCommit() {
        java.util.function.LongSupplier task = beforeCommit;
        if (task == null) return;
        beforeCommit = null;
        notePendingSeq(task.getAsLong());
    }

    /** Where replies known only later go (set by the connection's handler; null on internal clients). */
    public DeferredReplies deferredReplies() { return deferredReplies; }

    public void deferredReplies(DeferredReplies d) { this.deferredReplies = d; }

    // ---- lifecycle

    /** Close the connection once the current replies are flushed (QUIT, protocol errors). */
    public void closeAfterReply() { closeAfterReply = true; }

    public boolean closing() { return closeAfterReply; }

    /** When the pending output first went over the soft limit (0 = it is not over). */
    public long outputSoftLimitSinceMillis() { return outputSoftLimitSinceMillis; }

    public void outputSoftLimitSinceMillis(long v) { this.outputSoftLimitSinceMillis = v; }

    /** Per-connection BATCH_SET buffer owned by the seed commands. */
    public Object seedBatch() { return seedBatch; }

    public void seedBatch(Object batch) { this.seedBatch = batch; }

    // ---- Pub/Sub, MONITOR and CLIENT REPLY

    /** The channels, patterns and shard channels this connection subscribes to. */
    public Subscriptions subscriptions() { return subscriptions; }

    /** Where pushed frames go (set by the connection's handler; null on internal clients). */
    public void pushSink(PushSink sink) { this.pushSink = sink; }

    /** Sends a Pub/Sub message or MONITOR line: {@code resp2} or {@code resp3} by the connection's protocol. */
    public void push(byte[] resp2, byte[] resp3) {
        PushSink sink = pushSink;
        if (sink != null) sink.push(out.protocol() == 3 ? resp3 : resp2);
    }

    /** Buffer sizes and traffic counters CLIENT LIST shows (written by the connection's thread). */
    public ClientBuffers buffers() { return buffers; }

    /** MONITOR: this connection receives every command the server runs. */
    public boolean monitor() { return monitor; }

    public void monitor(boolean v) { this.monitor = v; }

    /** CLIENT REPLY ON|OFF|SKIP. */
    public ReplyMode replyMode() { return replyMode; }

    public void replyMode(ReplyMode mode) { this.replyMode = mode; }

    /** CLIENT REPLY's modes: SKIP drops the next command's reply only. */
    public enum ReplyMode { ON, OFF, SKIP }

    /** CLIENT LIST flags as Redis orders them: O monitor, P Pub/Sub, x MULTI, r READONLY (cluster), e no-evict, N none. */
    public String flags() {
        StringBuilder sb = new StringBuilder();
        if (monitor) sb.append('O');
        if (subscriptions.active()) sb.append('P');
        if (inMulti) sb.append('x');
        if (routing.readonly()) sb.append('r');
        if (noEvict) sb.append('e');
        return sb.length() == 0 ? "N" : sb.toString();
    }

    public int protocol() { return out.protocol(); }
}
