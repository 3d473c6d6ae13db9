package io.stocktsdb.server.cli;

import io.stocktsdb.server.client.RespConnection;
import io.stocktsdb.server.client.RespError;
import io.stocktsdb.server.config.ConfigFields;
import io.stocktsdb.server.config.Settings;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketException;

/**
 * {@code stocktsdb shutdown [server flags]}: sends SHUTDOWN (after AUTH when requirepass is set)
 * to the server those flags describe, as {@code bin/stocktsdb.sh stop} does. The server closes
 * the connection when it accepts; it then checkpoints and exits on its own.
 */
public final class ShutdownCommand {
    private ShutdownCommand() {}

    /** Returns 0 when the server accepted SHUTDOWN, 1 when it refused or could not be reached. */
    public static int run(Settings settings, int timeoutMs, PrintWriter err) {
        String host = connectHost(settings.getString(ConfigFields.BIND_ADDR));
        int port = settings.getInt(ConfigFields.PORT);
        try (RespConnection c = RespConnection.open(host, port, settings.getString(ConfigFields.REQUIREPASS), timeoutMs)) {
            Object reply = c.call("SHUTDOWN");
            if (reply instanceof RespError e) {
                err.println("stocktsdb: SHUTDOWN refused: " + e.message());
                return 1;
            }
            err.println("stocktsdb: unexpected reply to SHUTDOWN: " + reply);
            return 1;
        } catch (EOFException | SocketException e) {
            return 0; // the server closed the connection: shutdown under way
        } catch (IOException e) {
            err.println("stocktsdb: cannot reach " + host + ":" + port + ": " + e.getMessage());
            return 1;
        }
    }

    /** A wildcard bind address is reached through the loopback interface. */
    static String connectHost(String bind) {
        if (bind.equals("0.0.0.0") || bind.isEmpty()) return "127.0.0.1";
        if (bind.equals("::") || bind.equals("[::]")) return "::1";
        return bind;
    }
}
