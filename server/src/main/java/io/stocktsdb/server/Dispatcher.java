package io.stocktsdb.server;

import io.stocktsdb.engine.error.TsdbException;
import io.stocktsdb.engine.error.WrongTypeException;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.acl.AclVerdict;
import io.stocktsdb.server.acl.ArgumentRedaction;
import io.stocktsdb.server.command.AclCategory;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandFlag;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.stats.SlowLog;
import io.stocktsdb.server.cluster.ClusterMode;
import io.stocktsdb.server.cluster.ConnectionRouting;
import io.stocktsdb.server.cluster.Route;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the generic checks every command shares (existence, arity, authentication, ACL
 * permissions, maxmemory, MULTI queueing) from the registry's metadata, in Redis's order, then the
 * handler, then the statistics.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final byte[] QUEUED = "+QUEUED\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final ServerContext server;

    public Dispatcher(ServerContext server) { this.server = server; }

    public void dispatch(Client client, RespRequest req) {
        RespWriter out = client.out();
        CommandSpec spec = server.registry().lookup(req);
        if (spec == null) {
            reject(client, null, Errors.unknownCommand(req));
            return;
        }
        if (!spec.arityAccepts(req.argc())) {
            reject(client, spec, Errors.wrongArity(spec.name()));
            return;
        }
        if (spec.isContainer() && (req.argc() > 1 || spec.handler() == null)) {
            CommandSpec sub = CommandRegistry.lookupSubcommand(spec, req);
            if (sub == null) {
                reject(client, spec, Errors.unknownSubcommand(req.string(1), spec.name()));
                return;
            }
            if (!sub.arityAccepts(req.argc())) {
                reject(client, sub, Errors.wrongArity(sub.name()));
                return;
            }
            spec = sub;
        }
        if (spec.has(CommandFlag.PROTECTED) && !ProtectedCommands.allowed(server, client)) {
            reject(client, spec, Errors.DEBUG_NOT_ALLOWED);
            return;
        }
        if (!client.authenticated() && !spec.has(CommandFlag.NO_AUTH) && server.acl().authenticationRequired()) {
            reject(client, spec, Errors.NOAUTH);
            return;
        }
        int verdict = AccessControl.check(client, spec, req);
        if (verdict != AclVerdict.ALLOWED) {
            reject(client, spec, server.acl().refuse(client, spec, req, verdict));
            return;
        }
        Route route = null;
        ClusterMode cluster = server.cluster();
        if (cluster != null) {
            route = route(cluster, client, spec, req);
            if (route == null) return;
        }
        if (server.memory().overLimit()
                && (spec.has(CommandFlag.DENYOOM) || (client.inMulti() && !spec.has(CommandFlag.TRANSACTION_CONTROL)))) {
            reject(client, spec, Errors.OOM);
            return;
        }
        // as Redis while its AOF cannot be written: writes (and PING, so that monitoring notices) are refused before they run
        if (spec.has(CommandFlag.WRITE) || spec.name().equals("ping")) {
            String diskError = server.engine().writeError();
            if (diskError != null) {
                reject(client, spec, Errors.misconf(diskError));
                return;
            }
        }
        if (client.protocol() == 2 && client.subscriptions().active() && !SubscribedState.allows(spec)) {
            reject(client, spec, Errors.onlySubscribeCommands(spec.name()));
            return;
        }
        if (client.inMulti() && !spec.has(CommandFlag.TRANSACTION_CONTROL)) {
            if (spec.has(CommandFlag.NO_MULTI)) {
                reject(client, spec, Errors.NOT_IN_TRANSACTION);
                return;
            }
            if (cluster != null && cluster.gathers(spec.name())) {
                reject(client, spec, Errors.crossShardInMulti(spec.name()));
                return;
            }
            client.lastCommand(spec.name()); // CLIENT LIST cmd= shows a queued command, as Redis
            client.queue(req.copyAll(), spec.has(CommandFlag.DENYOOM));
            out.raw(QUEUED);
            return;
        }
        if (client.inMulti() && spec.name().equals("exec") && !client.multiFailed() && client.queuedDenyOom() && server.memory().overLimit()) {
            // Redis refuses the whole transaction when it would use memory while over maxmemory.
            reject(client, spec, Errors.EXECABORT_OOM);
            client.endMulti();
            server.watches().unwatchAll(client);
            return;
        }
        // cross-shard queries defer their own reply (after the connection's pending ones) and read every shard
        if (route != null && !cluster.runsInPlace(spec.name())) server.replicatedExecution().execute(route, client, spec, req);
        else execute(client, spec, req);
    }

    /**
     * Cluster mode: where the command runs (EXEC: its whole queue), or null once refused with
     * MOVED/CROSSSLOT (a refused EXEC discards its transaction, as Redis). ASKING lasts one command.
     */
    private Route route(ClusterMode cluster, Client client, CommandSpec spec, RespRequest req) {
        ConnectionRouting conn = client.routing();
        Route route;
        boolean exec = spec.has(CommandFlag.TRANSACTION_CONTROL) && client.inMulti() && "exec".equals(spec.name());
        if (exec) {
            List<CommandSpec> specs = new ArrayList<>();
            List<RespRequest> reqs = new ArrayList<>();
            for (byte[][] argv : client.queued()) {
                RespRequest q = RespRequest.of(argv);
                CommandSpec s = server.registry().lookup(q);
                specs.add(s.isContainer() ? CommandRegistry.lookupSubcommand(s, q) : s);
                reqs.add(q);
            }
            route = cluster.router().routeAll(specs, reqs, conn);
        } else {
            route = cluster.router().route(spec, req, conn);
        }
        if (!client.inMulti() && !"asking".equals(spec.name())) conn.asking(false);
        if (!route.refused()) return route;
        if (exec) client.endMulti();
        reject(client, spec, Errors.of(route.refusal()));
        return null;
    }

    /** Runs an already-checked command (also used by EXEC for each queued command). */
    public void execute(Client client, CommandSpec spec, RespRequest req) {
        RespWriter out = client.out();
        long errorsBefore = out.errorCount();
        long nestedBefore = client.recordedErrors();
        client.lastCommand(spec.name());
        client.buffers().commands++;
        long start = System.nanoTime();
        server.events().beforeCommand(spec, req);
        try {
            spec.handler().execute(client, req);
        } catch (CommandException e) {
            out.error(e.getMessage());
        } catch (TsdbException e) {
            out.error(Errors.of(e));
        } catch (WrongTypeException e) {
            out.error(Errors.WRONGTYPE);
        } catch (RuntimeException e) {
            log.error("command failed command={} client={}", spec.name(), client.id(), e);
            out.error(Errors.INTERNAL);
        }
        server.events().afterCommand();
        long nanos = System.nanoTime() - start;
        long micros = nanos / 1000;
        spec.stats().recordLatency(nanos);
        if (spec.has(CommandFlag.WRITE)) client.notePendingSeq(server.engine().lastAssignedSeq());
        // Errors of the commands EXEC ran are counted by their own execution, once.
        long ownErrors = out.errorCount() - errorsBefore - (client.recordedErrors() - nestedBefore);
        boolean failed = ownErrors > 0;
        if (failed) server.stats().recordError(out.lastError());
        client.addRecordedErrors(ownErrors);
        if (spec.has(CommandFlag.WRITE) && spec.categories().contains(AclCategory.TIMESERIES)) server.watches().touchKeys(spec, req);
        spec.stats().recordCall(micros, failed);
        server.monitors().feed(client, spec, req);
        server.stats().commandsProcessed.increment();
        long threshold = server.settings().slowlogSlowerThan();
        if (threshold >= 0 && micros >= threshold && !spec.has(CommandFlag.SKIP_SLOWLOG)) {
            byte[][] head = req.copyFirst(SlowLog.ARGS_KEPT, SlowLog.MAX_ARG_BYTES);
            server.slowLog().add(micros, ArgumentRedaction.redact(spec, head), i -> head[i] == ArgumentRedaction.REDACTED ? head[i].length : req.length(i),
                    req.argc(), client.peer(), client.name() == null ? "" : client.name(),
                    server.settings().getInt(ConfigFields.SLOWLOG_MAX_LEN));
        }
    }

    /** EXEC: runs the queue, one reply per command inside one array. */
    public void executeQueued(Client client, List<byte[][]> queue) {
        client.out().arrayHeader(queue.size());
        boolean streaming = client.out().streaming(false); // replies nested in EXEC's array are written whole
        try {
            runQueue(client, queue);
        } finally {
            client.out().streaming(streaming);
        }
    }

    private void runQueue(Client client, List<byte[][]> queue) {
        for (byte[][] argv : queue) {
            RespRequest req = RespRequest.of(argv);
            CommandSpec spec = server.registry().lookup(req);
            if (spec.isContainer()) spec = CommandRegistry.lookupSubcommand(spec, req);
            int verdict = AccessControl.check(client, spec, req); // the rules may have changed since queueing
            if (verdict != AclVerdict.ALLOWED) {
                client.out().error(server.acl().refuseAtExec(client, spec, req, verdict));
                continue;
            }
            execute(client, spec, req);
        }
    }

    /** Answers {@code message} instead of running the command, counted as a rejected call. */
    public void refuse(Client client, CommandSpec spec, String message) {
        reject(client, spec, message);
    }

    private void reject(Client client, CommandSpec spec, String message) {
        client.out().error(message);
        server.stats().recordError(message);
        if (spec != null) spec.stats().recordRejected();
        if (client.inMulti()) client.markMultiFailed();
    }
}
