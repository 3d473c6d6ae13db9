package io.stocktsdb.server.command.server;

import static io.stocktsdb.server.command.CommandFlag.ADMIN;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.PROTECTED;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.ServerContext;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEBUG, behind enable-debug-command (default no, as Redis). Only the subcommands this server
 * can do truly: RELOAD (the store closed and opened again in-process, every client's commands held
 * meanwhile), ERROR, LOG, SET-ACTIVE-EXPIRE, SLEEP (which stops the calling connection's event
 * loop, so the clients sharing that loop wait as all of Redis's would) and HELP.
 */
public final class DebugCommand {
    private static final Logger log = LoggerFactory.getLogger(DebugCommand.class);
    private static final String[] HELP = {
        "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "RELOAD [option ...]",
        "    Checkpoint the storage, close it and open it again (recovery rebuilds the",
        "    data set in memory from disk). Valid <option> values:",
        "    * MERGE: accepted; every key comes from the storage, none can conflict.",
        "    * NOSAVE: no checkpoint first: recovery replays the op log since the last one.",
        "ERROR <string>",
        "    Return a Redis protocol error with <string> as message. Useful for clients",
        "    unit tests to simulate Redis errors.",
        "LOG <message>",
        "    Write <message> to the server log.",
        "SET-ACTIVE-EXPIRE <0|1>",
        "    Setting it to 0 disables expiring keys in background when they are not",
        "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
        "    default.",
        "SLEEP <seconds>",
        "    Stop the server for <seconds>. Decimals allowed.",
        "HELP",
        "    Print this help.",
    };

    private final ServerContext server;

    public DebugCommand(ServerContext server) {
        this.server = server;
    }

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("debug", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE, PROTECTED)
                .docs("server", "1.0.0", "A container for debugging commands.").handler(this::debug).build());
    }

    private void debug(Client c, RespRequest a) {
        if (a.argc() == 2 && a.equalsIgnoreCase(1, "HELP")) {
            c.out().arrayHeader(HELP.length);
            for (String line : HELP) c.out().simpleString(line);
        } else if (a.equalsIgnoreCase(1, "RELOAD")) {
            reload(c, a);
        } else if (a.argc() == 3 && a.equalsIgnoreCase(1, "ERROR")) {
            throw new CommandException(Errors.debugError(a.string(2)));
        } else if (a.argc() == 3 && a.equalsIgnoreCase(1, "LOG")) {
            log.warn("DEBUG LOG: {}", a.string(2));
            c.out().ok();
        } else if (a.argc() == 3 && a.equalsIgnoreCase(1, "SET-ACTIVE-EXPIRE")) {
            server.activeExpire(atoi(a.string(2)) != 0);
            c.out().ok();
        } else if (a.argc() == 3 && a.equalsIgnoreCase(1, "SLEEP")) {
            sleep(seconds(a.string(2)));
            c.out().ok();
        } else {
            throw new CommandException(Errors.unknownSubcommandOrArity(a.string(1), "DEBUG"));
        }
    }

    /**
     * Redis's RELOAD saves the RDB, empties memory and loads it back. Here the store is the data
     * set: it is checkpointed (NOSAVE: not), closed and reopened, and the reply follows recovery.
     * MERGE changes nothing (after the flush nothing in memory can conflict with a key loaded);
     * NOFLUSH, loading a file over the data set kept in memory, has no counterpart: refused.
     */
    private void reload(Client c, RespRequest a) {
        boolean checkpoint = true;
        boolean noflush = false;
        for (int i = 2; i < a.argc(); i++) {
            if (a.equalsIgnoreCase(i, "MERGE")) {
                continue;
            } else if (a.equalsIgnoreCase(i, "NOFLUSH")) {
                noflush = true;
            } else if (a.equalsIgnoreCase(i, "NOSAVE")) {
                checkpoint = false;
            } else {
                throw new CommandException(Errors.DEBUG_RELOAD_OPTIONS);
            }
        }
        if (noflush) throw new CommandException(Errors.DEBUG_RELOAD_NOFLUSH);
        if (server.cluster() != null) throw new CommandException(Errors.DEBUG_RELOAD_CLUSTER);
        try {
            server.reloadStorage(checkpoint);
        } catch (RuntimeException e) {
            if (!server.storageLost()) {
                log.warn("DEBUG RELOAD failed before the store was closed; it serves on: {}", e.toString());
                throw new CommandException(Errors.SAVE_FAILED); // Redis's reply when its RDB save fails
            }
            log.error("DEBUG RELOAD could not reopen the store; shutting down (restart to recover)", e);
            server.requestShutdown();
            throw new CommandException(Errors.DEBUG_RELOAD_FAILED);
        }
        log.info("DB reloaded by DEBUG RELOAD");
        c.out().ok();
    }

    /** C's atoi, as Redis reads SET-ACTIVE-EXPIRE's flag: leading digits, 0 when there are none. */
    private static long atoi(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d{1,18})").matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Redis reads the time with strtod and no check: a text that is not a number sleeps 0 s. */
    private static double seconds(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?").matcher(text);
        return m.find() ? Double.parseDouble(m.group().trim()) : 0;
    }

    private static void sleep(double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        for (long left = deadline - System.nanoTime(); seconds > 0 && left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
