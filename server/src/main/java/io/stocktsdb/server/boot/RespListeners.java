package io.stocktsdb.server.boot;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.ssl.SslContext;
import io.stocktsdb.server.ListenerControl;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.config.ConfigField;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import io.stocktsdb.server.transport.TlsContexts;
import java.net.InetSocketAddress;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RESP listeners (plain TCP and, when tls_port is set, TLS). At start they are bound paused
 * and accept once storage is loaded; CONFIG SET port/bind/tls-port moves them at runtime: the new
 * listener is bound first and the old one closed after, so a refused address changes nothing.
 * The one exception is a new address that overlaps the old one on the same port (127.0.0.1 to
 * 0.0.0.0): the kernel frees the port only when the old listener closes, so it closes first and
 * is bound again if the new address fails. Accepted connections stay open either way.
 */
final class RespListeners implements ListenerControl {
    private static final Logger log = LoggerFactory.getLogger(RespListeners.class);
    private static final String BIND_FAILED = "Failed to bind to specified addresses.";
    private static final String TLS_LISTEN_FAILED = "Unable to listen on this port. Check server logs.";
    private static final String TLS_CONFIG_FAILED = "Unable to update TLS configuration. Check server logs.";

    private final ServerContext context;
    /** A bootstrap for plain connections (null) or TLS ones. */
    private final Function<SslContext, ServerBootstrap> bootstraps;
    private volatile Channel tcp;
    private volatile Channel tls;
    private SslContext tlsContext;

    RespListeners(ServerContext context, Function<SslContext, ServerBootstrap> bootstraps) {
        this.context = context;
        this.bootstraps = bootstraps;
    }

    /** Binds the listeners the settings ask for without accepting yet; a failure names the address. */
    void bindPaused(Settings s) throws InterruptedException {
        String bind = s.getString(ConfigFields.BIND_ADDR);
        tcp = bind(bootstraps.apply(null), bind, s.getInt(ConfigFields.PORT), "port");
        context.tcpPort(port(tcp));
        if (s.getInt(ConfigFields.TLS_PORT) != 0) {
            tlsContext = TlsContexts.server(s);
            tls = bind(bootstraps.apply(tlsContext), bind, s.getInt(ConfigFields.TLS_PORT), "tls_port");
            context.tlsPort(port(tls));
        }
    }

    /** Starts accepting (after recovery). */
    void accept() {
        tcp.config().setAutoRead(true);
        if (tls != null) tls.config().setAutoRead(true);
    }

    boolean hasTls() { return tls != null; }

    @Override
    public synchronized void rebind(Settings current, Settings next) {
        String oldBind = current.getString(ConfigFields.BIND_ADDR);
        String newBind = next.getString(ConfigFields.BIND_ADDR);
        boolean bindChanged = !oldBind.equals(newBind);
        boolean portChanged = next.getInt(ConfigFields.PORT) != current.getInt(ConfigFields.PORT);
        boolean tlsChanged = next.getInt(ConfigFields.TLS_PORT) != current.getInt(ConfigFields.TLS_PORT);
        // a port left as it was (even 0, "any free port") stays the one bound now
        int newPort = portChanged ? next.getInt(ConfigFields.PORT) : context.tcpPort();
        int newTls = tlsChanged || tls == null ? next.getInt(ConfigFields.TLS_PORT) : context.tlsPort();
        boolean moveTcp = bindChanged || portChanged;
        boolean moveTls = tlsChanged || (bindChanged && newTls != 0);
        if (!moveTcp && !moveTls) return;
        ConfigField tcpField = bindChanged ? ConfigFields.BIND_ADDR : ConfigFields.PORT;
        if (context.cluster() != null) {
            throw new RebindException(moveTcp ? tcpField : ConfigFields.TLS_PORT, "can't move the listener of a cluster node (its address is in the cluster topology)");
        }
        int oldTcpPort = port(tcp);
        if (moveTcp) {
            tcp = move(tcp, null, newBind, newPort, tcpField, BIND_FAILED);
            context.tcpPort(port(tcp));
        }
        if (!moveTls) return;
        try {
            if (newTls == 0) {
                if (tls != null) tls.close().syncUninterruptibly();
                tls = null;
                context.tlsPort(0);
                return;
            }
            SslContext ctx = tlsContext;
            if (ctx == null) {
                try {
                    ctx = TlsContexts.server(next);
                } catch (RuntimeException e) {
                    log.warn("TLS configuration failed: {}", e.toString());
                    throw new RebindException(ConfigFields.TLS_PORT, TLS_CONFIG_FAILED);
                }
            }
            tls = move(tls, ctx, newBind, newTls, ConfigFields.TLS_PORT, TLS_LISTEN_FAILED);
            tlsContext = ctx;
            context.tlsPort(port(tls));
        } catch (RebindException e) {
            if (moveTcp) { // all or nothing: the plain listener goes back where it was
                tcp = move(tcp, null, oldBind, oldTcpPort, tcpField, BIND_FAILED);
                context.tcpPort(port(tcp));
            }
            throw e;
        }
    }

    /** Binds the new listener, then closes {@code old}; see the class comment for the overlapping case. */
    private Channel move(Channel old, SslContext ctx, String bind, int port, ConfigField field, String reason) {
        Channel fresh;
        try {
            fresh = bind(bootstraps.apply(ctx), bind, port, field.key());
        } catch (IllegalStateException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            if (old == null || port == 0 || port != port(old)) {
                log.warn("listener not moved: {}", e.getMessage());
                throw new RebindException(field, reason);
            }
            InetSocketAddress was = (InetSocketAddress) old.localAddress();
            old.close().syncUninterruptibly();
            try {
                fresh = bind(bootstraps.apply(ctx), bind, port, field.key());
            } catch (IllegalStateException | InterruptedException again) {
                log.warn("listener not moved: {}", again.getMessage());
                try {
                    Channel back = bind(bootstraps.apply(ctx), was.getAddress().getHostAddress(), was.getPort(), field.key());
                    back.config().setAutoRead(true);
                    if (old == tcp) tcp = back;
                    else tls = back;
                } catch (IllegalStateException | InterruptedException lost) {
                    log.error("the old listener {} could not be bound again: {}", was, lost.getMessage());
                }
                throw new RebindException(field, reason);
            }
            fresh.config().setAutoRead(true);
            log.info("listener moved from {} to {}", was, fresh.localAddress());
            return fresh;
        }
        fresh.config().setAutoRead(true);
        if (old != null) {
            log.info("listener moved from {} to {}", old.localAddress(), fresh.localAddress());
            old.close().syncUninterruptibly();
        }
        return fresh;
    }

    void close() {
        Channel t = tcp;
        Channel s = tls;
        if (t != null) t.close().syncUninterruptibly();
        if (s != null) s.close().syncUninterruptibly();
    }

    private static int port(Channel c) { return ((InetSocketAddress) c.localAddress()).getPort(); }

    /** Binds a listener that does not accept yet; a failure names the address. */
    private static Channel bind(ServerBootstrap bootstrap, String bind, int port, String setting) throws InterruptedException {
        ChannelFuture f = bootstrap.bind(bind, port).await();
        if (!f.isSuccess()) {
            Throwable cause = f.cause();
            String why = cause.getMessage() == null ? cause.toString() : cause.getMessage().replaceFirst("^bind\\(\\.\\.\\) failed with error\\(-?\\d+\\): ", "");
            throw new IllegalStateException("cannot bind " + setting + " " + bind + ":" + port + ": " + why, cause);
        }
        return f.channel();
    }
}
