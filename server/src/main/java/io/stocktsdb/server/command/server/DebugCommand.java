package io.stocktsdb.server.command.server;

import static io.stocktsdb.server.command.CommandFlag.ADMIN;
import static io.stocktsdb.server.command.CommandFlag.LOADING;
import static io.stocktsdb.server.command.CommandFlag.NOSCRIPT;
import static io.stocktsdb.server.command.CommandFlag.PROTECTED;
import static io.stocktsdb.server.command.CommandFlag.STALE;

import io.stocktsdb.resp.RespRequest;
import io.stocktsdb.server.command.CommandException;
import io.stocktsdb.server.command.CommandRegistry;
import io.stocktsdb.server.command.CommandSpec;
import io.stocktsdb.server.command.Errors;
import io.stocktsdb.server.net.Client;
import java.util.concurrent.locks.LockSupport;

/**
 * DEBUG, behind enable-debug-command (default no, as Redis). Only the subcommands this server
 * can do truly: SLEEP (which stops the calling connection's event loop, so the clients sharing
 * that loop wait as all of Redis's would) and HELP.
 */
public final class DebugCommand {
    private static final String[] HELP = {
        "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "SLEEP <seconds>",
        "    Stop the server for <seconds>. Decimals allowed.",
        "HELP",
        "    Print this help.",
    };

    public void register(CommandRegistry r) {
        r.register(CommandSpec.builder("debug", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE, PROTECTED)
                .docs("server", "1.0.0", "A container for debugging commands.").handler(this::debug).build());
    }

    private void debug(Client c, RespRequest a) {
        if (a.argc() == 2 && a.equalsIgnoreCase(1, "HELP")) {
            c.out().arrayHeader(HELP.length);
            for (String line : HELP) c.out().simpleString(line);
        } else if (a.argc() == 3 && a.equalsIgnoreCase(1, "SLEEP")) {
            sleep(seconds(a.string(2)));
            c.out().ok();
        } else {
            throw new CommandException(Errors.unknownSubcommandOrArity(a.string(1), "DEBUG"));
        }
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
