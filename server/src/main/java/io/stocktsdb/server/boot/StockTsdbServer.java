package io.stocktsdb.server.boot;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.ServerState;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import io.stocktsdb.server.metrics.MetricsHttpServer;
import io.stocktsdb.server.transport.ClientHandler;
import io.stocktsdb.server.transport.DurabilityBarrier;
import io.stocktsdb.server.transport.NettyTransport;
import io.stocktsdb.server.transport.TlsContexts;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running server: storage, commands, event loops and background chores. */
public final class StockTsdbServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StockTsdbServer.class);

    private final ServerContext context;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private RespListeners listeners;
    private ScheduledExecutorService chores;
    private MetricsHttpServer metrics;
    private volatile boolean closing;

    private StockTsdbServer(Settings settings) {
        this.context = new ServerContext(settings);
    }

    /** Opens storage, binds the port and starts serving. */
    public static StockTsdbServer start(Settings settings) throws InterruptedException {
        StockTsdbServer server = new StockTsdbServer(settings);
        try {
            server.startInternal();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void startInternal() throws InterruptedException {
        Settings s = context.settings();
        String bind = s.getString(ConfigFields.BIND_ADDR);
        // first, so that /health answers "loading" while the op log replays
        io.stocktsdb.server.cluster.Topology topology = ClusterStartup.loadTopology(s);
        startMetrics(s, bind);
        NettyTransport transport = NettyTransport.choose(s.getString(ConfigFields.TRANSPORT));
        int threads = s.getInt(ConfigFields.IO_THREADS);
        if (threads == 0) threads = Runtime.getRuntime().availableProcessors();
        bossGroup = transport.newGroup(1, "stocktsdb-accept");
        workerGroup = transport.newGroup(threads, "stocktsdb-io");
        context.commandHold().attach(workerGroup);
        DurabilityBarrier durability = new DurabilityBarrier() {
            @Override
            public boolean isDurable(long seq) { return context.isDurable(seq); }

            @Override
            public void awaitDurable(long seq) { context.awaitDurable(seq); }
        };
        // Ports are bound before storage opens, so a busy port fails at once and touches no data;
        // they accept only once storage is loaded (clients that connect meanwhile wait in the backlog).
        listeners = new RespListeners(context, tls -> bootstrap(transport, tls, durability));
        listeners.bindPaused(s);
        int port = context.tcpPort();
        context.transportName(transport.name());
        context.openStorage();
        context.listeners(listeners);
        Commands.registerAll(context);
        context.acl().start(s);
        // after the commands: a replicated shard applies its log through them
        if (topology != null) ClusterStartup.start(context, topology);
        if (topology != null) {
            context.cluster().fanOut(new io.stocktsdb.server.cluster.ShardFanOut(topology, context.cluster().roles(),
                    new io.stocktsdb.server.cluster.PeerPool(workerGroup, transport.socketChannel(),
                            () -> context.settings().getString(ConfigFields.REQUIREPASS)),
                    () -> context.settings().getInt(ConfigFields.CLUSTER_QUERY_TIMEOUT_MS)));
        }
        context.onShutdownRequest(() -> new Thread(this::close, "stocktsdb-shutdown").start());
        chores = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "stocktsdb-chores");
            t.setDaemon(true);
            return t;
        });
        context.memory().sample();
        chores.scheduleAtFixedRate(() -> {
            context.stats().opsSampler().sample();
            context.memory().sample();
        }, 100, 100, TimeUnit.MILLISECONDS);
        chores.scheduleAtFixedRate(new IdleClientSweep(context), 1, 1, TimeUnit.SECONDS);
        chores.scheduleAtFixedRate(new OutputBufferSweep(context), 1, 1, TimeUnit.SECONDS);
        new ActiveExpiryCycle(context, chores).start();
        context.state(ServerState.SERVING);
        listeners.accept();
        if (listeners.hasTls()) {
            log.info("TLS listener ready port={} provider={} client_auth={}", context.tlsPort(), TlsContexts.providerName(),
                    s.getString(ConfigFields.TLS_AUTH_CLIENTS));
        }
        // after accepting: peers starting at the same time answer each other only once serving
        ClusterStartup.checkPeers(context, chores);
        log.info("StockTSDB ready bind={} port={} transport={} io_threads={} data_dir={}",
                bind, port, transport.name(), threads, s.getString(ConfigFields.DATA_DIR));
    }

    /**
     * The metrics endpoint. A port the operator asked for must be bound; the default one may be
     * taken by another program (9400 is common), which only costs the endpoint, not the server.
     */
    private void startMetrics(Settings s, String bind) {
        int metricsPort = s.getInt(ConfigFields.METRICS_PORT);
        if (metricsPort == 0) return;
        try {
            metrics = MetricsHttpServer.start(context, bind, metricsPort);
        } catch (java.io.UncheckedIOException e) {
            if (s.isExplicit(ConfigFields.METRICS_PORT)) throw e;
            log.warn("metrics endpoint off: {} (the default metrics_port is in use; choose one with --metrics-port N, "
                    + "or --metrics-port 0 to turn the endpoint off)", e.getMessage());
        }
    }

    /** One listener's bootstrap; with {@code tls} each connection starts with an SslHandler. */
    private ServerBootstrap bootstrap(NettyTransport transport, SslContext tls, DurabilityBarrier durability) {
        return new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        ch.pipeline().addLast(new ClientHandler(context, durability));
                    }
                });
    }

    public int port() { return context.tcpPort(); }

    /** The HTTP port of /metrics and /health, or 0 when the endpoint is off. */
    public int metricsPort() { return metrics == null ? 0 : metrics.port(); }

    /** The TLS port, 0 when TLS is off. */
    public int tlsPort() { return context.tlsPort(); }

    public ServerContext context() { return context; }

    /** Blocks until the server has stopped. */
    public void awaitStopped() throws InterruptedException { stopped.await(); }

    /** Graceful stop: refuse new connections, let in-flight commands finish, close storage cleanly. */
    @Override
    public synchronized void close() {
        if (closing) return;
        closing = true;
        context.state(ServerState.STOPPING);
        log.info("StockTSDB shutting down");
        try {
            if (listeners != null) listeners.close();
            if (chores != null) chores.shutdownNow();
            if (workerGroup != null) workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            if (bossGroup != null) bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            if (metrics != null) metrics.close();
            if (context.cluster() != null) context.cluster().roles().close();
            context.snapshots().close();
            context.closeStorage();
            log.info("StockTSDB stopped");
        } finally {
            stopped.countDown();
        }
    }
}
