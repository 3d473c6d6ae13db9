package io.stocktsdb.server;

import io.stocktsdb.engine.TsdbException;
import io.stocktsdb.engine.keyspace.StringOpException;
import io.stocktsdb.engine.keyspace.WrongTypeException;
import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.resp.RespWriter;
import io.stocktsdb.server.acl.AclVerdict;
import io.stocktsdb.server.acl.ArgumentRedaction;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandFlag;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.net.Client;
import io.stocktsdb.server.stats.SlowLog;
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
        if (!client.authenticated() && !spec.has(CommandFlag.NO_AUTH) && server.acl().authenticationRequired()) {
            reject(client, spec, Errors.NOAUTH);
            return;
        }
        int verdict = AccessControl.check(client, spec, req);
        if (verdict != AclVerdict.ALLOWED) {
            reject(client, spec, server.acl().refuse(client, spec, req, verdict));
            return;
        }
        if (server.memory().overLimit()
                && (spec.has(CommandFlag.DENYOOM) || (client.inMulti() && !spec.has(CommandFlag.TRANSACTION_CONTROL)))) {
            reject(client, spec, MemoryGuard.OOM);
            return;
        }
        if (client.inMulti() && !spec.has(CommandFlag.TRANSACTION_CONTROL)) {
            if (spec.has(CommandFlag.NO_MULTI)) {
                reject(client, spec, "ERR Command not allowed inside a transaction");
                return;
            }
            client.queue(req.copyAll());
            out.raw(QUEUED);
            return;
        }
        execute(client, spec, req);
    }

    /** Runs an already-checked command (also used by EXEC for each queued command). */
    public void execute(Client client, CommandSpec spec, RespRequest req) {
        RespWriter out = client.out();
        long errorsBefore = out.errorCount();
        client.lastCommand(spec.name());
        long start = System.nanoTime();
        try {
            spec.handler().execute(client, req);
        } catch (CommandException e) {
            out.error(e.getMessage());
        } catch (TsdbException e) {
            out.error(Errors.of(e));
        } catch (StringOpException e) {
            out.error(Errors.of(e.error()));
        } catch (WrongTypeException e) {
            out.error(Errors.WRONGTYPE);
        } catch (RuntimeException e) {
            log.error("command failed command={} client={}", spec.name(), client.id(), e);
            out.error(Errors.INTERNAL);
        }
        long nanos = System.nanoTime() - start;
        long micros = nanos / 1000;
        spec.stats().recordLatency(nanos);
        if (spec.has(CommandFlag.WRITE)) client.notePendingSeq(server.engine().lastAssignedSeq());
        boolean failed = out.errorCount() != errorsBefore;
        if (failed) server.stats().recordError(out.lastError());
        spec.stats().recordCall(micros, failed);
        server.stats().commandsProcessed.increment();
        long threshold = server.settings().getLong(ConfigFields.SLOWLOG_LOG_SLOWER_THAN);
        if (threshold >= 0 && micros >= threshold && !spec.has(CommandFlag.SKIP_SLOWLOG)) {
            server.slowLog().add(micros, ArgumentRedaction.redact(spec, req.copyFirst(SlowLog.ARGS_KEPT)), req.argc(), client.peer(), client.name() == null ? "" : client.name(),
                    server.settings().getInt(ConfigFields.SLOWLOG_MAX_LEN));
        }
    }

    /** EXEC: runs the queue, one reply per command inside one array. */
    public void executeQueued(Client client, List<byte[][]> queue) {
        client.out().arrayHeader(queue.size());
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

    private void reject(Client client, CommandSpec spec, String message) {
        client.out().error(message);
        server.stats().recordError(message);
        if (spec != null) spec.stats().recordRejected();
        if (client.inMulti()) client.markMultiFailed();
    }
}
